package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.DriftReport;
import java.util.List;

/**
 * {@code drift --json}.
 *
 * @param drift   whether any installed module differs (the exit code is 1 exactly then)
 * @param modules each installed module, at its installed version
 */
public record DriftJson(boolean drift, List<Module> modules) {

    public record Module(String name, String version, List<Difference> differences) {
    }

    /**
     * @param change   {@code missing} (the migrations build it, the database lacks it), {@code extra} (the database has it,
     *                 the migrations do not build it) or {@code changed}
     * @param object   what differs, e.g. {@code column auth.users.nickname}
     * @param expected its definition as the migrations build it ({@code null} for {@code extra})
     * @param actual   its definition in the database ({@code null} for {@code missing})
     */
    public record Difference(String change, String object, String expected, String actual) {
    }

    public static DriftJson of(DriftReport report) {
        return new DriftJson(report.hasDrift(), report.modules().stream().map(m -> new Module(m.module(), m.version(),
                m.differences().stream().map(d -> new Difference(d.change(), d.object(), d.expected(), d.actual())).toList())).toList());
    }
}
