package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.List;

/**
 * The result of a successful migrate: one outcome per planned module, in plan order.
 *
 * @param modules      what was applied to each module, in plan order
 * @param verification the verify scripts run after migrate (empty when verification was off)
 * @param duration     how long the run took
 */
public record MigrateReport(List<ModuleOutcome> modules, List<VerifyResult> verification, Duration duration) {

    /**
     * Copies the lists.
     *
     * @param modules      see {@link #modules()}
     * @param verification see {@link #verification()}
     * @param duration     see {@link #duration()}
     */
    public MigrateReport {
        modules = List.copyOf(modules);
        verification = List.copyOf(verification);
    }

    /** {@return the number of migrations applied to all modules together} */
    public int migrationsApplied() {
        return modules.stream().mapToInt(ModuleOutcome::migrations).sum();
    }
}
