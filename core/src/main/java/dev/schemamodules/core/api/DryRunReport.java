package dev.schemamodules.core.api;

import java.util.List;

/**
 * What migrate would run, per module in plan order, with placeholders resolved. Nothing was changed.
 *
 * @param modules one entry per module with pending scripts, in plan order
 */
public record DryRunReport(List<ModuleScripts> modules) {

    /**
     * Copies the list.
     *
     * @param modules see {@link #modules()}
     */
    public DryRunReport {
        modules = List.copyOf(modules);
    }

    /**
     * The pending scripts of one module.
     *
     * @param module          the module's name
     * @param schemas         the module's schemas as deployed, primary first (Flyway creates the missing ones)
     * @param missingSchemas  those that do not exist yet in the database
     * @param historyExists   whether the module's history table ({@code <primary schema>.flyway_schema_history}) exists
     * @param scripts         the pending scripts, in the order migrate runs them
     */
    public record ModuleScripts(String module, List<String> schemas, List<String> missingSchemas, boolean historyExists, List<Script> scripts) {
        /**
         * Copies the lists.
         *
         * @param module         see {@link #module()}
         * @param schemas        see {@link #schemas()}
         * @param missingSchemas see {@link #missingSchemas()}
         * @param historyExists  see {@link #historyExists()}
         * @param scripts        see {@link #scripts()}
         */
        public ModuleScripts {
            schemas = List.copyOf(schemas);
            missingSchemas = List.copyOf(missingSchemas);
            scripts = List.copyOf(scripts);
        }

        /** {@return the module's primary schema as deployed} */
        public String primarySchema() {
            return schemas.get(0);
        }
    }

    /**
     * One script: version (null for a seed / repeatable), its file, the exact SQL, and how migrate runs it.
     *
     * @param version       the migration's version (null for a seed)
     * @param script        the script's file name
     * @param sql           the SQL as migrate would run it, placeholders resolved
     * @param description   the description from the file name
     * @param transactional whether Flyway runs it in a transaction (false: each statement on its own, e.g. CREATE INDEX CONCURRENTLY)
     * @param checksum      Flyway's checksum of the script, as migrate records it in the history table
     */
    public record Script(String version, String script, String sql, String description, Integer checksum, boolean transactional) {
    }
}
