package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.testing.LockBudget;
import dev.schemamodules.testing.ModuleFiles;
import org.junit.jupiter.api.Test;

/**
 * Every migration of the module through the lock report at {@link LockBudget#BUILD_ROWS} rows per touched table:
 * none may hold a lock that blocks writers or readers while doing work that grows with the rows, unless its
 * script waives it ({@code -- lock-budget:waive <reason>}) and this module's README says what a deploy of it costs.
 */
class LockBudgetTest {

    @Test
    void every_migration_is_within_the_lock_budget_or_waived() {
        LockReport report = LockBudget.check("telehealth");
        assertThat(report.migrations()).as("migrations measured").hasSize(ModuleFiles.migrationCount("telehealth"));
    }
}
