package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.DryRunReport;
import java.util.List;

/** {@code dry-run --json}: per module in plan order, the scripts {@code migrate} would run now. */
public record DryRunJson(List<Module> modules) {

    public record Module(String name, List<Script> scripts) {
    }

    /**
     * @param version       the migration's version ({@code null} for a seed script)
     * @param script        the file name
     * @param sql           the script's text with placeholders resolved
     * @param transactional false for a script Flyway runs outside a transaction ({@code CREATE INDEX CONCURRENTLY})
     */
    public record Script(String version, String script, String sql, boolean transactional) {
    }

    public static DryRunJson of(DryRunReport report) {
        return new DryRunJson(report.modules().stream().map(m -> new Module(m.module(),
                m.scripts().stream().map(s -> new Script(s.version(), s.script(), s.sql(), s.transactional())).toList())).toList());
    }
}
