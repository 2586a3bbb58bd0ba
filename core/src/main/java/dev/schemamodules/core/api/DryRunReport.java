package dev.schemamodules.core.api;

import java.util.List;

/** What migrate would run, per module in plan order, with placeholders resolved. Nothing was changed. */
public record DryRunReport(List<ModuleScripts> modules) {

    public DryRunReport {
        modules = List.copyOf(modules);
    }

    /**
     * The pending scripts of one module.
     *
     * @param schemas         the module's schemas as deployed, primary first (Flyway creates the missing ones)
     * @param missingSchemas  those that do not exist yet in the database
     * @param historyExists   whether the module's history table ({@code <primary schema>.flyway_schema_history}) exists
     */
    public record ModuleScripts(String module, List<String> schemas, List<String> missingSchemas, boolean historyExists, List<Script> scripts) {
        public ModuleScripts {
            schemas = List.copyOf(schemas);
            missingSchemas = List.copyOf(missingSchemas);
            scripts = List.copyOf(scripts);
        }

        public String primarySchema() {
            return schemas.get(0);
        }
    }

    /**
     * One script: version (null for a seed / repeatable), its file, the exact SQL, and how migrate runs it.
     *
     * @param transactional whether Flyway runs it in a transaction (false: each statement on its own, e.g. CREATE INDEX CONCURRENTLY)
     * @param checksum      Flyway's checksum of the script, as migrate records it in the history table
     */
    public record Script(String version, String script, String sql, String description, Integer checksum, boolean transactional) {
    }
}
