package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Runs the real fat jar as users do: {@code java -jar runner/target/schema-modules-runner.jar ...}. Two tests at a
 * time: each mostly waits for the child JVMs it starts, and each has a working folder (and, where it looks at the
 * class-sharing archive, a cache) of its own.
 */
@Execution(ExecutionMode.CONCURRENT)
class RunnerJarIT {

    private static final Path JAR = Path.of("target", "schema-modules-runner.jar").toAbsolutePath();

    @TempDir
    Path work;

    private record Result(int exit, String output) {
    }

    private Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("runner finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    /** A run with standard output and standard error apart (standard error through a file, so neither pipe can fill up). */
    private record Split(int exit, String out, String err) {
    }

    private Split javaSplit(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Path err = java.nio.file.Files.createTempFile(work, "stderr", ".txt");
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectError(err.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("runner finished").isTrue();
        return new Split(p.exitValue(), out, java.nio.file.Files.readString(err));
    }

    private Result java(java.util.Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx200m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("runner finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    @Test
    void the_jar_writes_its_class_sharing_archive_once_into_the_users_cache_silently_and_reuses_it() throws Exception {
        Path cache = work.resolve("cache");
        java.util.Map<String, String> env = java.util.Map.of("XDG_CACHE_HOME", cache.toString());
        Result first = java(env, "modules");
        assertThat(first.exit()).as(first.output()).isZero();
        Path cds = cache.resolve("schema-modules").resolve("cds");
        List<Path> archives;
        try (var files = java.nio.file.Files.list(cds)) {
            archives = files.toList();
        }
        assertThat(archives).as("one archive, written by the first run").singleElement()
                .satisfies(a -> assertThat(a.getFileName().toString()).startsWith("runner-").endsWith(".jsa"));
        assertThat(java.nio.file.Files.getPosixFilePermissions(cds)).as("only the user may write the cache")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        long written = java.nio.file.Files.getLastModifiedTime(archives.get(0)).toMillis();

        Result second = java(env, "modules");
        assertThat(second.exit()).as(second.output()).isZero();
        assertThat(second.output()).as("same output with the archive").isEqualTo(first.output());
        assertThat(java.nio.file.Files.getLastModifiedTime(archives.get(0)).toMillis()).as("reused, not rewritten").isEqualTo(written);
        for (Result r : List.of(first, second)) {
            assertThat(r.output()).doesNotContain("[cds]").doesNotContain("warning").doesNotContain("sharing");
        }
        try (var files = java.nio.file.Files.list(work)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("nothing left in the working directory").containsOnly("cache");
        }

        Result usage = java(env, "nosuchcommand");
        assertThat(usage.exit()).as("the command's exit code is the process's").isEqualTo(ExitCodes.USAGE);
        assertThat(usage.output()).contains("unknown command 'nosuchcommand'");

        Path off = work.resolve("off-cache");
        Result single = java(java.util.Map.of("XDG_CACHE_HOME", off.toString(), "SCHEMA_MODULES_CDS", "off"), "modules");
        assertThat(single.exit()).isZero();
        assertThat(single.output()).isEqualTo(first.output());
        assertThat(off.resolve("schema-modules").resolve("cds")).as("SCHEMA_MODULES_CDS=off: one JVM, no archive").doesNotExist();
    }

    @Test
    void the_archive_of_another_command_serves_until_a_migrate_that_succeeds_writes_the_jars_own() throws Exception {
        Path cache = work.resolve("cache");
        java.util.Map<String, String> env = java.util.Map.of("XDG_CACHE_HOME", cache.toString());
        Path cds = cache.resolve("schema-modules").resolve("cds");
        assertThat(java(env, "modules").exit()).isZero();
        assertThat(archives(cds)).as("a command other than migrate writes a partial archive").singleElement()
                .satisfies(a -> assertThat(a).endsWith(Launcher.PARTIAL + ".jsa"));
        Result failed = java(env, "migrate", "--modules", "messaging", "--url", "postgresql://nobody@127.0.0.1:1/nothing");
        assertThat(failed.exit()).as(failed.output()).isNotZero();
        assertThat(archives(cds)).as("a migrate that failed keeps no archive (it stopped before loading what a deploy needs)")
                .singleElement().satisfies(a -> assertThat(a).endsWith(Launcher.PARTIAL + ".jsa"));
        try (dev.schemamodules.testing.TestDatabase db = dev.schemamodules.testing.TestDatabase.empty()) {
            Result migrate = java(env, "migrate", "--modules", "messaging", "--no-verify", "--url", db.uri());
            assertThat(migrate.exit()).as(migrate.output()).isZero();
        }
        assertThat(archives(cds)).as("the first migrate that succeeds writes the jar's archive; the partial one goes").singleElement()
                .satisfies(a -> assertThat(a).startsWith("runner-").endsWith(".jsa").doesNotContain(Launcher.PARTIAL));
        assertThat(java(env, "modules").exit()).isZero();
        assertThat(archives(cds)).as("every command uses it from then on; none writes another").hasSize(1);
    }

    private static List<String> archives(Path cds) throws IOException {
        try (var files = java.nio.file.Files.list(cds)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_new_jars_first_run_prunes_what_older_jars_left_in_the_archive_cache() throws Exception {
        Path cache = work.resolve("cache");
        Path cds = cache.resolve("schema-modules").resolve("cds");
        java.nio.file.Files.createDirectories(cds);
        long now = System.currentTimeMillis();
        // what five earlier jars left (one of them could not write an archive), written 1..5 days ago, newest first
        List<String> old = List.of("runner-aaaa.jsa", "runner-bbbb.none", "runner-cccc.jsa", "runner-dddd.jsa", "runner-eeee.jsa");
        for (int i = 0; i < old.size(); i++) {
            Path f = java.nio.file.Files.writeString(cds.resolve(old.get(i)), old.get(i).endsWith(".none") ? "" : "archive");
            java.nio.file.Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(now - (i + 1) * 86_400_000L));
        }
        Path killed = java.nio.file.Files.writeString(cds.resolve("runner-ffff.jsa.123.tmp"), "half written");
        java.nio.file.Files.setLastModifiedTime(killed, java.nio.file.attribute.FileTime.fromMillis(now - 2 * 3_600_000L));
        java.nio.file.Files.writeString(cds.resolve("runner-gggg.jsa.456.tmp"), "being written by a run now");
        java.nio.file.Files.writeString(cds.resolve("notes.txt"), "not the launcher's");

        Result first = java(java.util.Map.of("XDG_CACHE_HOME", cache.toString()), "modules");
        assertThat(first.exit()).as(first.output()).isZero();

        List<String> left;
        try (var files = java.nio.file.Files.list(cds)) {
            left = files.map(f -> f.getFileName().toString()).sorted().toList();
        }
        List<String> written = left.stream().filter(n -> n.endsWith(".jsa") && !old.contains(n)).toList();
        assertThat(written).as("this jar's archive, written by its first run").hasSize(1);
        assertThat(left).as("the archives of the " + Launcher.OTHER_JARS_KEPT + " jars written last stay; older ones, and a half-written"
                        + " archive of a run killed over an hour ago, go; a recent half-written one and other files stay")
                .containsExactlyInAnyOrder(written.get(0), "runner-aaaa.jsa", "runner-bbbb.none", "runner-cccc.jsa",
                        "runner-gggg.jsa.456.tmp", "notes.txt");
    }

    @Test
    void jar_migrates_the_embedded_default_and_info_json_reports_the_platform_module() throws Exception {
        Result migrate = java("migrate", "--modules", "platform", "--embedded-port", "0");
        assertThat(migrate.exit()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("embedded PostgreSQL").contains("3 migration(s) applied");

        // the whole of standard output is the document: the embedded server's notes, library log lines (logback) and
        // progress all go to standard error
        Split info = javaSplit("info", "--json", "--modules", "platform", "--embedded-port", "0");
        assertThat(info.exit()).as(info.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode doc = JsonShape.assertShape(JsonShape.parse(info.out()), "modules:array");
        JsonShape.assertEachShape(doc.get("modules"), JsonShape.INFO_MODULE);
        assertThat(doc.get("modules").get(0).get("installedVersion").asText()).isEqualTo("3");
        assertThat(info.err()).as("notes on standard error").contains("embedded PostgreSQL");

        Split verify = javaSplit("verify", "--json", "--modules", "platform", "--embedded-port", "0");
        assertThat(verify.exit()).as(verify.err()).isZero();
        assertThat(JsonShape.parse(verify.out()).get("passed").booleanValue()).isTrue();

        // the commands without a database too
        Split lint = javaSplit("lint", "--json", "--modules", "platform");
        assertThat(lint.exit()).as(lint.err()).isZero();
        JsonShape.assertShape(JsonShape.parse(lint.out()), "passed:boolean", "scripts:integer", "findings:array");
        Split plan = javaSplit("plan", "--json", "--offline", "--modules", "platform");
        assertThat(plan.exit()).as(plan.err()).isZero();
        assertThat(JsonShape.parse(plan.out()).get("modules").get(0).get("name").asText()).isEqualTo("platform");
    }

    @Test
    void drift_killed_with_sigterm_drops_its_scratch_database() throws Exception {
        try (dev.schemamodules.testing.TestDatabase db = dev.schemamodules.testing.TestDatabase.empty()) {
            assertThat(java("migrate", "--modules", "messaging", "--no-verify", "--url", db.uri()).exit()).isZero();
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString(),
                    "drift", "--modules", "messaging", "--url", db.uri()));
            Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(work.resolve("drift.log").toFile()).start();
            String scratch = "SELECT count(*) FROM pg_database WHERE datname LIKE 'schema\\_modules\\_scratch\\_%'";
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (db.count(scratch) == 0 && p.isAlive()) {
                assertThat(System.nanoTime()).as("drift created its scratch database").isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(p.isAlive()).as("still rebuilding when killed: %s", java.nio.file.Files.readString(work.resolve("drift.log"))).isTrue();
            p.destroy();   // SIGTERM, as kill or a service manager sends it
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(db.count(scratch)).as("scratch database dropped on SIGTERM: %s", java.nio.file.Files.readString(work.resolve("drift.log"))).isZero();
        }
    }

    @Test
    void jar_help_lists_commands_and_exit_codes() throws Exception {
        Result help = java("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("migrate").contains("undo").contains("Exit codes");
    }
}
