package dev.schemamodules.core.api;

import java.util.List;
import java.util.Optional;

/**
 * A module's state in one database.
 *
 * @param module            name
 * @param moduleVersion     release version of the module jar
 * @param schemas           deployed schema names
 * @param installedVersion  highest applied schema version (empty when not installed)
 * @param latestVersion     schema version the jar reaches
 * @param applied           applied migrations, oldest first
 * @param pending           migrations (and seed scripts) migrate would apply, in order
 * @param problems          failed, missing-locally or checksum-changed migrations, as sentences
 */
public record ModuleStatus(String module, String moduleVersion, List<String> schemas, Optional<String> installedVersion, String latestVersion,
                           List<MigrationRef> applied, List<MigrationRef> pending, List<String> problems) {

    /**
     * Copies the lists.
     *
     * @param module           see {@link #module()}
     * @param moduleVersion    see {@link #moduleVersion()}
     * @param schemas          see {@link #schemas()}
     * @param installedVersion see {@link #installedVersion()}
     * @param latestVersion    see {@link #latestVersion()}
     * @param applied          see {@link #applied()}
     * @param pending          see {@link #pending()}
     * @param problems         see {@link #problems()}
     */
    public ModuleStatus {
        schemas = List.copyOf(schemas);
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        problems = List.copyOf(problems);
    }

    /** {@return "needs attention", "ahead: database at 9, this runner has 8" (see {@link #skew()}), "empty", "not installed", "up to date" or "N pending"} */
    public String state() {
        if (!problems.isEmpty()) {
            return "needs attention";
        }
        Optional<VersionSkew> skew = skew();
        if (skew.isPresent()) {
            return skew.get().state();
        }
        if (installedVersion.isEmpty() && pending.isEmpty()) {
            return "empty";
        }
        if (installedVersion.isEmpty()) {
            return "not installed";
        }
        return pending.isEmpty() ? "up to date" : pending.size() + " pending";
    }

    /**
     * Present when the database's history is ahead of this release: its installed version is above the newest
     * migration this release has (a newer release of the module migrated it). The release that reached it is
     * not filled in here.
     *
     * @return the skew, or empty when the module is not ahead
     */
    public Optional<VersionSkew> skew() {
        if (installedVersion.isEmpty()) {
            return Optional.empty();
        }
        try {
            if (Version.parse(installedVersion.get()).isAbove(Version.parse(latestVersion))) {
                return Optional.of(new VersionSkew(module, installedVersion.get(), latestVersion, moduleVersion, Optional.empty()));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();   // not a version this project writes: nothing to compare
        }
        return Optional.empty();
    }

    /**
     * A migration or seed script, as history and the jar know it.
     *
     * @param version     its version ({@code null} for a seed)
     * @param description the description from its file name
     * @param script      its file name
     * @param type        the kind of script as Flyway names it (e.g. {@code SQL}; {@code UNDO} in an undo's list)
     * @param installedOn when it was applied, ISO-8601 ({@code null} when pending)
     */
    public record MigrationRef(String version, String description, String script, String type, String installedOn) {
    }
}
