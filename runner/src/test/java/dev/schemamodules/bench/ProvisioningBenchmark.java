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
        Bench.title("3. Test provisioning: a fresh migrated database for one test class, median of " + reps);
        Bench.header("modules", "template clone (`@SchemaTest`)", "re-run migrations (empty db + migrate)", "speed-up", "first template (once per JVM)");
        for (List<String> modules : List.of(List.of("therapy"), List.of("messaging"), all)) {
            Plan plan = TemplateDatabases.plan(modules, "");
            double firstTemplate = Bench.seconds(() -> {
                try (TestDatabase db = TestDatabase.create(modules, "")) {
                    touch(db);
                }
            });
            List<Double> clone = new ArrayList<>();
            List<Double> migrate = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                clone.add(Bench.seconds(() -> {
                    try (TestDatabase db = TestDatabase.create(modules, "")) {
                        touch(db);
                    }
                }));
                migrate.add(Bench.seconds(() -> {
                    try (TestDatabase db = TestDatabase.empty()) {
                        Engine.on(db.dataSource(), EngineOptions.defaults()).migrate(plan, MigrationListener.NONE);
                        touch(db);
                    }
                }));
            }
            double c = Bench.median(clone);
            double m = Bench.median(migrate);
            Bench.row(modules.size() == all.size() ? "all " + all.size() : String.join(", ", plan.modules().stream().map(x -> x.name()).toList()),
                    Bench.ms(c), Bench.ms(m), Bench.x(m / c), Bench.ms(firstTemplate));
        }
        Bench.note("Each figure includes creating the database, opening its pool and one query, and dropping it at close.");
    }

    private static void touch(TestDatabase db) throws Exception {
        try (Connection c = db.connection(); var st = c.createStatement()) {
            st.execute("SELECT 1");
        }
    }
}
