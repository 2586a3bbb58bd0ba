package dev.schemamodules.core.api;

import java.util.List;
import java.util.Optional;

/**
 * The modules of one run in the order they are applied (every module after the modules it requires).
 * Built by {@code dev.schemamodules.core.Planner} without touching a database.
 *
 * @param modules         the modules in the order they are applied
 * @param seedEnvironment the seed environment to apply (empty: no seeds)
 */
public record Plan(List<PlannedModule> modules, Optional<String> seedEnvironment) {

    /**
     * Copies the list.
     *
     * @param modules         see {@link #modules()}
     * @param seedEnvironment see {@link #seedEnvironment()}
     */
    public Plan {
        modules = List.copyOf(modules);
    }

    /**
     * One module of the plan.
     *
     * @param name the module's name
     * @return the module (empty: not in the plan)
     */
    public Optional<PlannedModule> module(String name) {
        return modules.stream().filter(m -> m.name().equals(name)).findFirst();
    }

    /** {@return the modules' names, in plan order} */
    public List<String> names() {
        return modules.stream().map(PlannedModule::name).toList();
    }

    /**
     * The modules of the plan that require a module directly.
     *
     * @param name the required module's name
     * @return the modules that declare it as a requirement, in plan order
     */
    public List<PlannedModule> dependentsOf(String name) {
        return modules.stream()
                .filter(m -> m.descriptor().requires().stream().anyMatch(r -> r.module().equals(name)))
                .toList();
    }
}
