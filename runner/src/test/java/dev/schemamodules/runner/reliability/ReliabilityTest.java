package dev.schemamodules.runner.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.db.EmbeddedServer;
import dev.schemamodules.runner.Cli;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault and bad-input scenarios of docs/reliability.md that run in-process. Each asserts the exit code,
 * a clear message, a consistent history table and no half-applied migration.
 */
class ReliabilityTest {

    @TempDir
    Path work;

    record Run(int exit, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), work, false));
        return new Run(code, out.toString(), err.toString());
    }

    private Path modules() throws Exception {
        return Files.createDirectories(work.resolve("modules"));
    }

    @Test
    @Tag("fault-injection")   // restarts the server (about 40 s): CI's fault-injection leg runs it, a plain ./mvnw verify does not
    void scenario_3_server_restarted_during_a_run_fails_cleanly_and_the_rerun_succeeds() throws Exception {
        Path data = work.resolve("pgdata");
        EmbeddedServer server = EmbeddedServer.start(data, 0, false);
        int port = server.port();
        ModuleJarBuilder.module("slowmod", "1.0.0", "slowmod")
                .migration(1, "create_a", "CREATE TABLE a (id int);", "DROP TABLE a;", "SELECT 1 FROM a LIMIT 1;")
                .migration(2, "create_b_slowly", "SELECT pg_sleep(20); CREATE TABLE b (id int);", "DROP TABLE b;", "SELECT 1 FROM b LIMIT 1;")
                .writeTo(modules());
        String url = "postgresql://postgres@localhost:" + port + "/postgres";
        String dir = modules().toString();
        CompletableFuture<Run> run = CompletableFuture.supplyAsync(() -> cli("migrate", "--modules", "slowmod", "--modules-dir", dir, "--url", url));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "")) {
            waitFor(c, "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(20)%'");
        }
        server.close();
        Run failed = run.get(60, TimeUnit.SECONDS);
        assertThat(failed.exit()).as(failed.all()).isEqualTo(ExitCodes.FAILURE);
        assertThat(failed.err()).contains("module slowmod").doesNotContain("\tat ");

        server = EmbeddedServer.start(data, port, false);
        try {
            Run rerun = cli("migrate", "--modules", "slowmod", "--modules-dir", modules().toString(), "--url", url, "--no-verify");
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
                 var rs = c.createStatement().executeQuery("SELECT string_agg(version, ',' ORDER BY installed_rank) FROM slowmod.flyway_schema_history WHERE type = 'SQL' AND success")) {
                rs.next();
                assertThat(rs.getString(1)).as("each migration once").isEqualTo("1,2");
            }
        } finally {
            server.close();
        }
    }

    private static void waitFor(Connection c, String countQuery) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try (var rs = c.createStatement().executeQuery(countQuery)) {
                rs.next();
                if (rs.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for: " + countQuery);
    }

    @Test
    void scenario_4_malformed_sql_rolls_back_that_migration_keeps_earlier_ones_and_names_file_and_line() throws Exception {
        ModuleJarBuilder.module("badsql", "1.0.0", "badsql")
                .migration(1, "create_ok", "CREATE TABLE ok (id int);", "DROP TABLE ok;", "SELECT 1;")
                .migration(2, "create_broken", "CREATE TABLE half (id int);\n\nCREATE TABLE broken (id int,, x int);\n", "SELECT 1;", "SELECT 1;")
                .writeTo(modules());
        try (TestDatabase db = TestDatabase.empty()) {
            Run r = cli("migrate", "--modules", "badsql", "--modules-dir", modules().toString(), "--url", db.uri());
            assertThat(r.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("module badsql").contains("V2__create_broken.sql").contains("failed at line 3").contains("syntax error");
            assertThat(db.column("SELECT version FROM badsql.flyway_schema_history WHERE type = 'SQL'")).containsExactly("1");
            assertThat(db.scalar("SELECT to_regclass('badsql.half')")).as("V2 rolled back completely").isNull();
        }
    }

    @Test
    void scenario_5_an_applied_script_edited_afterwards_is_refused_by_validate_and_migrate_naming_the_file() throws Exception {
        Path v1 = Files.createDirectories(work.resolve("release1"));
        Path v2 = Files.createDirectories(work.resolve("release2"));
        ModuleJarBuilder.module("edited", "1.0.0", "edited").migration(1, "create_t", "CREATE TABLE t (id int);", "DROP TABLE t;", "SELECT 1;").writeTo(v1);
        ModuleJarBuilder.module("edited", "1.0.1", "edited").migration(1, "create_t", "CREATE TABLE t (id bigint);", "DROP TABLE t;", "SELECT 1;").writeTo(v2);
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "edited", "--modules-dir", v1.toString(), "--url", db.uri()).exit()).isZero();
            Run validate = cli("validate", "--modules", "edited", "--modules-dir", v2.toString(), "--url", db.uri());
            assertThat(validate.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(validate.out()).contains("INVALID").contains("was changed after it was applied").contains("V1__create_t.sql");
            Run migrate = cli("migrate", "--modules", "edited", "--modules-dir", v2.toString(), "--url", db.uri());
            assertThat(migrate.exit()).isEqualTo(ExitCodes.FAILURE);
            assertThat(migrate.err()).contains("V1__create_t.sql was changed after it was applied").contains("nothing was changed");
            assertThat(db.scalar("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = 'edited.t'::regclass AND attname = 'id'"))
                    .isEqualTo("integer");
        }
    }

    @Test
    void scenario_6_missing_cyclic_too_old_and_duplicate_modules_are_refused_before_connecting() throws Exception {
        Path dir = modules();
        ModuleJarBuilder.module("needs-ghost", "1.0.0", "needs_ghost").requires("ghost>=1").migration(1, "x", "SELECT 1;", "SELECT 1;", "SELECT 1;").writeTo(dir);
        Path cyc = Files.createDirectories(work.resolve("cycle"));
        ModuleJarBuilder.module("ping", "1.0.0", "ping").requires("pong>=1").migration(1, "x", "SELECT 1;", "SELECT 1;", "SELECT 1;").writeTo(cyc);
        ModuleJarBuilder.module("pong", "1.0.0", "pong").requires("ping>=1").migration(1, "x", "SELECT 1;", "SELECT 1;", "SELECT 1;").writeTo(cyc);
        Path old = Files.createDirectories(work.resolve("old"));
        ModuleJarBuilder.module("wants-new-platform", "1.0.0", "wnp").requires("platform>=9").migration(1, "x", "SELECT 1;", "SELECT 1;", "SELECT 1;").writeTo(old);
        Path dup = Files.createDirectories(work.resolve("dup"));
        ModuleJarBuilder.module("twin", "1.0.0", "twin_a").migration(1, "x", "SELECT 1;", "SELECT 1;", "SELECT 1;").writeTo(dup);
        Files.move(dup.resolve("twin-1.0.0.jar"), dup.resolve("a-twin.jar"));
        ModuleJarBuilder.module("twin", "1.0.0", "twin_b").migration(1, "x", "SELECT 1;", "SELECT 1;", "SELECT 1;").writeTo(dup);
        String unreachable = "postgresql://u:pw@127.0.0.1:1/db";
        Object[][] cases = {
            {dir, "needs-ghost", "no module named 'ghost'"},
            {cyc, "ping", "dependency cycle: ping -> pong -> ping"},
            {old, "wants-new-platform", "requires platform>=9"},
            {dup, "twin", "duplicate module name 'twin'"},
        };
        for (Object[] c : cases) {
            long start = System.nanoTime();
            Run r = cli("migrate", "--modules", (String) c[1], "--modules-dir", c[0].toString(), "--url", unreachable);
            assertThat(r.exit()).as("%s: %s", c[1], r.all()).isEqualTo(ExitCodes.PLAN);
            assertThat(r.err()).contains((String) c[2]).doesNotContain("cannot connect");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
        }
    }

    @Test
    void scenario_7_connection_failures_are_one_line_bounded_and_never_show_the_password() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pw_probe') THEN CREATE ROLE pw_probe LOGIN PASSWORD 'right-one'; END IF; END $$");
            String hostPort = db.jdbcUrl().replaceFirst("jdbc:postgresql://([^/]+)/.*", "$1");
            String[][] cases = {
                {"postgresql://pw_probe:Wr0ngSecret@" + hostPort + "/" + db.name(), "password authentication failed"},
                {"postgresql://app:Wr0ngSecret@no-such-host.invalid:5432/db", ": unknown host no-such-host.invalid. Check the host name in --url"},
                {"postgresql://app:Wr0ngSecret@127.0.0.1:1/db", ": Connection to 127.0.0.1:1 refused. Check the host and port in --url"},
                {"postgresql://pw_probe:right-one@" + hostPort + "/no_such_database", "does not exist"},
            };
            for (String[] c : cases) {
                long start = System.nanoTime();
                Run r = cli("info", "--modules", "platform", "--url", c[0], "--connect-timeout", "5");
                long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
                assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
                assertThat(r.err()).as(c[0]).contains("cannot connect to").contains(c[1]).contains("; nothing was changed")
                        .doesNotContain("\tat ").doesNotContain(".;").doesNotContain("..");
                assertThat(r.err().strip().lines().filter(l -> !l.startsWith("database: ")).count()).as("one line after the database note: %s", r.err())
                        .isEqualTo(1);
                assertThat(r.all()).doesNotContain("Wr0ngSecret").doesNotContain("right-one");
                assertThat(seconds).as("bounded").isLessThan(30);
            }
        }
    }

    @Test
    void scenario_8_failed_create_index_concurrently_is_reported_and_the_rerun_recovers() throws Exception {
        ModuleJarBuilder.module("cic", "1.0.0", "cic")
                .migration(1, "create_items", "CREATE TABLE items (code int);\nINSERT INTO items VALUES (1), (1), (2);", "DROP TABLE items;", "SELECT 1;")
                .migration(2, "add_unique_code_index", "CREATE UNIQUE INDEX CONCURRENTLY idx_items_code ON items (code);",
                        "DROP INDEX CONCURRENTLY idx_items_code;", "SELECT 1;")
                .writeTo(modules());
        try (TestDatabase db = TestDatabase.empty()) {
            Run failed = cli("migrate", "--modules", "cic", "--modules-dir", modules().toString(), "--url", db.uri());
            assertThat(failed.exit()).as(failed.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(failed.err()).contains("V2__add_unique_code_index.sql").contains("INVALID index(es)").contains("idx_items_code");
            assertThat(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'cic.idx_items_code'::regclass")).isEqualTo(false);

            db.execute("DELETE FROM cic.items WHERE ctid = (SELECT max(ctid) FROM cic.items WHERE code = 1)");
            Run rerun = cli("migrate", "--modules", "cic", "--modules-dir", modules().toString(), "--url", db.uri());
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(rerun.out()).contains("recovering: dropping INVALID index cic.idx_items_code");
            assertThat(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'cic.idx_items_code'::regclass")).isEqualTo(true);
            assertThat(db.column("SELECT version || ':' || success FROM cic.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank"))
                    .containsExactly("1:true", "2:true");
        }
    }
}
