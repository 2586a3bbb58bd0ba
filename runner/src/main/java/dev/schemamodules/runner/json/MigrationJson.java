package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.ModuleStatus;

/**
 * A migration or seed script in {@code info} ({@code applied}, {@code pending}) and {@code plan} ({@code pending}).
 *
 * @param version     the schema version ({@code null} for a seed script)
 * @param description Flyway's description, from the file name
 * @param script      the file name
 * @param type        {@code SQL} for a migration, as Flyway names script types
 * @param installedOn when it was applied, as the history table records it ({@code null} while pending)
 */
public record MigrationJson(String version, String description, String script, String type, String installedOn) {

    static MigrationJson of(ModuleStatus.MigrationRef r) {
        return new MigrationJson(r.version(), r.description(), r.script(), r.type(), r.installedOn());
    }
}
