package dev.schemamodules.runner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.runner.Cli;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy contract (docs/reliability.md, scenarios 13 and up), through the CLI on real PostgreSQL:
 * bounded connect, wrong input refused before connecting, private backups with a pg_dump that is
 * bounded in time, and recovery that touches only its own leftovers.
 */
class DeployContractTest {

    @TempDir
    Path work;

    record Run(int exit, String out, String err, long millis) {
        String all() {
            return out + err;
        }
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Cli.run(args, new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), work, false));
        return new Run(code, out.toString(), err.toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private Path modules() throws Exception {
        return Files.createDirectories(work.resolve("modules"));
    }

    /** A TCP server on 127.0.0.1 that accepts every connection and never sends a byte. */
    private static final class SilentServer implements AutoCloseable {
        final ServerSocket socket;
        final List<Socket> accepted = new ArrayList<>();

        SilentServer() throws Exception {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        Socket s = socket.accept();
                        synchronized (accepted) {
                            accepted.add(s);
                        }
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            }, "silent-server");
            t.setDaemon(true);
            t.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int connections() {
            synchronized (accepted) {
                return accepted.size();
            }
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
            synchronized (accepted) {
                for (Socket s : accepted) {
                    s.close();
                }
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_server_that_accepts_and_never_answers_fails_within_the_connect_timeout() throws Exception {
        try (SilentServer server = new SilentServer()) {
            Run r = cli("migrate", "--modules", "platform", "--connect-timeout", "2",
                    "--url", "postgresql://app:Unl1kely-Silent-Pw@127.0.0.1:" + server.port() + "/db");
            assertThat(server.connections()).as("the runner did reach the silent server").isPositive();
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("cannot connect to postgresql://app:***@127.0.0.1:" + server.port()).doesNotContain("\tat ");
            assertThat(r.all()).doesNotContain("Unl1kely-Silent-Pw");
            // the bound is 2 s; the margin covers JVM and class loading on a loaded 2-core machine, not a hang
            assertThat(r.millis()).as("exit within the --connect-timeout bound (ms)").isLessThan(12_000);
        }
    }

    /** Port 1 on localhost: nothing listens there, so a message about connecting would show an attempt. */
    private static final String CLOSED = "postgresql://u:p@127.0.0.1:1/db";

    @Test
    void wrong_input_is_refused_before_connecting_with_exit_2_and_the_valid_choices() {
        Run seed = cli("migrate", "--modules", "medication", "--seed", "nosuchenv", "--url", CLOSED);
        assertThat(seed.exit()).as(seed.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(seed.err()).contains("--seed nosuchenv").contains("valid choices: common, dev").doesNotContain("cannot connect");

        for (String[] bad : List.of(
                new String[] {"migrate", "--connect-timeout", "0"},
                new String[] {"migrate", "--connect-timeout", "-5"},
                new String[] {"info", "--lock-timeout", "0"},
                new String[] {"migrate", "--migrations-per-transaction", "-1"},
                new String[] {"migrate", "--backup", "b", "--backup-timeout", "0"},
                new String[] {"undo", "--module", "platform", "--steps", "0"},
                new String[] {"undo", "--module", "platform", "--steps", "-2"},
                new String[] {"undo", "--module", "platform", "--to", "two"},
                new String[] {"undo", "--module", "platform", "--to", "1..2"},
                new String[] {"migrate", "--embedded-port", "70000"})) {
            List<String> args = new ArrayList<>(List.of(bad));
            args.addAll(List.of("--url", CLOSED));
            Run r = cli(args.toArray(String[]::new));
            assertThat(r.exit()).as(String.join(" ", bad) + ": " + r.all()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).as(String.join(" ", bad)).contains("Invalid value for option").contains("'" + bad[bad.length - 1] + "'")
                    .doesNotContain("cannot connect");
        }
    }

    // ---- backups ------------------------------------------------------------------------------------

    /** A stand-in for pg_dump that records how it was started (arguments, environment, file modes) and writes a small file. */
    private Path recordingPgDump() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path script = bin.resolve("pg_dump");
        Files.writeString(script, """
                #!/bin/sh
                d=$(dirname "$0")
                if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 99.1"; exit 0; fi
                printf '%s\\n' "$@" > "$d/args.txt"
                env > "$d/env.txt"
                if [ -n "$PGPASSFILE" ]; then cat "$PGPASSFILE" > "$d/passfile.txt"; stat -c %a "$PGPASSFILE" > "$d/passfile-mode.txt"; fi
                for a in "$@"; do case "$a" in --file=*) f="${a#--file=}";; esac; done
                stat -c %a "$f" > "$d/file-mode-before-dump.txt"
                echo "dump" > "$f"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return script;
    }

    @Test
    void backup_files_are_private_and_the_password_never_reaches_the_command_line() throws Exception {
        Path pgDump = recordingPgDump();
        try (TestDatabase db = TestDatabase.empty()) {
            db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'backup_probe') THEN "
                    + "CREATE ROLE backup_probe LOGIN SUPERUSER PASSWORD 'Unl1kely:Backup\\Pw'; END IF; END $$");
            assertThat(cli("migrate", "--modules", "platform", "--url", db.uri()).exit()).isZero();
            String hostPort = db.jdbcUrl().replaceFirst("jdbc:postgresql://([^/?]+)/.*", "$1");
            String url = "postgresql://backup_probe:Unl1kely%3ABackup%5CPw@" + hostPort + "/" + db.name() + "?sslmode=disable&application_name=deploy%20test";
            Run r = cli("migrate", "--modules", "messaging", "--backup", "backups/nightly", "--pg-dump", pgDump.toString(), "--url", url);
            assertThat(r.exit()).as(r.all()).isZero();

            Path dir = work.resolve("backups/nightly");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as("backup directory").isEqualTo("rwx------");
            Path file;
            try (var files = Files.list(dir)) {
                file = files.findFirst().orElseThrow();
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("dump file").isEqualTo("rw-------");
            Path bin = pgDump.getParent();
            assertThat(Files.readString(bin.resolve("file-mode-before-dump.txt")).strip()).as("file private before pg_dump writes").isEqualTo("600");

            String args = Files.readString(bin.resolve("args.txt"));
            assertThat(args).doesNotContain("Unl1kely").contains("--schema=platform").contains("--no-password")
                    .contains("sslmode='disable'").contains("application_name='deploy test'").contains("user='backup_probe'")
                    .contains("dbname='" + db.name() + "'");
            assertThat(Files.readString(bin.resolve("env.txt"))).doesNotContain("Unl1kely").doesNotContain("PGPASSWORD=");
            assertThat(Files.readString(bin.resolve("passfile.txt")).strip()).isEqualTo("*:*:*:*:Unl1kely\\:Backup\\\\Pw");
            assertThat(Files.readString(bin.resolve("passfile-mode.txt")).strip()).isEqualTo("600");
            assertThat(r.all()).doesNotContain("Unl1kely");
        }
    }

    @Test
    void backup_into_a_directory_open_to_others_is_refused_and_nothing_is_migrated() throws Exception {
        Path pgDump = recordingPgDump();
        Path open = Files.createDirectory(work.resolve("shared"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "platform", "--url", db.uri()).exit()).isZero();
            Run r = cli("migrate", "--modules", "messaging", "--backup", "shared", "--pg-dump", pgDump.toString(), "--url", db.uri());
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("backup failed, nothing was migrated").contains("open to other users (rwxr-xr-x)");
            assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'messaging'")).isEqualTo(0L);
            try (var files = Files.list(open)) {
                assertThat(files.toList()).isEmpty();
            }
        }
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_pg_dump_that_floods_its_output_and_hangs_is_stopped_at_the_backup_timeout() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path pgDump = bin.resolve("pg_dump");
        // 2 MB of output (more than a pipe holds), then no end
        Files.writeString(pgDump, """
                #!/bin/sh
                if [ "$1" = "--version" ]; then echo "pg_dump (PostgreSQL) 99.1"; exit 0; fi
                head -c 2000000 /dev/zero | tr '\\0' 'x'
                exec sleep 600
                """);
        Files.setPosixFilePermissions(pgDump, PosixFilePermissions.fromString("rwx------"));
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "platform", "--url", db.uri()).exit()).isZero();
            Run r = cli("migrate", "--modules", "messaging", "--backup", "backups", "--backup-timeout", "2", "--pg-dump", pgDump.toString(), "--url", db.uri());
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("backup failed, nothing was migrated").contains("did not finish within 2 s");
            assertThat(r.millis()).as("stopped at the bound (ms)").isLessThan(30_000);
            assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'messaging'")).isEqualTo(0L);
            try (var files = Files.list(work.resolve("backups"))) {
                assertThat(files.toList()).as("no partial dump left").isEmpty();
            }
        }
    }

    // ---- recovery -----------------------------------------------------------------------------------

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void recovery_drops_only_the_invalid_index_its_failed_script_creates() throws Exception {
        ModuleJarBuilder.module("cic", "1.0.0", "cic")
                .migration(1, "create_items", "CREATE TABLE items (code int);\nINSERT INTO items VALUES (1), (1), (2);\n"
                        + "CREATE TABLE notes (id int);\nINSERT INTO notes VALUES (1), (1), (2), (3);", "DROP TABLE notes; DROP TABLE items;", "SELECT 1;")
                .migration(2, "add_unique_code_index", "-- CREATE INDEX idx_in_a_comment ON items (code);\n"
                        + "CREATE UNIQUE INDEX CONCURRENTLY idx_items_code ON ${schema}.items (code);",
                        "DROP INDEX CONCURRENTLY idx_items_code;", "SELECT 1;")
                .writeTo(modules());
        String dir = modules().toString();
        try (TestDatabase db = TestDatabase.empty()) {
            Run failed = cli("migrate", "--modules", "cic", "--modules-dir", dir, "--url", db.uri());
            assertThat(failed.exit()).as(failed.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(failed.err()).contains("idx_items_code");

            // a DBA's own failed index in the module's schema, named in no script
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                st.execute("CREATE UNIQUE INDEX CONCURRENTLY idx_dba_notes_id ON cic.notes (id)");
            } catch (java.sql.SQLException expected) {
                // duplicate key: leaves the index INVALID, as a DBA's failed attempt does
            }
            assertThat(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'cic.idx_dba_notes_id'::regclass")).isEqualTo(false);
            db.execute("CREATE FUNCTION cic.slow_identity(i int) RETURNS int IMMUTABLE LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.75); RETURN i; END $$");
            // another session building an index in the module's schema right now (INVALID until it finishes)
            CompletableFuture<Void> building = CompletableFuture.runAsync(() -> {
                try (Connection c = db.connection(); Statement st = c.createStatement()) {
                    st.execute("CREATE INDEX CONCURRENTLY idx_notes_slow ON cic.notes (cic.slow_identity(id))");
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (db.count("SELECT count(*) FROM pg_stat_progress_create_index p JOIN pg_class c ON c.oid = p.index_relid "
                    + "WHERE c.relname = 'idx_notes_slow' AND p.phase LIKE 'building%'") == 0) {
                assertThat(System.nanoTime()).as("the concurrent build started").isLessThan(deadline);
                Thread.sleep(50);
            }

            db.execute("DELETE FROM cic.items WHERE ctid = (SELECT max(ctid) FROM cic.items WHERE code = 1)");
            Run rerun = cli("migrate", "--modules", "cic", "--modules-dir", dir, "--url", db.uri(), "--no-verify");
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(rerun.out()).contains("recovering: dropping INVALID index cic.idx_items_code")
                    .contains("leaving INVALID index cic.idx_dba_notes_id alone")
                    .contains("leaving INVALID index cic.idx_notes_slow alone (a session is building it now)")
                    .doesNotContain("dropping INVALID index cic.idx_dba_notes_id").doesNotContain("dropping INVALID index cic.idx_notes_slow");
            building.get(60, TimeUnit.SECONDS);
            assertThat(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'cic.idx_items_code'::regclass")).isEqualTo(true);
            assertThat(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'cic.idx_dba_notes_id'::regclass")).as("DBA's index kept").isEqualTo(false);
            assertThat(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'cic.idx_notes_slow'::regclass")).as("concurrent build finished").isEqualTo(true);
            assertThat(db.column("SELECT version || ':' || success FROM cic.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank"))
                    .containsExactly("1:true", "2:true");
        }
    }

    // ---- module boundaries --------------------------------------------------------------------------

    private static final String INTRUSION = """
            CREATE TABLE notes (id int);
            ALTER TABLE owner_s.users ADD COLUMN nickname text;
            CREATE TABLE owner_s.extra (id int);
            INSERT INTO owner_s.users (id) VALUES (42);
            GRANT SELECT ON owner_s.users TO PUBLIC;
            CREATE FUNCTION count_users() RETURNS bigint LANGUAGE plpgsql SET search_path = pg_catalog AS $$
            BEGIN
              RETURN (SELECT count(*) FROM owner_s.users);
            END $$;
            """;

    @Test
    void a_migration_that_changes_another_modules_schema_is_rolled_back_naming_each_object_unless_declared() throws Exception {
        ModuleJarBuilder.module("owner", "1.0.0", "owner_s")
                .migration(1, "create_users", "CREATE TABLE users (id int PRIMARY KEY);", "DROP TABLE users;", "SELECT 1;")
                .writeTo(modules());
        ModuleJarBuilder.module("intruder", "1.0.0", "intruder_s")
                .migration(1, "reach_into_owner", INTRUSION, "DROP TABLE notes;", "SELECT 1;")
                .writeTo(modules());
        ModuleJarBuilder.module("declared", "1.0.0", "declared_s").requires("owner>=1")
                .migration(1, "reach_into_owner", INTRUSION.replace("nickname", "alias").replace("extra", "extra2").replace("42", "43"),
                        "DROP TABLE notes;", "SELECT 1;")
                .writeTo(modules());
        String dir = modules().toString();
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "owner", "--modules-dir", dir, "--url", db.uri()).exit()).isZero();
            Run r = cli("migrate", "--modules", "owner,intruder", "--modules-dir", dir, "--url", db.uri());
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("intruder V1__reach_into_owner.sql")
                    .contains("table owner_s.users was altered: privileges (GRANT/REVOKE), definition (owned by module owner, which intruder does not declare)")
                    .contains("table owner_s.extra was created")
                    .contains("table owner_s.users had rows written: 1 inserted, 0 updated, 0 deleted")
                    .contains("function intruder_s.count_users() names schema owner_s in its body")
                    .contains("The migration was rolled back");
            assertThat(db.count("SELECT count(*) FROM owner_s.users")).as("row rolled back").isZero();
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'owner_s' AND column_name = 'nickname'")).isZero();
            assertThat(db.scalar("SELECT to_regclass('owner_s.extra')")).isNull();
            assertThat(db.scalar("SELECT to_regclass('intruder_s.notes')")).as("the whole migration rolled back").isNull();
            assertThat(db.scalar("SELECT has_table_privilege('public', 'owner_s.users', 'SELECT')")).isEqualTo(false);

            Run declared = cli("migrate", "--modules", "declared", "--modules-dir", dir, "--url", db.uri(), "--no-verify");
            assertThat(declared.exit()).as("a declared dependency may be changed: " + declared.all()).isZero();
            assertThat(db.count("SELECT count(*) FROM owner_s.users")).isEqualTo(1);
        }
    }
}
