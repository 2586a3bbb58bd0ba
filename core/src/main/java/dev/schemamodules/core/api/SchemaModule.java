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

    /**
     * The module-API level of this engine: what a module jar may rely on (descriptor keys, script kinds and
     * locations, placeholders, verify helpers). A module states the level it was built for as {@code api-level}
     * in its {@code module.properties}, filled in from the build property {@code schema-modules.module-api.level}
     * (parent pom; core's tests check the two agree). The engine refuses, before connecting, a module whose level
     * is above this one, and loads every lower level; a module without the key is level 1. Raise it (and the
     * property) when core adds something a module can use that an older engine would not honour.
     */
    int API_LEVEL = 1;

    /** {@return the module's descriptor: name, version, owned schemas, requirements, resource locations} */
    ModuleDescriptor descriptor();
}
