package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.testing.TemplateDatabases;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/**
 * Item 3: time to hand a test class a fresh migrated database: clone of the per-JVM template
 * ({@code CREATE DATABASE ... TEMPLATE}, what {@code @SchemaTest} does) vs re-running the migrations
 * into an empty database. Not a test. Argument: repetitions (median). The whole {@code ./mvnw verify}
 * time is measured by bench/run.sh (--verify).
 */
public final class ProvisioningBenchmark {

    private ProvisioningBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 5);
    }

    static void run(int reps) throws Exception {
        List<String> all = Bench.planAll().modules().stream().map(m -> m.name()).toList();
        Bench.title("3. Test provisioning: a fresh migrated database for one test class, " + reps + " runs each, interleaved");
        Bench.header("modules", "`@SchemaTest` default: clone made ahead (min / median / max)", "clone made on demand", "re-run migrations (empty db + migrate)",
                "default vs re-run", "first template (once per JVM)");
        for (List<String> modules : List.of(List.of("therapy"), List.of("messaging"), all)) {
            Plan plan = TemplateDatabases.plan(modules, "");
            TemplateDatabases.useSpares(false);
            double firstTemplate = Bench.seconds(() -> {
                try (TestDatabase db = TestDatabase.create(modules, "")) {
                    touch(db);
                }
            });
            List<Double> ahead = new ArrayList<>();
            List<Double> onDemand = new ArrayList<>();
            List<Double> migrate = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                TemplateDatabases.useSpares(false);
                onDemand.add(Bench.seconds(() -> {
                    try (TestDatabase db = TestDatabase.create(modules, "")) {
                        touch(db);
                    }
                }));
                TemplateDatabases.useSpares(true);
                try (TestDatabase db = TestDatabase.create(modules, "")) {   // on demand; the next one is made ahead meanwhile
                    touch(db);
                }
                migrate.add(Bench.seconds(() -> {   // the test class that runs meanwhile (a full migrate, timed for the comparison)
                    try (TestDatabase db = TestDatabase.empty()) {
                        Engine.on(db.dataSource(), EngineOptions.defaults()).migrate(plan, MigrationListener.NONE);
                        touch(db);
                    }
                }));
                ahead.add(Bench.seconds(() -> {
                    try (TestDatabase db = TestDatabase.create(modules, "")) {
                        touch(db);
                    }
                }));
            }
            TemplateDatabases.useSpares(true);
            double c = Bench.median(ahead);
            double m = Bench.median(migrate);
            Bench.row(modules.size() == all.size() ? "all " + all.size() : String.join(", ", plan.modules().stream().map(x -> x.name()).toList()),
                    Bench.spreadMs(ahead), Bench.spreadMs(onDemand), Bench.spreadMs(migrate), Bench.x(m / c), Bench.ms(firstTemplate));
            if (modules.size() == all.size()) {
                Bench.goal("4. test provisioning: a fresh database with all " + all.size() + " modules, median ≤ 150 ms", Bench.ms(c) + " (the harness's default: "
                        + "a clone made while the previous test class ran; made on demand: " + Bench.ms(Bench.median(onDemand)) + ")", c <= 0.150);
            }
        }
        Bench.note("Each figure: from asking for the database to the end of one query on it, closing included (the drop itself runs on the harness's "
                + "background thread). \"Made ahead\": the harness clones the next database for the same modules on a background thread while a test "
                + "class runs (here: while the re-run-migrations variant ran), so a test class gets one without waiting for the copy; \"on demand\" "
                + "is the copy itself (`CREATE DATABASE … TEMPLATE`), what every test class waited for before.");
    }

    private static void touch(TestDatabase db) throws Exception {
        try (Connection c = db.connection(); var st = c.createStatement()) {
            st.execute("SELECT 1");
        }
    }
}
