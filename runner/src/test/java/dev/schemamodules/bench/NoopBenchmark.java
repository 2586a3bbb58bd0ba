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

/**
 * Item 2: no-op migrate on an up-to-date database (every module), whole-process wall time including JVM
 * start: the runner jar vs plain Flyway in its own JVM, then the same with start-up tuning (AppCDS
 * archive + C1 only). Not a test. Arguments: runner jar, runs per variant (median).
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
            Path jsa = Files.createTempDirectory("bench-cds").resolve("runner.jsa");
            Path jsaPlain = jsa.resolveSibling("plain.jsa");
            List<String> fast = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto");
            // archives for AppCDS, written by one training run each (what a release build or Dockerfile would do)
            Bench.process(cmd(java, List.of("-XX:ArchiveClassesAtExit=" + jsa), "-jar", jar.toString(), "migrate", "--url", url), null);
            Bench.process(cmd(java, List.of("-XX:ArchiveClassesAtExit=" + jsaPlain), "-cp", jar + ":" + testClasses,
                    PlainFlywayMain.class.getName(), jdbc, user), null);

            Bench.title("2. No-op migrate, up-to-date database, all modules: whole process incl. JVM start, median of " + runs);
            Bench.header("variant", "median wall", "runs", "vs plain Flyway (same JVM flags)");
            List<Variant> variants = List.of(
                    new Variant("JVM + CLI only: `java -jar runner.jar --version`", cmd(java, List.of(), "-jar", jar.toString(), "--version"), null),
                    new Variant("runner `migrate` (default: + verify scripts)", cmd(java, List.of(), "-jar", jar.toString(), "migrate", "--url", url), "plain"),
                    new Variant("runner `migrate --no-verify`", cmd(java, List.of(), "-jar", jar.toString(), "migrate", "--no-verify", "--url", url), "plain"),
                    new Variant("plain Flyway, own JVM", cmd(java, List.of(), "-cp", jar + ":" + testClasses, PlainFlywayMain.class.getName(), jdbc, user), "plain"),
                    new Variant("runner `migrate`, AppCDS + C1", cmd(java, with(fast, "-XX:SharedArchiveFile=" + jsa), "-jar", jar.toString(), "migrate", "--url", url), "plainFast"),
                    new Variant("runner `migrate --no-verify`, AppCDS + C1", cmd(java, with(fast, "-XX:SharedArchiveFile=" + jsa), "-jar", jar.toString(), "migrate",
                            "--no-verify", "--url", url), "plainFast"),
                    new Variant("plain Flyway, AppCDS + C1", cmd(java, with(fast, "-XX:SharedArchiveFile=" + jsaPlain), "-cp", jar + ":" + testClasses,
                            PlainFlywayMain.class.getName(), jdbc, user), "plainFast"));
            List<List<Double>> times = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++) {
                times.add(new ArrayList<>());
            }
            for (int r = 0; r < runs; r++) {  // interleaved, so drift on a noisy machine hits every variant alike
                for (int v = 0; v < variants.size(); v++) {
                    times.get(v).add(Bench.process(variants.get(v).command, null));
                }
            }
            double plain = Bench.median(times.get(3));
            double plainFast = Bench.median(times.get(6));
            for (int v = 0; v < variants.size(); v++) {
                double m = Bench.median(times.get(v));
                String ratio = variants.get(v).baseline == null ? "-" : Bench.x(m / ("plain".equals(variants.get(v).baseline) ? plain : plainFast));
                Bench.row(variants.get(v).name, Bench.ms(m), times.get(v).stream().map(Bench::ms).toList(), ratio);
            }
            Bench.note("Java " + System.getProperty("java.version") + "; `AppCDS + C1` = `-XX:SharedArchiveFile=<archive from one -XX:ArchiveClassesAtExit run>"
                    + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC`. The database is the benchmark server (--url), so no embedded server start is included.");
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

    private record Variant(String name, List<String> command, String baseline) {
    }

    private static List<String> with(List<String> a, String b) {
        List<String> l = new ArrayList<>(a);
        l.add(b);
        return l;
    }

    private static List<String> cmd(String java, List<String> jvm, String... rest) {
        List<String> c = new ArrayList<>();
        c.add(java);
        c.addAll(jvm);
        c.addAll(List.of(rest));
        return c;
    }
}
