package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.List;

/**
 * The result of a successful migrate: one outcome per planned module that was migrated (or found up to date),
 * in plan order, and the modules it skipped because their database history is ahead of the release it carries.
 *
 * @param modules      what was applied to each module, in plan order
 * @param verification the verify scripts run after migrate (empty when verification was off)
 * @param duration     how long the run took
 * @param skipped      the modules left as they are because the database is ahead of this run's release
 */
public record MigrateReport(List<ModuleOutcome> modules, List<VerifyResult> verification, Duration duration, List<VersionSkew> skipped) {

    /**
     * Copies the lists.
     *
     * @param modules      see {@link #modules()}
     * @param verification see {@link #verification()}
     * @param duration     see {@link #duration()}
     * @param skipped      see {@link #skipped()}
     */
    public MigrateReport {
        modules = List.copyOf(modules);
        verification = List.copyOf(verification);
        skipped = List.copyOf(skipped);
    }

    /**
     * A report that skipped nothing.
     *
     * @param modules      see {@link #modules()}
     * @param verification see {@link #verification()}
     * @param duration     see {@link #duration()}
     */
    public MigrateReport(List<ModuleOutcome> modules, List<VerifyResult> verification, Duration duration) {
        this(modules, verification, duration, List.of());
    }

    /**
     * This report with other skipped modules.
     *
     * @param skipped the modules skipped
     * @return a copy
     */
    public MigrateReport withSkipped(List<VersionSkew> skipped) {
        return new MigrateReport(modules, verification, duration, skipped);
    }

    /** {@return the number of migrations applied to all modules together} */
    public int migrationsApplied() {
        return modules.stream().mapToInt(ModuleOutcome::migrations).sum();
    }
}
