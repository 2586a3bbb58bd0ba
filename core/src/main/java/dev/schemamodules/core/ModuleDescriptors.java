package dev.schemamodules.core;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.SchemaModule;
import dev.schemamodules.core.internal.DescriptorParser;

/** Reads module descriptors from the modules' own jars; what a {@link SchemaModule} implementation calls. */
public final class ModuleDescriptors {

    private ModuleDescriptors() {
    }

    /**
     * Reads {@code db/<name>/module.properties} through the class loader of {@code anchor} (the module's
     * {@link SchemaModule} implementation), from the jar or directory {@code anchor} was loaded from.
     *
     * @throws PlanException when the file is missing or invalid; the message names the file
     */
    public static ModuleDescriptor load(Class<?> anchor, String name) {
        return DescriptorParser.load(anchor, name);
    }
}
