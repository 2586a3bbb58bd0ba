package dev.schemamodules.testing;

import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.LockReportOptions;
import dev.schemamodules.core.LockReports;
import dev.schemamodules.core.api.Plan;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The lock budget as a test: the lock report for every migration of one module (its dependencies applied
 * unmeasured) on a fresh empty database, at a small size. Fails when a table a migration touches could not
 * be filled with generated rows, or when a migration holds a lock that blocks writers or readers while doing
 * work that grows with the rows (over budget on a large table) and carries no
 * {@code -- lock-budget:waive <reason>} line (or, for a released script that cannot change, an entry
 * {@code <script file name>: <reason>} in the module's {@code db/<module>/lock-budget-waivers}). Measured waits at this size are printed, not judged (they are
 * mostly scheduling noise at a few thousand rows); the 1M-row figures come from {@code bench/run.sh locks}.
 */
public final class LockBudget {

    /** The size the build uses: big enough that every touched table has rows, small enough to stay fast. */
    public static final int BUILD_ROWS = 2000;

    private LockBudget() {
    }

    /** Runs the report for {@code module} and fails as described above; returns it for further assertions. */
    public static LockReport check(String module) {
        return check(TemplateDatabases.plan(List.of(module), ""), module);
    }

    /** As {@link #check(String)}, for {@code module} of a plan you built (a fixture module, for instance). */
    public static LockReport check(Plan plan, String module) {
        LockReport report;
        try (TestDatabase db = TestDatabase.empty()) {
            report = LockReports.onEmptyDatabase(db.settings(), plan, LockReportOptions.defaults().withRows(BUILD_ROWS).withModules(Set.of(module)),
                    line -> System.out.println("[lock budget] " + line));
        }
        List<String> problems = new ArrayList<>();
        for (LockReport.Migration m : report.migrations()) {
            for (LockReport.LoadedTable t : m.tables()) {
                t.failure().ifPresent(f -> problems.add(m.module() + " " + m.script() + ": table " + t.table() + " could not be loaded: " + f));
            }
        }
        for (LockReport.Migration m : report.unwaivedGrowingWithRows()) {
            problems.add(m.module() + " " + m.script() + " is over the lock budget (" + report.budgetMillis() + " ms) on a large table: "
                    + String.join("; ", m.growsWithRows()) + ". Rewrite it online (NOT VALID + VALIDATE CONSTRAINT, CREATE INDEX CONCURRENTLY in its own"
                    + " migration, SET NOT NULL through a validated CHECK, batched copies) or waive it ('-- lock-budget:waive <reason>' in the script, or"
                    + " '<script file name>: <reason>' in db/" + m.module() + "/lock-budget-waivers for a released script) and say in the module README"
                    + " what a deploy of it costs");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
        if (report.migrations().isEmpty()) {
            throw new AssertionError("module " + module + " has no migration to measure");
        }
        return report;
    }
}
