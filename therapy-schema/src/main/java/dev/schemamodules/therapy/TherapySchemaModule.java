package dev.schemamodules.therapy;

import dev.schemamodules.core.ModuleDescriptors;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.SchemaModule;

/**
 * The therapy-practice module: organizations, therapists ("partners"), clients ("users"),
 * appointments, video sessions, therapy sessions, questionnaires and shared charts - the 18 tables of
 * the application's "Production Database Migration Plan", in its 8 phases. Scripts: {@code db/therapy}.
 */
public final class TherapySchemaModule implements SchemaModule {

    @Override
    public ModuleDescriptor descriptor() {
        return ModuleDescriptors.load(TherapySchemaModule.class, "therapy");
    }
}
