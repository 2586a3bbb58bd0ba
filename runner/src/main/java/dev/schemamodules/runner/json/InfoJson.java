package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.runner.support.ModuleSource;
import java.util.List;
import java.util.function.Function;

/** {@code info --json}: each module's state in the database. */
public record InfoJson(List<Module> modules) {

    /**
     * One module.
     *
     * @param name             the module's name
     * @param version          the module release in use (the jar's version)
     * @param schemas          its schemas as deployed
     * @param installedVersion highest applied schema version, {@code null} when not installed
     * @param latestVersion    the schema version this release reaches
     * @param state            {@code up to date}, {@code N pending}, {@code not installed}, {@code empty} or {@code needs attention}
     * @param applied          applied migrations, oldest first
     * @param pending          migrations and seed scripts {@code migrate} would apply, in order
     * @param problems         failed, locally missing or changed migrations, as sentences
     * @param source           where the module release came from
     */
    public record Module(String name, String version, List<String> schemas, String installedVersion, String latestVersion, String state,
                         List<MigrationJson> applied, List<MigrationJson> pending, List<String> problems, ModuleSource source) {
    }

    public static InfoJson of(List<ModuleStatus> statuses, Function<String, ModuleSource> sources) {
        return new InfoJson(statuses.stream().map(s -> new Module(s.module(), s.moduleVersion(), s.schemas(), s.installedVersion().orElse(null),
                s.latestVersion(), s.state(), s.applied().stream().map(MigrationJson::of).toList(), s.pending().stream().map(MigrationJson::of).toList(),
                s.problems(), sources.apply(s.module()))).toList());
    }
}
