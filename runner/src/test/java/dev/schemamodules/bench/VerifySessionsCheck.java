package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.testing.LimitedDataSource;
import dev.schemamodules.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * Not a test: what the second verify session saves. Alternating runs of {@code Engine.verify} of every applied
 * migration of all six modules (what {@code verify} and {@code migrate --verify-all} run), in process, on one
 * up-to-date database: on the test pool (two sessions), and on the same pool limited to two open connections, the
 * run's lock and the first session's (one session: the engine works on when the second gets no connection). Both
 * variants run the same jobs (each module's scripts in two halves). Arguments: runs per variant (default 15).
 */
public final class VerifySessionsCheck {

    private VerifySessionsCheck() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Plan all = Bench.planAll();
        try (TestDatabase db = TestDatabase.empty()) {
            Bench.settle();
            Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false)).migrate(all, MigrationListener.NONE);
            AtomicInteger refused = new AtomicInteger();
            DataSource oneSession = LimitedDataSource.of(db.dataSource(), 2, refused);
            for (int i = 0; i < 5; i++) {   // warm-up, not counted
                verify(db.dataSource(), all);
                verify(oneSession, all);
            }
            List<Double> two = new ArrayList<>();
            List<Double> one = new ArrayList<>();
            int scripts = 0;
            for (int i = 0; i < runs; i++) {
                long t = System.nanoTime();
                scripts = verify(db.dataSource(), all);
                two.add((System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
                verify(oneSession, all);
                one.add((System.nanoTime() - t) / 1e9);
            }
            Bench.title("Verify sessions: `Engine.verify` of all " + all.modules().size() + " modules (" + scripts + " verify scripts), in process, "
                    + "up-to-date database, " + runs + " alternating runs each");
            Bench.header("sessions", "min / median / max", "median vs one session");
            Bench.row("two (the default)", Bench.spreadMs(two), String.format(java.util.Locale.ROOT, "%.2f", Bench.median(two) / Bench.median(one)));
            Bench.row("one (the pool limited to two open connections: the run's lock and the first session's)", Bench.spreadMs(one), "1.00");
            if (refused.get() == 0) {
                throw new IllegalStateException("the limited pool never refused the second session: the one-session figures are not that");
            }
        }
    }

    /** One verify of {@code plan} on {@code dataSource}; the number of scripts, all of which must pass. */
    private static int verify(DataSource dataSource, Plan plan) {
        List<VerifyResult> results = Engine.on(dataSource).verify(plan, MigrationListener.NONE);
        if (!results.stream().allMatch(VerifyResult::passed)) {
            throw new IllegalStateException("a verify script failed: " + results.stream().filter(r -> !r.passed()).findFirst().orElseThrow());
        }
        return results.size();
    }
}
