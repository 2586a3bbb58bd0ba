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

    public ModuleStatus {
        schemas = List.copyOf(schemas);
        applied = List.copyOf(applied);
        pending = List.copyOf(pending);
        problems = List.copyOf(problems);
    }

    /** "not installed", "up to date" or "N pending". */
    public String state() {
        if (!problems.isEmpty()) {
            return "needs attention";
        }
        if (installedVersion.isEmpty() && pending.isEmpty()) {
            return "empty";
        }
        if (installedVersion.isEmpty()) {
            return "not installed";
        }
        return pending.isEmpty() ? "up to date" : pending.size() + " pending";
    }

    /** A migration or seed script, as history and the jar know it. */
    public record MigrationRef(String version, String description, String script, String type, String installedOn) {
    }
}
