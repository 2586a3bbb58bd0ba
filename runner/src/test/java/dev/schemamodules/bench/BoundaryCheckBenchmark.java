package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Item "boundary": what the per-migration checks cost (the module-boundary fingerprints before and after
 * each migration, rows written, function bodies, pg_depend, and the lock_timeout setup). Every module into
 * an empty database, one migration per transaction (so every migration is checked on its own), with the
 * checks on and off; the difference divided by the number of migrations is the cost of one. Not a test.
 */
public final class BoundaryCheckBenchmark {

    private BoundaryCheckBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 5);
    }

    static void run(int reps) throws Exception {
        Plan plan = Bench.planAll();
        int migrations = FullApplyBenchmark.countMigrations(plan);
        EngineOptions on = EngineOptions.defaults().withVerifyAfterMigrate(false).withMigrationsPerTransaction(1);
        EngineOptions off = new EngineOptions(on.lockTimeout(), false, false, 1, on.ddlLockTimeout(), on.ddlLockRetries(), on.statementTimeout(), false);
        List<Double> checked = new ArrayList<>();
        List<Double> unchecked = new ArrayList<>();
        try (TestDatabase db = TestDatabase.empty()) {
            Engine.on(db.dataSource(), on).migrate(plan, MigrationListener.NONE);   // warm-up
        }
        for (int i = 0; i < reps; i++) {
            try (TestDatabase db = TestDatabase.empty()) {
                checked.add(Bench.seconds(() -> Engine.on(db.dataSource(), on).migrate(plan, MigrationListener.NONE)));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                unchecked.add(Bench.seconds(() -> Engine.on(db.dataSource(), off).migrate(plan, MigrationListener.NONE)));
            }
        }
        double a = Bench.median(checked);
        double b = Bench.median(unchecked);
        Bench.title("Module-boundary checks: all " + plan.modules().size() + " modules (" + migrations + " scripts), one migration per transaction, median of " + reps);
        Bench.header("run", "median", "runs", "per migration");
        Bench.row("checks on (the default)", Bench.s(a), checked.stream().map(Bench::s).toList(), Bench.ms(a / migrations));
        Bench.row("checks off (EngineOptions.referenceCheck false)", Bench.s(b), unchecked.stream().map(Bench::s).toList(), Bench.ms(b / migrations));
        Bench.row("cost of the checks", Bench.s(a - b), "", Bench.ms((a - b) / migrations));
        Bench.note("In-process, JVM warm (one throw-away run first); --no-verify; embedded PostgreSQL on the same machine.");
    }
}
