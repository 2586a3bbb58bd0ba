package dev.schemamodules.core.api;

import java.util.List;
import java.util.Optional;

/**
 * The modules of one run in the order they are applied (every module after the modules it requires).
 * Built by {@code dev.schemamodules.core.Planner} without touching a database.
 */
public record Plan(List<PlannedModule> modules, Optional<String> seedEnvironment) {

    public Plan {
        modules = List.copyOf(modules);
    }

    public Optional<PlannedModule> module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return modules.stream().map(PlannedModule::name).toList();
    }

    /** Modules that declare {@code name} as a requirement, directly. */
    public List<PlannedModule> dependentsOf(String name) {
        return modules.stream()
                .filter(m -> m.descriptor().requires().stream().anyMatch(r -> r.module().equals(name)))
                .toList();
    }
}
