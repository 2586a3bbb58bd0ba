package dev.schemamodules.medication;

import dev.schemamodules.core.ModuleDescriptors;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.SchemaModule;

/**
 * The medication-reminder domain ("Das Tern"): users, connections, versioned prescriptions, dose
 * events, notifications, audit trail, subscriptions with storage quotas. Scripts: {@code db/medication}.
 */
public final class MedicationSchemaModule implements SchemaModule {

    @Override
    public ModuleDescriptor descriptor() {
        return ModuleDescriptors.load(MedicationSchemaModule.class, "medication");
    }
}
