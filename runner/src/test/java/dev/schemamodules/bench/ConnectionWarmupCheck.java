package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Not a test: how much of an in-process {@code migrate} into an empty database is the opening of its connections.
 * Alternating runs, each in a fresh database, of the engine with the pool as a run finds it (one connection open) and
 * with four connections opened before the clock starts; for a module of one migration (the engine's fixed cost) and
 * for all six modules (the full apply of item 1), without verify scripts. Arguments: runs per variant (default 15).
 */
public final class ConnectionWarmupCheck {

    private ConnectionWarmupCheck() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Plan one = Bench.plan(ScaleBenchmark.moduleLoader(1), "gen");
        Plan all = Bench.planAll();
        for (int i = 0; i < 3; i++) {   // warm-up, not counted
            measure(one, 0);
            measure(all, 0);
        }
        Bench.title("Connections opened ahead: engine `migrate --no-verify` into an empty database, in process, " + runs + " alternating runs each");
        Bench.header("plan", "as a run finds the pool (min / median / max)", "4 connections open before the clock starts", "median ratio");
        for (Plan plan : List.of(one, all)) {
            List<Double> cold = new ArrayList<>();
            List<Double> warm = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                cold.add(measure(plan, 0));
                warm.add(measure(plan, 4));
            }
            String name = plan == one ? "1 module, 1 migration" : "all " + plan.modules().size() + " modules";
            Bench.row(name, Bench.spreadMs(cold), Bench.spreadMs(warm), String.format(java.util.Locale.ROOT, "%.2f", Bench.median(warm) / Bench.median(cold)));
        }
    }

    /** One {@code migrate} of {@code plan} into a fresh database, after opening {@code open} connections of its pool; seconds. */
    private static double measure(Plan plan, int open) throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Bench.settle();
            List<Connection> held = new ArrayList<>();
            for (int i = 0; i < open; i++) {
                held.add(db.dataSource().getConnection());
            }
            for (Connection c : held) {
                c.close();   // back to the pool, open
            }
            Engine engine = Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false));
            return Bench.seconds(() -> engine.migrate(plan, MigrationListener.NONE));
        }
    }
}
