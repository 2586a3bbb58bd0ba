package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Options of {@link dev.schemamodules.core.LockReports#nextTo} or {@link dev.schemamodules.core.LockReports#onEmptyDatabase}.
 *
 * @param rowsPerTable  rows generated for each table a migration touches (default 100,000)
 * @param budget        longest acceptable writer or reader wait (default 200 ms)
 * @param pollInterval  how often pg_locks and pg_stat_activity are sampled (default 5 ms)
 * @param modules       modules whose migrations are measured (empty: every module of the plan); the others are applied unmeasured
 * @param installed     installed version per module: migrations up to it are applied unmeasured (the state of the live database)
 */
public record LockReportOptions(long rowsPerTable, Duration budget, Duration pollInterval, Set<String> modules, Map<String, String> installed) {

    public static final long DEFAULT_ROWS = 100_000;
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(200);

    public LockReportOptions {
        if (rowsPerTable < 1) {
            throw new ConfigurationException("rows per table must be at least 1, not " + rowsPerTable);
        }
        if (budget.isNegative() || budget.isZero() || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new ConfigurationException("budget and poll interval must be positive");
        }
        modules = Set.copyOf(modules);
        installed = Map.copyOf(installed);
    }

    public static LockReportOptions defaults() {
        return new LockReportOptions(DEFAULT_ROWS, DEFAULT_BUDGET, Duration.ofMillis(5), Set.of(), Map.of());
    }

    public LockReportOptions withRows(long rows) {
        return new LockReportOptions(rows, budget, pollInterval, modules, installed);
    }

    public LockReportOptions withModules(Set<String> measured) {
        return new LockReportOptions(rowsPerTable, budget, pollInterval, measured, installed);
    }

    public LockReportOptions withInstalled(Map<String, String> versions) {
        return new LockReportOptions(rowsPerTable, budget, pollInterval, modules, versions);
    }

    public LockReportOptions withBudget(Duration b) {
        return new LockReportOptions(rowsPerTable, b, pollInterval, modules, installed);
    }
}
