package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.DryRunReport;
import dev.schemamodules.core.api.Plan;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The dry run as one script for {@code psql -v ON_ERROR_STOP=1 -f}: what {@code migrate} would do, in its
 * order and with its transaction boundaries (one transaction per script, none for the scripts Flyway runs
 * outside one), schemas created and {@code search_path} set as Flyway sets them.
 */
final class DryRunScript {

    static final String HISTORY_TABLE = "flyway_schema_history";

    private DryRunScript() {
    }

    static String render(DryRunReport report, Plan plan, String database, boolean withHistory) {
        StringBuilder b = new StringBuilder();
        b.append("-- schema-modules dry-run for ").append(database).append(": what migrate would run now, in plan order (")
                .append(plan.modules().stream().map(m -> m.name()).collect(Collectors.joining(" -> "))).append(")")
                .append(plan.seedEnvironment().map(s -> ", seed " + s).orElse("")).append(".\n");
        b.append("-- Run it with: psql -v ON_ERROR_STOP=1 -f THIS_FILE URL   (one transaction per script, as migrate runs them)\n");
        b.append(withHistory ? "-- History rows: included; afterwards migrate and info see these scripts as applied.\n"
                : "-- History rows: not included; a database built with this script has no history: adopt it with baseline before migrating it.\n");
        b.append("-- Not included: the checks migrate makes after each script (references to undeclared modules' schemas) and the verify\n")
                .append("-- scripts; run verify afterwards.\n");
        for (DryRunReport.ModuleScripts m : report.modules()) {
            long migrations = m.scripts().stream().filter(s -> s.version() != null).count();
            long seeds = m.scripts().size() - migrations;
            b.append("\n-- ==================================================================\n");
            b.append("-- module ").append(m.module()).append(" (schemas ").append(String.join(", ", m.schemas())).append("): ")
                    .append(m.scripts().isEmpty() ? "nothing to apply" : migrations + " migration(s)" + (seeds > 0 ? ", " + seeds + " seed script(s)" : ""))
                    .append("\n");
            if (m.scripts().isEmpty()) {
                continue;
            }
            for (String schema : m.missingSchemas()) {
                b.append("CREATE SCHEMA IF NOT EXISTS ").append(ident(schema)).append(";\n");
            }
            String history = ident(m.primarySchema()) + "." + ident(HISTORY_TABLE);
            if (withHistory && !m.historyExists()) {
                createHistory(b, history, m.missingSchemas());
            }
            String searchPath = "SET search_path TO " + ident(m.primarySchema()) + ", \"$user\", public;\n";
            for (DryRunReport.Script s : m.scripts()) {
                b.append("\n-- ------------------------------------------------------------------\n");
                b.append("-- ").append(m.module()).append(" ").append(s.script())
                        .append(s.transactional() ? "" : "   (outside a transaction, as migrate runs it: each statement on its own)").append("\n");
                b.append(searchPath);
                if (s.transactional()) {
                    b.append("BEGIN;\n");
                }
                String sql = s.sql().stripTrailing();
                b.append(sql).append("\n");
                if (!lastLineEndsStatement(sql)) {
                    b.append(";\n");
                }
                if (withHistory) {
                    insertHistory(b, history, s);
                }
                if (s.transactional()) {
                    b.append("COMMIT;\n");
                }
            }
        }
        b.append("\nRESET search_path;\n");
        return b.toString();
    }

    /** Whether the script's last line (ignoring a trailing line comment) ends with a semicolon. */
    private static boolean lastLineEndsStatement(String sql) {
        List<String> lines = sql.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("--")).toList();
        return !lines.isEmpty() && lines.get(lines.size() - 1).endsWith(";");
    }

    /** The history table as Flyway creates it for PostgreSQL, and its schema-creation row. */
    private static void createHistory(StringBuilder b, String history, List<String> createdSchemas) {
        b.append("CREATE TABLE ").append(history).append(" (\n")
                .append("    \"installed_rank\" INT NOT NULL,\n")
                .append("    \"version\" VARCHAR(50),\n")
                .append("    \"description\" VARCHAR(200) NOT NULL,\n")
                .append("    \"type\" VARCHAR(20) NOT NULL,\n")
                .append("    \"script\" VARCHAR(1000) NOT NULL,\n")
                .append("    \"checksum\" INTEGER,\n")
                .append("    \"installed_by\" VARCHAR(100) NOT NULL,\n")
                .append("    \"installed_on\" TIMESTAMP NOT NULL DEFAULT now(),\n")
                .append("    \"execution_time\" INTEGER NOT NULL,\n")
                .append("    \"success\" BOOLEAN NOT NULL\n")
                .append(");\n");
        b.append("ALTER TABLE ").append(history).append(" ADD CONSTRAINT \"").append(HISTORY_TABLE).append("_pk\" PRIMARY KEY (\"installed_rank\");\n");
        b.append("CREATE INDEX \"").append(HISTORY_TABLE).append("_s_idx\" ON ").append(history).append(" (\"success\");\n");
        if (!createdSchemas.isEmpty()) {
            b.append("INSERT INTO ").append(history).append(" (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                    + " VALUES (0, NULL, '<< Flyway Schema Creation >>', 'SCHEMA', ")
                    .append(literal(createdSchemas.stream().map(DryRunScript::ident).collect(Collectors.joining(","))))
                    .append(", NULL, current_user, 0, true);\n");
        }
    }

    private static void insertHistory(StringBuilder b, String history, DryRunReport.Script s) {
        b.append("INSERT INTO ").append(history).append(" (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)\n")
                .append("    SELECT coalesce(max(installed_rank), 0) + 1, ").append(s.version() == null ? "NULL" : literal(s.version())).append(", ")
                .append(literal(s.description())).append(", 'SQL', ").append(literal(s.script())).append(", ")
                .append(s.checksum() == null ? "NULL" : s.checksum().toString()).append(", current_user, 0, true FROM ").append(history).append(";\n");
    }

    static String ident(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
