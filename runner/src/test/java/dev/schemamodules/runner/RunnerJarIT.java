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

/** Runs the real fat jar as users do: {@code java -jar runner/target/schema-modules-runner.jar ...}. */
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
