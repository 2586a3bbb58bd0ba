package dev.schemamodules.runner.support;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.ModuleTask;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.runner.RunnerEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * Finds the available modules and plans the requested ones. Where modules come from (README, "Where
 * modules come from"):
 * <ul>
 *   <li>no option: the modules built into the runner jar;</li>
 *   <li>{@code --modules-dir}: the built-in ones plus the jars in the directory, a newer release winning;</li>
 *   <li>{@code --manifest}: exactly the releases the manifest pins (plus {@code platform}, which is part of
 *       the runner's core); a built-in module the manifest does not name is not available. Cannot be
 *       combined with {@code --modules-dir}.</li>
 * </ul>
 */
public final class ModuleCatalog {

    private ModuleCatalog() {
    }

    /** The available modules and where each one's release came from. */
    public record Loaded(ModuleRegistry registry, Map<String, ModuleSource> sources) {

        public ModuleSource source(String module) {
            return sources.getOrDefault(module, new ModuleSource(ModuleSource.BUILT_IN, "runner", null));
        }
    }

    public static Loaded load(ModuleOptions options, RunnerEnvironment env, Console console) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (options.manifest() != null && options.modulesDir() != null) {
            throw new ConfigurationException("--manifest and --modules-dir cannot be combined: a manifest names exactly the module releases to deploy");
        }
        if (options.manifest() != null) {
            return ManifestModules.load(options, env, loader, console);
        }
        ModuleRegistry registry = options.modulesDir() != null ? ModulesDirectory.load(env.workingDirectory().resolve(options.modulesDir()), loader, console)
                : ModuleRegistry.discover(loader);
        ModuleRegistry builtIn = options.modulesDir() != null ? ModuleRegistry.discover(loader) : registry;
        Map<String, ModuleSource> sources = new LinkedHashMap<>();
        for (ModuleDescriptor d : registry.all()) {
            boolean isBuiltIn = builtIn.find(d.name()).map(b -> b.origin().equals(d.origin()) && b.version().equals(d.version())).orElse(false);
            sources.put(d.name(), isBuiltIn ? new ModuleSource(ModuleSource.BUILT_IN, "runner " + RunnerVersion.get(), null)
                    : new ModuleSource(ModuleSource.DIR, d.origin(), null));
        }
        return new Loaded(registry, sources);
    }

    public static ModuleRegistry registry(ModuleOptions options, RunnerEnvironment env, Console console) {
        return load(options, env, console).registry();
    }

    /** The plan for the options (every module when none are named). No database is touched. */
    /**
     * The tasks of the available modules, each from its module's own release: a task in a
     * {@code --modules-dir} or {@code --manifest} jar wins over the runner's built-in copy of that module.
     */
    public static List<ModuleTask> tasks(ModuleRegistry registry) {
        List<ModuleTask> tasks = new ArrayList<>();
        for (ModuleDescriptor d : registry.all()) {
            Map<String, ModuleTask> byName = new TreeMap<>();
            for (ModuleTask t : ServiceLoader.load(ModuleTask.class, d.classLoader())) {
                if (t.module().equals(d.name()) && (!byName.containsKey(t.name()) || t.getClass().getClassLoader() == d.classLoader())) {
                    byName.put(t.name(), t);
                }
            }
            tasks.addAll(byName.values());
        }
        return tasks;
    }

    public static Plan plan(ModuleOptions options, RunnerEnvironment env, Console console) {
        return plan(registry(options, env, console), options, false);
    }

    /** @param allModules plan every available module regardless of --modules (undo needs the dependents) */
    public static Plan plan(ModuleRegistry registry, ModuleOptions options, boolean allModules) {
        PlanRequest request = new PlanRequest(allModules ? java.util.List.of() : options.modules(), options.schemaOverrides(),
                Optional.ofNullable(options.seed()));
        return Planner.plan(registry, request);
    }
}
