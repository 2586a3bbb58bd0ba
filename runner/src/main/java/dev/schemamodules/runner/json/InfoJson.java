package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.VersionSkew;
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
     * @param state            {@code up to date}, {@code N pending}, {@code not installed}, {@code empty}, {@code needs attention} or
     *                         {@code ahead: database at 9, this runner has 8}
     * @param applied          applied migrations, oldest first
     * @param pending          migrations and seed scripts {@code migrate} would apply, in order
     * @param problems         failed, locally missing or changed migrations, as sentences
     * @param skew             {@code null}, or the database's history is ahead of this release (README, "Version skew")
     * @param source           where the module release came from
     */
    public record Module(String name, String version, List<String> schemas, String installedVersion, String latestVersion, String state,
                         List<MigrationJson> applied, List<MigrationJson> pending, List<String> problems, SkewJson skew, ModuleSource source) {
    }

    /** @param skews the modules whose database is ahead, by name (with the release that reached it); {@code null} for the others */
    public static InfoJson of(List<ModuleStatus> statuses, Function<String, ModuleSource> sources, Function<String, VersionSkew> skews) {
        return new InfoJson(statuses.stream().map(s -> new Module(s.module(), s.moduleVersion(), s.schemas(), s.installedVersion().orElse(null),
                s.latestVersion(), s.state(), s.applied().stream().map(MigrationJson::of).toList(), s.pending().stream().map(MigrationJson::of).toList(),
                s.problems(), SkewJson.of(skews.apply(s.module())), sources.apply(s.module()))).toList());
    }
}
