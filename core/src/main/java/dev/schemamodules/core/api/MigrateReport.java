package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.List;

/** The result of a successful migrate: one outcome per planned module, in plan order. */
public record MigrateReport(List<ModuleOutcome> modules, List<VerifyResult> verification, Duration duration) {

    public MigrateReport {
        modules = List.copyOf(modules);
        verification = List.copyOf(verification);
    }

    public int migrationsApplied() {
        return modules.stream().mapToInt(ModuleOutcome::migrations).sum();
    }
}
