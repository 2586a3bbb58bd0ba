package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.Planner;
import java.util.Optional;

/** Finds the available modules (class path, and --modules-dir) and plans the requested ones. */
public final class ModuleCatalog {

    private ModuleCatalog() {
    }

    public static ModuleRegistry registry(ModuleOptions options, Console console) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (options.modulesDir() != null) {
            return ModulesDirectory.load(options.modulesDir(), loader, console);
        }
        return ModuleRegistry.discover(loader);
    }

    /** The plan for the options (every module when none are named). No database is touched. */
    public static Plan plan(ModuleOptions options, Console console) {
        return plan(registry(options, console), options, false);
    }

    /** @param allModules plan every available module regardless of --modules (undo needs the dependents) */
    public static Plan plan(ModuleRegistry registry, ModuleOptions options, boolean allModules) {
        PlanRequest request = new PlanRequest(allModules ? java.util.List.of() : options.modules(), options.schemaOverrides(),
                Optional.ofNullable(options.seed()));
        return Planner.plan(registry, request);
    }
}
