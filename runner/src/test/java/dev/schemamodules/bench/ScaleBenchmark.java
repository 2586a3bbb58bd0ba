package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.SchemaModule;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;

/**
 * Item 4: one module of N generated one-statement migrations ({@code CREATE TABLE tN (id integer)}):
 * first apply, no-op migrate and validate for the runner's engine, plain Flyway and psql running the
 * same statements one transaction each (the floor). Not a test. Arguments: sizes, default 1000.
 */
public final class ScaleBenchmark {

    private ScaleBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
        }
        run(sizes.isEmpty() ? List.of(1000) : sizes);
    }

    static void run(List<Integer> sizes) throws Exception {
        Bench.title("4. Scale: N one-statement migrations in one module (engine in-process; psql one transaction per statement)");
        Bench.header("N", "tool", "first apply", "per migration", "vs psql floor", "no-op migrate", "validate");
        for (int n : sizes) {
            ClassLoader loader = moduleLoader(n);
            Plan plan = Bench.plan(loader, "gen");
            PlannedModule m = plan.module("gen").orElseThrow();
            double floor;
            try (TestDatabase db = TestDatabase.empty()) {
                floor = Bench.psql(db, floorScript(n));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Engine engine = Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false));
                double first = Bench.seconds(() -> engine.migrate(plan, MigrationListener.NONE));
                check(db, n);
                double noop = Bench.seconds(() -> engine.migrate(plan, MigrationListener.NONE));
                double validate = Bench.seconds(() -> {
                    for (ValidationResult r : engine.validate(plan)) {
                        if (!r.valid()) {
                            throw new IllegalStateException("validate failed: " + r);
                        }
                    }
                });
                Bench.row(Bench.n(n), "runner engine (`migrate --no-verify`)", Bench.s(first), Bench.ms(first / n), Bench.x(first / floor),
                        Bench.s(noop), Bench.s(validate));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                double first = Bench.seconds(() -> Bench.plainFlyway(m, db, loader).load().migrate());
                check(db, n);
                double noop = Bench.seconds(() -> Bench.plainFlyway(m, db, loader).load().migrate());
                double validate = Bench.seconds(() -> Bench.plainFlyway(m, db, loader).load().validate());
                Bench.row(Bench.n(n), "plain Flyway API", Bench.s(first), Bench.ms(first / n), Bench.x(first / floor), Bench.s(noop), Bench.s(validate));
            }
            Bench.row(Bench.n(n), "psql, one transaction per statement (floor)", Bench.s(floor), Bench.ms(floor / n), "1.0x", "-", "-");
        }
        Bench.note("The runner's engine runs its cross-module reference check after every migration; plain Flyway does not. "
                + "Runner rows are without verify scripts (the generated module has one per migration; see item 2 for their cost).");
    }

    private static void check(TestDatabase db, int n) throws Exception {
        long tables = db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'gen'");
        long rows = db.count("SELECT count(*) FROM gen.flyway_schema_history WHERE success AND version IS NOT NULL AND version <> '0'");
        if (tables < n || rows != n) {
            throw new IllegalStateException("expected " + n + " tables and history rows, found " + tables + " / " + rows);
        }
    }

    /** A class loader seeing the generated module jar {@code gen} (schema {@code gen}) besides the class path. */
    static ClassLoader moduleLoader(int n) throws Exception {
        Path dir = Files.createTempDirectory("bench-gen");
        String saved = System.getProperty("java.class.path");
        // ModuleJarBuilder compiles the module class against java.class.path; under exec:java that is Maven's own
        System.setProperty("java.class.path", Path.of(SchemaModule.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        Path jar;
        try {
            jar = ModuleJarBuilder.generated("gen", "gen", n).writeTo(dir);
        } finally {
            System.setProperty("java.class.path", saved);
        }
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, Thread.currentThread().getContextClassLoader());
    }

    static Path floorScript(int n) throws Exception {
        StringBuilder b = new StringBuilder("CREATE SCHEMA gen;\nSET search_path TO gen;\n");
        for (int i = 1; i <= n; i++) {
            b.append("CREATE TABLE t").append(i).append(" (id integer);\n");
        }
        Path file = Files.createTempFile("bench-scale", ".sql");
        Files.writeString(file, b.toString());
        return file;
    }
}
