package dev.schemamodules.bench;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.testing.TestDatabase;
import dev.schemamodules.testing.TestPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/** Shared helpers of the benchmarks (not a test): timing, medians, psql, plain Flyway, machine facts. */
final class Bench {

    private Bench() {
    }

    /** A timed piece of work. */
    interface Work {
        void run() throws Exception;
    }

    /**
     * Waits for the test harness's background work (the drop of the database the previous measurement used, with the
     * checkpoint it forces): called before a clock starts, so that it is not timed with the next measurement.
     */
    static void settle() {
        dev.schemamodules.testing.TemplateDatabases.settle();
    }

    static double seconds(Work w) throws Exception {
        long t = System.nanoTime();
        w.run();
        return (System.nanoTime() - t) / 1e9;
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    static String s(double seconds) {
        return seconds < 10 ? String.format(Locale.ROOT, "%.2f s", seconds) : String.format(Locale.ROOT, "%.1f s", seconds);
    }

    static String ms(double seconds) {
        return seconds < 0.01 ? String.format(Locale.ROOT, "%.1f ms", seconds * 1000) : String.format(Locale.ROOT, "%.0f ms", seconds * 1000);
    }

    /** {@code min / median / max} of {@code values}, in milliseconds. */
    static String spreadMs(List<Double> values) {
        return ms(Collections.min(values)) + " / **" + ms(median(values)) + "** / " + ms(Collections.max(values));
    }

    /** {@code min / median / max} of {@code values}, in seconds. */
    static String spread(List<Double> values) {
        return s(Collections.min(values)) + " / **" + s(median(values)) + "** / " + s(Collections.max(values));
    }

    static String x(double ratio) {
        return String.format(Locale.ROOT, "%.1fx", ratio);
    }

    static String n(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static void title(String t) {
        System.out.println();
        System.out.println("### " + t);
        System.out.println();
    }

    static void row(Object... cells) {
        StringBuilder b = new StringBuilder("|");
        for (Object c : cells) {
            b.append(' ').append(c).append(" |");
        }
        System.out.println(b);
        System.out.flush();
    }

    static void header(String... cells) {
        row((Object[]) cells);
        StringBuilder b = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            b.append("---|");
        }
        System.out.println(b);
    }

    private static final List<String> GOALS = new ArrayList<>();

    /** Records whether a goal was met, with the figure that says so (printed by {@link #printGoals}). */
    static void goal(String goal, String figure, boolean met) {
        GOALS.add("| " + goal + " | " + figure + " | " + (met ? "**met**" : "**not met**") + " |");
    }

    /** The goals recorded in this run, one table row each (no header: bench/run.sh adds it, with the build's own goal). */
    static List<String> goals() {
        return List.copyOf(GOALS);
    }

    static void note(String text) {
        System.out.println();
        System.out.println(text);
        System.out.flush();
    }

    static Plan plan(ClassLoader loader, String... modules) {
        return Planner.plan(ModuleRegistry.discover(loader), PlanRequest.of(modules));
    }

    static Plan planAll() {
        return Planner.plan(ModuleRegistry.discover(Thread.currentThread().getContextClassLoader()), PlanRequest.all());
    }

    /**
     * "Plain Flyway" as a user would set it up by hand: one instance per module, its own history table
     * and schemas, the same locations and placeholders; everything else Flyway's defaults.
     */
    static Flyway plainFlyway(PlannedModule m, TestDatabase db, ClassLoader loader) {
        return plainFlyway(Flyway.configure(loader)
                .dataSource(db.jdbcUrl(), db.settings().user().orElse(null), db.settings().password().orElse(null))
                .schemas(m.schemas().toArray(String[]::new))
                .defaultSchema(m.primarySchema())
                .table("flyway_schema_history")
                .locations("classpath:" + m.descriptor().migrationLocation())
                .placeholders(m.placeholders()));
    }

    /**
     * Flyway's defaults but one: {@code postgresql.transactional.lock=false}, which any team with a
     * {@code CREATE INDEX CONCURRENTLY} migration must set. With the default, Flyway keeps a transaction open on
     * its lock connection while the migration runs on another, and the concurrent build (medication V5.2, the
     * first of them) waits for that transaction to end: the full apply never finishes (seen: 9 minutes, then
     * stopped). The runner sets the same (FlywayFactory).
     */
    static Flyway plainFlyway(FluentConfiguration configuration) {
        Flyway flyway = configuration.load();
        flyway.getConfigurationExtension(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return flyway;
    }

    /** Runs {@code psql -f file} against the database (autocommit: one transaction per statement); seconds. */
    static double psql(TestDatabase db, Path file) throws Exception {
        List<String> cmd = List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-o", "/dev/null", "-f", file.toString(), db.uri());
        return process(cmd, null);
    }

    /** Runs a command to completion; fails on a non-zero exit; returns wall seconds. */
    static double process(List<String> cmd, Path log) throws Exception {
        return process(cmd, log, java.util.Map.of());
    }

    /** {@link #process(List, Path)} with {@code env} added to the environment. */
    static double process(List<String> cmd, Path log, java.util.Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        Path out = log != null ? log : Files.createTempFile("bench-proc", ".log");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        long t = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(30, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        double secs = (System.nanoTime() - t) / 1e9;
        if (p.exitValue() != 0) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            throw new IllegalStateException("exit " + p.exitValue() + " from " + String.join(" ", cmd).replaceAll("postgresql://[^ ]*", "<url>") + "\n"
                    + text.substring(Math.max(0, text.length() - 3000)));
        }
        if (log == null) {
            Files.deleteIfExists(out);
        }
        return secs;
    }

    static String read(String file) {
        try {
            return Files.readString(Path.of(file)).strip();
        } catch (IOException e) {
            return "?";
        }
    }

    static String machine() {
        String cpu = "?";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("?");
        } catch (IOException e) {
            // keep "?"
        }
        String mem = "?";
        try {
            mem = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal")).findFirst()
                    .map(l -> String.format(Locale.ROOT, "%.0f GiB", Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).orElse("?");
        } catch (IOException e) {
            // keep "?"
        }
        String psql = "?";
        try {
            Process p = new ProcessBuilder("psql", "--version").redirectErrorStream(true).start();
            psql = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            // keep "?"
        }
        return Runtime.getRuntime().availableProcessors() + " cores (" + cpu + "), " + mem + " RAM, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + ", Java " + System.getProperty("java.version") + ", PostgreSQL server: "
                + TestPostgres.get().description() + ", client: " + psql;
    }
}
