package dev.schemamodules.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import dev.schemamodules.testing.ModuleFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenarios 1, 2 and 12 of docs/reliability.md: whole runner processes (the fat jar), killed, raced, loaded.
 * Two minutes of fault injection: tagged {@code fault-injection}, run by CI's fault-injection leg
 * ({@code ci/test-legs.sh fault-injection}), not by a plain {@code ./mvnw verify}.
 */
@Tag("fault-injection")
class ReliabilityIT {

    private static final Path JAR = Path.of("target", "schema-modules-runner.jar").toAbsolutePath();

    @TempDir
    Path work;

    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void waitFor(TestDatabase db, String countQuery) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (db.count(countQuery) > 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + countQuery);
    }

    private Path slowModule(int sleepSeconds) throws IOException {
        Path dir = Files.createDirectories(work.resolve("modules"));
        ModuleJarBuilder.module("slowmod", "1.0.0", "slowmod")
                .migration(1, "create_a", "CREATE TABLE a (id int);", "DROP TABLE a;", "SELECT 1 FROM a LIMIT 1;")
                .migration(2, "create_b_slowly", "SELECT pg_sleep(" + sleepSeconds + ");\nCREATE TABLE b (id int);", "DROP TABLE b;", "SELECT 1 FROM b LIMIT 1;")
                .writeTo(dir);
        return dir;
    }

    @Test
    void scenario_1_runner_killed_mid_migration_then_rerun_completes_and_history_has_each_migration_once() throws Exception {
        Path modules = slowModule(30);
        try (TestDatabase db = TestDatabase.empty()) {
            Process p = start(work.resolve("killed.log"), "migrate", "--modules", "slowmod", "--modules-dir", modules.toString(), "--url", db.uri());
            waitFor(db, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'");
            p.destroyForcibly();
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("killed by SIGKILL").isEqualTo(137);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (db.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(db.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(30)%'"))
                    .as("the dead runner's statement was cancelled (client_connection_check_interval), not left running").isZero();
            // a fresh install applies V1 and V2 in one batch, so the kill may roll back both: either way the
            // history and the schema agree, and nothing of V2 is left
            java.util.List<String> recorded = db.column("SELECT version FROM slowmod.flyway_schema_history WHERE type = 'SQL'");
            assertThat(recorded).as("V2 not recorded").doesNotContain("2");
            assertThat(db.count("SELECT count(*) FROM slowmod.flyway_schema_history WHERE NOT success")).as("no failed rows").isZero();
            assertThat(db.scalar("SELECT to_regclass('slowmod.b')")).isNull();
            assertThat(db.scalar("SELECT to_regclass('slowmod.a') IS NOT NULL")).as("table a exists exactly when V1 is recorded")
                    .isEqualTo(recorded.contains("1"));

            Process rerun = start(work.resolve("rerun.log"), "migrate", "--modules", "slowmod", "--modules-dir", modules.toString(), "--url", db.uri(), "--no-verify");
            assertThat(rerun.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(rerun.exitValue()).as(Files.readString(work.resolve("rerun.log"))).isZero();
            assertThat(db.column("SELECT version FROM slowmod.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1", "2");
        }
    }

    @Test
    void scenario_2_eight_runners_at_once_apply_every_migration_exactly_once() throws Exception {
        Path modules = slowModule(3);
        try (TestDatabase db = TestDatabase.empty()) {
            List<Process> runners = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runners.add(start(work.resolve("runner" + i + ".log"), "migrate", "--modules", "slowmod,platform", "--modules-dir", modules.toString(),
                        "--url", db.uri()));
            }
            int applied = 0;
            int idle = 0;
            int waited = 0;
            for (int i = 0; i < 8; i++) {
                Process p = runners.get(i);
                assertThat(p.waitFor(240, TimeUnit.SECONDS)).as("runner %d finished", i).isTrue();
                String log = Files.readString(work.resolve("runner" + i + ".log"), StandardCharsets.UTF_8);
                assertThat(p.exitValue()).as("runner %d: %s", i, log).isZero();
                applied += log.contains("5 migration(s) applied") ? 1 : 0;
                idle += log.contains("nothing to migrate") ? 1 : 0;
                waited += log.contains("waiting for the migration lock held by pid") ? 1 : 0;
            }
            assertThat(applied).as("one runner applied all 5 migrations").isEqualTo(1);
            assertThat(idle).as("seven found nothing left to do").isEqualTo(7);
            assertThat(waited).as("runners that started while the lock was held said so").isPositive();
            assertThat(db.count("SELECT count(*) FROM slowmod.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM platform.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(ModuleFiles.migrationCount("platform"));
        }
    }

    @Test
    void scenario_12_five_thousand_migrations_in_one_module_apply_with_a_256_mib_heap() throws Exception {
        Path dir = Files.createDirectories(work.resolve("big"));
        ModuleJarBuilder.generated("bigmod", "bigmod", 5000).writeTo(dir);
        try (TestDatabase db = TestDatabase.empty()) {
            long start = System.nanoTime();
            Process p = start(work.resolve("big.log"), "migrate", "--modules", "bigmod", "--modules-dir", dir.toString(), "--url", db.uri());
            assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(work.resolve("big.log"));
            assertThat(p.exitValue()).as(log.substring(Math.max(0, log.length() - 3000))).isZero();
            System.out.printf("[reliability] 5000 migrations + verify applied in %d s with -Xmx256m%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
            assertThat(db.count("SELECT count(*) FROM bigmod.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(5000);
            assertThat(db.count("SELECT count(DISTINCT version) FROM bigmod.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(5000);
            Process again = start(work.resolve("big2.log"), "migrate", "--modules", "bigmod", "--modules-dir", dir.toString(), "--url", db.uri(), "--no-verify");
            assertThat(again.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(again.exitValue()).isZero();
            assertThat(Files.readString(work.resolve("big2.log"))).contains("nothing to migrate");
        }
    }

    /**
     * Scenario 3 against the jar (the in-process test sees only what the runner prints, not what libraries log):
     * the server stops while a migration runs; the process exits 1 with one error line and no stack trace.
     */
    @Test
    void scenario_3_server_stopped_under_the_jar_gives_one_error_line_and_no_stack_trace() throws Exception {
        Path modules = slowModule(20);
        dev.schemamodules.core.db.EmbeddedServer server = dev.schemamodules.core.db.EmbeddedServer.start(work.resolve("pgdata"), 0, false);
        int port = server.port();
        Path log = work.resolve("restart.log");
        Process p = start(log, "migrate", "--modules", "slowmod", "--modules-dir", modules.toString(), "--url", "postgresql://postgres@localhost:" + port + "/postgres");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "")) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (true) {
                try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%'")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        break;
                    }
                }
                assertThat(System.nanoTime()).as("migration started").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
        server.close();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).as("no stack trace, from the runner or a library").doesNotContain("\tat ").doesNotContain("Caused by");
        assertThat(out).contains("error: ").contains("module slowmod");
    }
}
