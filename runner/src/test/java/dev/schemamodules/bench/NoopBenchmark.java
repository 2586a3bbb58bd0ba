package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Item 2: no-op migrate on an up-to-date database (every module), whole-process wall time including JVM
 * start: the runner jar as users start it ({@code java -jar}, whose launcher re-runs it with the class-data
 * sharing archive it keeps in the user's cache), the same without the launcher, what a shell launcher with
 * the same flags would do, and plain Flyway in its own JVM (default flags, and with an AppCDS archive + C1).
 * Not a test. Arguments: runner jar, runs per variant (median; variants interleaved).
 */
public final class NoopBenchmark {

    private NoopBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        run(args.length > 0 ? args[0] : "runner/target/schema-modules-runner.jar", args.length > 1 ? Integer.parseInt(args[1]) : 5);
    }

    static void run(String runnerJar, int runs) throws Exception {
        Path jar = Path.of(runnerJar).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("runner jar " + jar + " not found: build it first (package -DskipTests)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String testClasses = plainFlywayJar().toString();   // AppCDS refuses non-empty directories on the class path
        Plan plan = Bench.planAll();
        try (TestDatabase db = TestDatabase.empty()) {
            Engine.on(db.dataSource(), EngineOptions.defaults()).migrate(plan, MigrationListener.NONE);
            String url = db.uri();
            String jdbc = db.jdbcUrl();
            String user = db.settings().user().orElse("postgres");
            Path work = Files.createTempDirectory("bench-noop");
            // the launcher's per-user cache, here a folder of the benchmark's own (so the first run is really the first)
            Map<String, String> cache = Map.of("XDG_CACHE_HOME", work.resolve("cache").toString());
            Map<String, String> noLauncher = Map.of("SCHEMA_MODULES_CDS", "off");
            Path jsa = work.resolve("runner.jsa");
            Path jsaPlain = work.resolve("plain.jsa");
            List<String> fast = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
            List<String> migrate = List.of("migrate", "--url", url);

            // cold: the first run of this jar for this user writes the archive (once)
            double first = Bench.process(cmd(java, List.of(), "-jar", jar.toString(), migrate), null, cache);
            // archives for the hand-tuned variants, written by one training run each
            Bench.process(cmd(java, with(fast, "-XX:ArchiveClassesAtExit=" + jsa), "-cp", jar.toString(), "dev.schemamodules.runner.Main", migrate), null, noLauncher);
            Bench.process(cmd(java, with(fast, "-XX:ArchiveClassesAtExit=" + jsaPlain), "-cp", jar + ":" + testClasses,
                    PlainFlywayMain.class.getName(), List.of(jdbc, user)), null);

            List<Variant> variants = List.of(
                    new Variant("JVM + CLI only: `java -jar runner.jar --version` (launcher, archive in the cache)",
                            cmd(java, List.of(), "-jar", jar.toString(), List.of("--version")), cache, null),
                    new Variant("**runner `java -jar runner.jar migrate --url …`** (default: launcher + archive, verifies what it applied: nothing)",
                            cmd(java, List.of(), "-jar", jar.toString(), migrate), cache, "plain"),
                    new Variant("runner `migrate --verify-all` (launcher + archive; all verify scripts)",
                            cmd(java, List.of(), "-jar", jar.toString(), with(migrate, "--verify-all")), cache, "plain"),
                    new Variant("runner `migrate` without the launcher (`SCHEMA_MODULES_CDS=off`: one JVM, default flags)",
                            cmd(java, List.of(), "-jar", jar.toString(), migrate), noLauncher, "plain"),
                    new Variant("runner `migrate`, the launcher's flags given by hand (what a shell launcher would run)",
                            cmd(java, with(fast, "-XX:SharedArchiveFile=" + jsa), "-cp", jar.toString(), "dev.schemamodules.runner.Main", migrate), noLauncher, "plain"),
                    new Variant("plain Flyway, own JVM, default flags",
                            cmd(java, List.of(), "-cp", jar + ":" + testClasses, PlainFlywayMain.class.getName(), List.of(jdbc, user)), Map.of(), "plain"),
                    new Variant("plain Flyway, own JVM, AppCDS archive + C1 + serial GC",
                            cmd(java, with(fast, "-XX:SharedArchiveFile=" + jsaPlain), "-cp", jar + ":" + testClasses, PlainFlywayMain.class.getName(),
                                    List.of(jdbc, user)), Map.of(), "plain"));
            List<List<Double>> times = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++) {
                times.add(new ArrayList<>());
            }
            for (int r = 0; r < runs; r++) {  // interleaved, so drift on a noisy machine hits every variant alike
                for (int v = 0; v < variants.size(); v++) {
                    times.get(v).add(Bench.process(variants.get(v).command, null, variants.get(v).env));
                }
            }
            Bench.title("2. No-op migrate, up-to-date database, all modules: whole process incl. JVM start (warm: archive exists), "
                    + runs + " runs per variant, interleaved");
            Bench.header("variant", "min / median / max", "median vs plain Flyway (default flags)");
            double plain = Bench.median(times.get(5));
            for (int v = 0; v < variants.size(); v++) {
                double m = Bench.median(times.get(v));
                Bench.row(variants.get(v).name, Bench.spreadMs(times.get(v)), variants.get(v).baseline == null ? "-" : Bench.x(m / plain));
            }
            Bench.row("cold: the jar's first `migrate` for this user (writes the archive, once)", Bench.ms(first) + " (1 run)", Bench.x(first / plain));
            Bench.note("Java " + System.getProperty("java.version") + ". The database is the benchmark server (--url), so no embedded server start is "
                    + "included. The launcher's archive is kept in `$XDG_CACHE_HOME/schema-modules/cds` (here a folder of the benchmark's own); "
                    + "hand-tuned flags = `-XX:SharedArchiveFile=<archive> -XX:TieredStopAtLevel=1 -XX:+UseSerialGC`.");
            double runner = Bench.median(times.get(1));
            Bench.goal("1. no-op deploy, whole process, default command line (`java -jar … migrate --url`): median ≤ 1.5 s and below plain Flyway's",
                    Bench.ms(runner) + " (plain Flyway " + Bench.ms(plain) + ")", runner <= 1.5 && runner < plain);
        }
    }

    /** A jar holding just {@link PlainFlywayMain} (it needs nothing else that the runner jar lacks). */
    private static Path plainFlywayJar() throws Exception {
        Path jar = Files.createTempDirectory("bench-plain").resolve("plain-flyway.jar");
        String entry = PlainFlywayMain.class.getName().replace('.', '/') + ".class";
        try (var in = PlainFlywayMain.class.getClassLoader().getResourceAsStream(entry);
             var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new java.util.jar.JarEntry(entry));
            in.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }

    private record Variant(String name, List<String> command, Map<String, String> env, String baseline) {
    }

    private static List<String> with(List<String> a, String b) {
        List<String> l = new ArrayList<>(a);
        l.add(b);
        return l;
    }

    private static List<String> cmd(String java, List<String> jvm, String a, String b, List<String> rest) {
        return cmd(java, jvm, a, b, null, rest);
    }

    private static List<String> cmd(String java, List<String> jvm, String a, String b, String main, List<String> rest) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(jvm);
        c.add(a);
        c.add(b);
        if (main != null) {
            c.add(main);
        }
        c.addAll(rest);
        return c;
    }
}
