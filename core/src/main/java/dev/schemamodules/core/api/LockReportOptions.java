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

    /** Default rows generated per table. */
    public static final long DEFAULT_ROWS = 100_000;
    /** Default longest acceptable writer or reader wait. */
    public static final Duration DEFAULT_BUDGET = Duration.ofMillis(200);

    /**
     * Checks the values and copies the collections.
     *
     * @param rowsPerTable see {@link #rowsPerTable()}
     * @param budget       see {@link #budget()}
     * @param pollInterval see {@link #pollInterval()}
     * @param modules      see {@link #modules()}
     * @param installed    see {@link #installed()}
     * @throws ConfigurationException when the rows are below 1 or the budget or poll interval is not positive
     */
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

    /** {@return the defaults: {@value #DEFAULT_ROWS} rows per table, a 200 ms budget, 5 ms polling, every module measured, nothing installed} */
    public static LockReportOptions defaults() {
        return new LockReportOptions(DEFAULT_ROWS, DEFAULT_BUDGET, Duration.ofMillis(5), Set.of(), Map.of());
    }

    /**
     * Sets the rows generated per table.
     *
     * @param rows 1 or more
     * @return a copy with that number
     */
    public LockReportOptions withRows(long rows) {
        return new LockReportOptions(rows, budget, pollInterval, modules, installed);
    }

    /**
     * Sets the modules whose migrations are measured.
     *
     * @param measured module names (empty: every module of the plan)
     * @return a copy with these modules
     */
    public LockReportOptions withModules(Set<String> measured) {
        return new LockReportOptions(rowsPerTable, budget, pollInterval, measured, installed);
    }

    /**
     * Sets the installed version per module, whose migrations up to it are applied unmeasured.
     *
     * @param versions module name to installed version
     * @return a copy with these versions
     */
    public LockReportOptions withInstalled(Map<String, String> versions) {
        return new LockReportOptions(rowsPerTable, budget, pollInterval, modules, versions);
    }

    /**
     * Sets the longest acceptable writer or reader wait.
     *
     * @param b a positive duration
     * @return a copy with that budget
     */
    public LockReportOptions withBudget(Duration b) {
        return new LockReportOptions(rowsPerTable, b, pollInterval, modules, installed);
    }
}
