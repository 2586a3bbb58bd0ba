package dev.schemamodules.testing;

import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.Planner;
import dev.schemamodules.core.internal.ModuleScripts;
import dev.schemamodules.core.internal.ScriptName;
import java.util.List;

/**
 * What a module ships, read from its files on the test class path, so tests never hard-code how many
 * migrations a module has: adding a migration changes no other test.
 */
public final class ModuleFiles {

    private ModuleFiles() {
    }

    /** The versions of the module's migrations, oldest first (e.g. {@code ["1", "2", ...]}). */
    public static List<String> versions(String module) {
        return scripts(module).migrations().stream().map(s -> s.version().toString()).toList();
    }

    public static int migrationCount(String module) {
        return scripts(module).migrations().size();
    }

    /** The newest migration version, e.g. {@code "8"}. */
    public static String latestVersion(String module) {
        return scripts(module).latestVersion().toString();
    }

    /** The version of the migration before {@code version}, or {@code "0"} for the first. */
    public static String versionBefore(String module, String version) {
        List<String> all = versions(module);
        int i = all.indexOf(version);
        if (i < 0) {
            throw new IllegalArgumentException(module + " has no migration V" + version + " (it has " + all + ")");
        }
        return i == 0 ? "0" : all.get(i - 1);
    }

    /** The file names of the module's migrations, oldest first. */
    public static List<String> migrationFiles(String module) {
        return scripts(module).migrations().stream().map(ScriptName::fileName).toList();
    }

    private static ModuleScripts scripts(String module) {
        PlannedModule m = Planner.plan(ModuleRegistry.discover(Thread.currentThread().getContextClassLoader()), PlanRequest.of(module))
                .module(module).orElseThrow();
        return ModuleScripts.of(m.descriptor());
    }
}
