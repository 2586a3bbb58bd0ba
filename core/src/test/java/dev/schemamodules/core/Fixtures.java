package dev.schemamodules.core;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.platform.PlatformSchemaModule;
import java.util.ArrayList;
import java.util.List;

/** Test modules whose scripts live in core's test resources (db/fixture-*). Not registered with ServiceLoader. */
public final class Fixtures {

    private Fixtures() {
    }

    public static ModuleDescriptor module(String name, String schema, Requirement... requires) {
        return ModuleDescriptor.builder(name).version("1.0.0").schemas(schema).requires(requires)
                .classLoader(Fixtures.class.getClassLoader()).build();
    }

    /** fixture-base (V1, V2), fixture-good (requires fixture-base>=2), fixture-bad (undeclared FK), fixture-slow. */
    public static List<ModuleDescriptor> all() {
        return List.of(
                module("fixture-base", "fixture_base"),
                module("fixture-good", "fixture_good", Requirement.of("fixture-base", "2")),
                module("fixture-bad", "fixture_bad"),
                module("fixture-slow", "fixture_slow"),
                module("fixture-rls", "fixture_rls"));
    }

    public static ModuleRegistry registry(ModuleDescriptor... extra) {
        List<ModuleDescriptor> all = new ArrayList<>(all());
        all.add(new PlatformSchemaModule().descriptor());
        all.addAll(List.of(extra));
        return ModuleRegistry.of(all);
    }
}
