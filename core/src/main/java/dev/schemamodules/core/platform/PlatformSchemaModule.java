package dev.schemamodules.core.platform;

import dev.schemamodules.core.ModuleDescriptors;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.SchemaModule;

/**
 * The platform module every domain may require: extensions, the {@code updated_at} trigger function,
 * prefixed public ids, and a Supabase-compatible {@code auth} schema. Scripts: {@code db/platform}.
 */
public final class PlatformSchemaModule implements SchemaModule {

    @Override
    public ModuleDescriptor descriptor() {
        return ModuleDescriptors.load(PlatformSchemaModule.class, "platform");
    }
}
