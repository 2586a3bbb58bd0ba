package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.DryRunReport;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * Item 1: full apply of every module into an empty database: the runner (Engine, as {@code migrate}
 * runs it, with and without the verify scripts), plain Flyway (one instance per module, same files and
 * placeholders) and {@code psql -f} of the same SQL in one session (the floor). Not a test.
 * Argument: repetitions (median reported), default 3.
 */
public final class FullApplyBenchmark {

    private FullApplyBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? Integer.parseInt(args[0]) : 3, args.length > 1 ? args[1] : "runner/target/schema-modules-runner.jar");
    }

    static void run(int reps, String runnerJar) throws Exception {
        Path jar = Path.of(runnerJar).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Map<String, String> cache = Map.of("XDG_CACHE_HOME", Files.createTempDirectory("bench-full-cds").toString());
        Plan plan = Bench.planAll();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        Path sql = floorScript(plan);
        int migrations = countMigrations(plan);
        List<Double> runner = new ArrayList<>();
        List<Double> runnerNoVerify = new ArrayList<>();
        List<Double> runnerUnchecked = new ArrayList<>();
        List<Double> flyway = new ArrayList<>();
        List<Double> psql = new ArrayList<>();
        List<Double> jarRuns = new ArrayList<>();
        warmUp(plan);
        try (TestDatabase db = TestDatabase.empty()) {   // the launcher's archive, written once (the cold run, not counted)
            Bench.settle();
            Bench.process(List.of(java, "-jar", jar.toString(), "migrate", "--url", db.uri()), null, cache);
        }
        for (int i = 0; i < reps; i++) {
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                jarRuns.add(Bench.process(List.of(java, "-jar", jar.toString(), "migrate", "--url", db.uri()), null, cache));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                runner.add(Bench.seconds(() -> Engine.on(db.dataSource(), EngineOptions.defaults()).migrate(plan, MigrationListener.NONE)));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                runnerNoVerify.add(Bench.seconds(() -> Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false))
                        .migrate(plan, MigrationListener.NONE)));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                runnerUnchecked.add(Bench.seconds(() -> Engine.on(db.dataSource(), ScaleBenchmark.withoutChecks(EngineOptions.defaults().withVerifyAfterMigrate(false)))
                        .migrate(plan, MigrationListener.NONE)));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                flyway.add(Bench.seconds(() -> {
                    for (PlannedModule m : plan.modules()) {
                        Flyway f = Bench.plainFlyway(m, db, loader);
                        f.migrate();
                    }
                }));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                psql.add(Bench.psql(db, sql));
            }
        }
        double floor = Bench.median(psql);
        Bench.title("1. Full apply, empty database, all " + plan.modules().size() + " modules (" + migrations + " migrations), median of " + reps);
        Bench.header("tool", "min / median / max", "vs psql floor", "vs plain Flyway (in process)");
        double fw = Bench.median(flyway);
        report("whole process: `java -jar runner.jar migrate --url …` (launcher, archive warm; verify scripts of what it applied)", jarRuns, floor, fw);
        report("in process: runner `migrate` (with verify scripts, the default)", runner, floor, fw);
        report("in process: runner `migrate --no-verify`", runnerNoVerify, floor, fw);
        report("in process: runner `migrate --no-verify`, module-boundary checks off (API option `referenceCheck` false; for comparison, not a CLI option)",
                runnerUnchecked, floor, fw);
        report("in process: plain Flyway API, one instance per module", flyway, floor, fw);
        report("psql -f, same SQL and transactions, one session (floor; a process of its own)", psql, floor, fw);
        Bench.note("In-process timings: JVM warm (one throw-away full apply first). Whole process: a new JVM per run (the launcher's class-sharing "
                + "archive written by one earlier run, not counted). psql is a fresh process each time; the floor script is the dry-run SQL with "
                + "CREATE SCHEMA / search_path as Flyway sets them and each transactional script in BEGIN/COMMIT, as Flyway runs it.");
        double whole = Bench.median(jarRuns) / floor;
        double inProcess = Bench.median(runner) / floor;
        Bench.goal("2. full apply (" + migrations + " migrations) ≤ 2.5x the psql floor, whole process", Bench.x(whole) + " (" + Bench.s(Bench.median(jarRuns))
                + " vs " + Bench.s(floor) + ")", whole <= 2.5);
        Bench.goal("2. full apply ≤ 1.5x the psql floor, in process (default: with the verify scripts of what it applied)", Bench.x(inProcess) + " ("
                + Bench.s(Bench.median(runner)) + "; without verify scripts " + Bench.x(Bench.median(runnerNoVerify) / floor)
                + "; without them and the module-boundary checks " + Bench.x(Bench.median(runnerUnchecked) / floor) + ")", inProcess <= 1.5);
    }

    private static void report(String name, List<Double> values, double floor, double flyway) {
        double m = Bench.median(values);
        Bench.row(name, Bench.spread(values), Bench.x(m / floor), Bench.x(m / flyway));
    }

    private static void warmUp(Plan plan) {
        try (TestDatabase db = TestDatabase.empty()) {
            Bench.settle();
            Engine.on(db.dataSource(), EngineOptions.defaults()).migrate(plan, MigrationListener.NONE);
        }
    }

    static int countMigrations(Plan plan) {
        try (TestDatabase db = TestDatabase.empty()) {
            Bench.settle();
            return Engine.on(db.dataSource()).dryRun(plan).modules().stream().mapToInt(m -> m.scripts().size()).sum();
        }
    }

    /** The exact SQL migrate would run on an empty database, as one psql script (schemas created as Flyway does). */
    static Path floorScript(Plan plan) throws Exception {
        DryRunReport report;
        try (TestDatabase db = TestDatabase.empty()) {
            Bench.settle();
            report = Engine.on(db.dataSource()).dryRun(plan);
        }
        StringBuilder b = new StringBuilder();
        for (DryRunReport.ModuleScripts ms : report.modules()) {
            PlannedModule m = plan.module(ms.module()).orElseThrow();
            for (String schema : m.schemas()) {
                b.append("CREATE SCHEMA IF NOT EXISTS \"").append(schema).append("\";\n");
            }
            b.append("SET search_path TO \"").append(m.primarySchema()).append("\", \"$user\", public;\n");
            for (DryRunReport.Script s : ms.scripts()) {
                b.append("-- ").append(ms.module()).append(' ').append(s.script()).append('\n');
                // as Flyway runs it: a transactional script in one transaction (messaging's LOCK TABLE needs one), the others statement by statement
                b.append(s.transactional() ? "BEGIN;\n" : "").append(s.sql()).append("\n;\n").append(s.transactional() ? "COMMIT;\n" : "");
            }
        }
        Path file = Files.createTempFile("bench-full-apply", ".sql");
        Files.writeString(file, b.toString());
        return file;
    }
}
