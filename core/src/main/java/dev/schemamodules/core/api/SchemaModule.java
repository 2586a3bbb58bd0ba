package dev.schemamodules.core.api;

/**
 * Service-provider interface of a schema module. Each module jar lists its implementation in
 * {@code META-INF/services/dev.schemamodules.core.api.SchemaModule}; nothing lists modules centrally.
 *
 * <p>An implementation is one line: {@code return ModuleDescriptors.load(getClass(), "therapy");}
 * ({@code dev.schemamodules.core.ModuleDescriptors})
 * The descriptor itself is data, in {@code db/<module>/module.properties}.
 */
public interface SchemaModule {

    /** The module's descriptor: name, version, owned schemas, requirements, resource locations. */
    ModuleDescriptor descriptor();
}
