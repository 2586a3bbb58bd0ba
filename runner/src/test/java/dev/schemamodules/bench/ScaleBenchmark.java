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

    /** Migrations of the warm-up module every size's JVM applies first (and throws away), so every size starts equally warm. */
    static final int WARM_UP = 300;

    /**
     * How many times the warm-up module is applied (into a fresh schema each time). One application left the JIT compilers
     * busy in the measured runs: at 1,000 migrations in memory the first of five runs took 0.64 s and the others
     * 0.47-0.58 s, and the median fell from 0.56 s to 0.50 s with four applications.
     */
    static final int WARM_UP_ROUNDS = 4;

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--one")) {
            one(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
            System.exit(0);
        }
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a.replace("_", "").replace(",", "")));
        }
        run(sizes.isEmpty() ? List.of(1000) : sizes, 1);
    }

    /** Figures of one size, as its JVM reports them. */
    record Size(int n, double runnerFirst, double floor, double flywayFirst, double plan, double noop, double validate, double unchecked) {
    }

    /** Every size in a JVM of its own (this class with {@code --one N}), after the same warm-up; returns their figures. */
    static List<Size> run(List<Integer> sizes, int reps) throws Exception {
        Bench.title("4. Scale: N one-statement migrations in one module, each N in a JVM of its own after the same warm-up "
                + "(a " + WARM_UP + "-migration module applied " + WARM_UP_ROUNDS + " times, dropped each time); engine in process; psql one transaction per statement"
                + (reps > 1 ? "; floor and engine alternating, " + reps + " runs each, median (min-max)" : ""));
        Bench.header("N", "tool", "first apply", "per migration", "vs psql floor", "plan", "no-op migrate", "validate");
        List<Size> results = new ArrayList<>();
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (int n : sizes) {
            List<String> cmd = new ArrayList<>(List.of(javaBin, "-Xmx1g", "-cp", System.getProperty("java.class.path")));
            // java.io.tmpdir: the child's embedded server puts its data directory there (bench/run.sh --tmpfs)
            for (String p : List.of("schemamodules.test.backend", "schemamodules.test.dbUrl", "schemamodules.test.pgMajor", "java.io.tmpdir")) {
                if (System.getProperty(p) != null) {
                    cmd.add("-D" + p + "=" + System.getProperty(p));
                }
            }
            cmd.addAll(List.of(ScaleBenchmark.class.getName(), "--one", String.valueOf(n), String.valueOf(reps)));
            Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("SIZE ")) {
                        String[] f = line.substring(5).split(" ");
                        results.add(new Size(Integer.parseInt(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                                Double.parseDouble(f[4]), Double.parseDouble(f[5]), Double.parseDouble(f[6]), Double.parseDouble(f[7])));
                    } else if (line.startsWith("|")) {
                        System.out.println(line);
                        System.out.flush();
                    }
                }
            }
            if (p.waitFor() != 0) {
                throw new IllegalStateException("scale benchmark for N=" + n + " failed (exit " + p.exitValue() + ")");
            }
        }
        Bench.note("The runner's engine runs its cross-module reference check once per batch of migrations; plain Flyway does not. Runner rows are "
                + "without verify scripts (the generated module has one per migration; see item 2 for their cost). plan = the `plan` command's work "
                + "with a database (planning, the preflight, the installed schema names and every module's status), in process.");
        if (!results.isEmpty()) {
            StringBuilder over = new StringBuilder("The engine's time over the floor's, per migration (medians; the server's own work taken out): ");
            for (Size r : results) {
                over.append(Bench.n(r.n())).append(": ").append(Bench.ms((r.runnerFirst() - r.floor()) / r.n())).append("; ");
            }
            Bench.note(over.substring(0, over.length() - 2) + ".");
            StringBuilder checks = new StringBuilder("What the module-boundary checks cost, per migration (the default's median less the median "
                    + "with the checks off; the rest of the engine's time over the floor's after the colon): ");
            for (Size r : results) {
                checks.append(Bench.n(r.n())).append(": ").append(Bench.ms((r.runnerFirst() - r.unchecked()) / r.n())).append(" (")
                        .append(Bench.ms((r.unchecked() - r.floor()) / r.n())).append("); ");
            }
            Bench.note(checks.substring(0, checks.length() - 2) + ".");
        }
        if (results.size() > 1) {
            // what each size adds over the one before it: a run's fixed cost (start, preflight, the history table)
            // cancels out, so this shows how the cost of one more migration moves with N, the engine's and the floor's
            StringBuilder added = new StringBuilder("Time per added migration (the difference of the medians of two sizes over the "
                    + "difference of their N; a run's fixed cost cancels out; for reading goal 3, which is judged on the time per migration of the table): ");
            for (int i = 1; i < results.size(); i++) {
                Size a = results.get(i - 1);
                Size b = results.get(i);
                added.append(Bench.n(a.n())).append(" to ").append(Bench.n(b.n())).append(": engine ")
                        .append(perMigration((b.runnerFirst() - a.runnerFirst()) / (b.n() - a.n()))).append(", floor ")
                        .append(perMigration((b.floor() - a.floor()) / (b.n() - a.n()))).append("; ");
            }
            double floorLo = results.stream().mapToDouble(r -> r.floor() / r.n()).min().orElseThrow();
            double floorHi = results.stream().mapToDouble(r -> r.floor() / r.n()).max().orElseThrow();
            Bench.note(added.substring(0, added.length() - 2) + ". The floor's own time per statement across the sizes: "
                    + perMigration(floorLo) + " to " + perMigration(floorHi) + String.format(java.util.Locale.ROOT, " (%+.0f %%).", (floorHi / floorLo - 1) * 100));
            double lo = results.stream().mapToDouble(r -> r.runnerFirst() / r.n()).min().orElseThrow();
            double hi = results.stream().mapToDouble(r -> r.runnerFirst() / r.n()).max().orElseThrow();
            Bench.goal("3. linear: time per migration flat within 15 % across N = " + results.stream().map(r -> Bench.n(r.n())).toList(),
                    Bench.ms(lo) + " to " + Bench.ms(hi) + " per migration (" + String.format(java.util.Locale.ROOT, "%+.0f %%", (hi / lo - 1) * 100) + ")",
                    hi <= lo * 1.15);
        }
        for (Size r : results) {
            Bench.goal("3. N = " + Bench.n(r.n()) + ": ≤ 2x the psql floor, in process", Bench.x(r.runnerFirst() / r.floor()), r.runnerFirst() <= 2 * r.floor());
            if (r.n() >= 10_000) {
                Bench.goal("3. N = " + Bench.n(r.n()) + ": plan, validate and no-op migrate each under 1 s, in process",
                        "plan " + Bench.ms(r.plan()) + ", validate " + Bench.ms(r.validate()) + ", no-op " + Bench.ms(r.noop()),
                        r.plan() < 1 && r.validate() < 1 && r.noop() < 1);
            }
        }
        return results;
    }

    /** Seconds per migration in milliseconds, two decimals (the table's 0.1 ms hides the differences read here). */
    private static String perMigration(double seconds) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", seconds * 1000);
    }

    /** " (min-max)" of several runs, nothing for one. */
    private static String range(List<Double> values) {
        if (values.size() < 2) {
            return "";
        }
        return " (" + Bench.s(java.util.Collections.min(values)) + "-" + Bench.s(java.util.Collections.max(values)) + ")";
    }

    /**
     * One size, in this JVM: warm-up, then {@code reps} alternating runs of the floor and the runner's engine (medians
     * reported) and of the engine with its module-boundary checks off, then plain Flyway once; rows on standard output.
     */
    static void one(int n, int reps) throws Exception {
        ClassLoader warm = moduleLoader(WARM_UP);
        Plan warmPlan = Bench.plan(warm, "gen");
        try (TestDatabase db = TestDatabase.empty()) {
            Bench.settle();
            Engine e = Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false));
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                db.execute("DROP SCHEMA IF EXISTS gen CASCADE");
                e.migrate(warmPlan, MigrationListener.NONE);
            }
            e.status(warmPlan);
            e.validate(warmPlan);
            Bench.plainFlyway(warmPlan.module("gen").orElseThrow(), db, warm).validate();
        }
        ClassLoader loader = moduleLoader(n);
        Plan plan = Bench.plan(loader, "gen");
        PlannedModule m = plan.module("gen").orElseThrow();
        // the floor and the runner alternate, each run in a fresh database: the server's cost per statement drifts
        // on this machine by up to a factor of two over a minute, so one run of each says little about their ratio
        List<Double> floors = new ArrayList<>();
        List<Double> firsts = new ArrayList<>();
        List<Double> uncheckedFirsts = new ArrayList<>();
        List<Double> plans = new ArrayList<>();
        List<Double> noops = new ArrayList<>();
        List<Double> validates = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                floors.add(Bench.psql(db, floorScript(n)));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                Engine engine = Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false));
                firsts.add(Bench.seconds(() -> engine.migrate(plan, MigrationListener.NONE)));
                check(db, n);
                // what the plan command does with a database: plan, preflight, the installed names, every module's status
                plans.add(Bench.seconds(() -> {
                    Plan p = Bench.plan(loader, "gen");
                    if (!engine.preflight(p).ok()) {
                        throw new IllegalStateException("preflight found problems");
                    }
                    engine.status(engine.withInstalledNames(p));
                }));
                noops.add(Bench.seconds(() -> engine.migrate(plan, MigrationListener.NONE)));
                validates.add(Bench.seconds(() -> {
                    for (ValidationResult v : engine.validate(plan)) {
                        if (!v.valid()) {
                            throw new IllegalStateException("validate failed: " + v);
                        }
                    }
                }));
            }
            try (TestDatabase db = TestDatabase.empty()) {
                Bench.settle();
                Engine engine = Engine.on(db.dataSource(), withoutChecks(EngineOptions.defaults().withVerifyAfterMigrate(false)));
                uncheckedFirsts.add(Bench.seconds(() -> engine.migrate(plan, MigrationListener.NONE)));
                check(db, n);
            }
        }
        double floor = Bench.median(floors);
        double runnerFirst = Bench.median(firsts);
        double planTime = Bench.median(plans);
        double noop = Bench.median(noops);
        double validate = Bench.median(validates);
        double unchecked = Bench.median(uncheckedFirsts);
        Bench.row(Bench.n(n), "runner engine (`migrate --no-verify`)", Bench.s(runnerFirst) + range(firsts), Bench.ms(runnerFirst / n),
                Bench.x(runnerFirst / floor), Bench.ms(planTime), Bench.ms(noop), Bench.ms(validate));
        Bench.row(Bench.n(n), "runner engine, module-boundary checks off (API option `referenceCheck` false; for comparison, not a CLI option)",
                Bench.s(unchecked) + range(uncheckedFirsts), Bench.ms(unchecked / n), Bench.x(unchecked / floor), "-", "-", "-");
        double flywayFirst = Double.NaN;
        if (n >= 10_000) {   // plain Flyway grows faster than linearly (3,000: about 20 s); at 10,000 it would take most of the run
            Bench.row(Bench.n(n), "plain Flyway API", "not run at this size", "-", "-", "-", "-", "-");
        } else try (TestDatabase db = TestDatabase.empty()) {
            Bench.settle();
            flywayFirst = Bench.seconds(() -> Bench.plainFlyway(m, db, loader).migrate());
            check(db, n);
            double fnoop = Bench.seconds(() -> Bench.plainFlyway(m, db, loader).migrate());
            double fvalidate = Bench.seconds(() -> Bench.plainFlyway(m, db, loader).validate());
            Bench.row(Bench.n(n), "plain Flyway API", Bench.s(flywayFirst), Bench.ms(flywayFirst / n), Bench.x(flywayFirst / floor), "-", Bench.ms(fnoop),
                    Bench.ms(fvalidate));
        }
        Bench.row(Bench.n(n), "psql, one transaction per statement (floor)", Bench.s(floor) + range(floors), Bench.ms(floor / n), "1.0x", "-", "-", "-");
        System.out.println("SIZE " + n + " " + runnerFirst + " " + floor + " " + flywayFirst + " " + planTime + " " + noop + " " + validate + " " + unchecked);
    }

    /** {@code options} with the module-boundary checks off (the reference check and the fingerprints). */
    static EngineOptions withoutChecks(EngineOptions o) {
        return new EngineOptions(o.lockTimeout(), o.verifyAfterMigrate(), false, o.migrationsPerTransaction(), o.ddlLockTimeout(), o.ddlLockRetries(),
                o.statementTimeout(), o.verifyAll(), o.strictVersions(), o.concurrentLockTimeout());
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
            jar = ModuleJarBuilder.generated("gen", "gen", n).withIndex().writeTo(dir);   // as the module build writes it
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
