package dev.schemamodules.telehealth;

import dev.schemamodules.core.ModuleDescriptors;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.SchemaModule;

/**
 * The telehealth pharmacy schema: patients, providers, consultations, prescriptions, orders, partner
 * pharmacies, communication logs, treatment plans, analytics funnels and admin patient management.
 * Scripts: {@code db/telehealth}.
 */
public final class TelehealthSchemaModule implements SchemaModule {

    @Override
    public ModuleDescriptor descriptor() {
        return ModuleDescriptors.load(TelehealthSchemaModule.class, "telehealth");
    }
}
