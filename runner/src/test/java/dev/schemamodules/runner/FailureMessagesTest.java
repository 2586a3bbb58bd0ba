package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user reads when something goes wrong: Flyway's messages in the runner's words (what happened,
 * which file and line, what to run next), and the repair command they point to (issue 19).
 */
class FailureMessagesTest {

    private static final String V2 = "V2__create_users_and_connections.sql";

    @TempDir
    Path work;

    /** Nothing of Flyway's own advice, links, locations or Java internals. */
    private static AbstractStringAssert<?> assertTranslated(CliRun r) {
        return assertThat(r.err()).doesNotContainIgnoringCase("run repair").doesNotContain("baseline()").doesNotContain("baselineOnMigrate")
                .doesNotContain("http").doesNotContain("Please restore backups").doesNotContain("file:/").doesNotContain("jar!")
                .doesNotContain("\tat ").doesNotContain("Exception").doesNotContain("Validate failed").doesNotContain("-----");
    }

    @Test
    void a_changed_applied_script_names_the_file_and_repair_accepts_it_only_when_asked() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri()).exitCode()).isZero();
            long real = db.count("SELECT checksum FROM medication.flyway_schema_history WHERE version = '2'");
            db.execute("UPDATE medication.flyway_schema_history SET checksum = 42 WHERE version = '2'");

            CliRun migrate = CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri());
            assertThat(migrate.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertTranslated(migrate).contains("V2__create_users_and_connections.sql").contains("was changed after it was applied")
                    .contains("nothing was changed").contains("repair --modules medication --accept-changed-checksums");

            CliRun validate = CliRun.run(work, "validate", "--modules", "medication", "--url", db.uri());
            assertThat(validate.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(validate.out()).contains("V2 (medication:db/medication/migration/" + V2 + ") was changed after it was applied").doesNotContain("run repair").doesNotContain("http");

            CliRun repair = CliRun.run(work, "repair", "--modules", "medication", "--url", db.uri());
            assertThat(repair.exitCode()).as(repair.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(repair.out()).contains("changed since applied").contains("V2 medication:db/medication/migration/" + V2 + " (checksum 42 -> " + real + ")")
                    .contains("repair --modules medication --accept-changed-checksums");
            assertThat(db.count("SELECT checksum FROM medication.flyway_schema_history WHERE version = '2'")).as("not accepted: unchanged").isEqualTo(42);

            CliRun accept = CliRun.run(work, "repair", "--modules", "medication", "--accept-changed-checksums", "--url", db.uri());
            assertThat(accept.exitCode()).as(accept.all()).isZero();
            assertThat(accept.out()).contains("accepted changed script  V2 medication:db/medication/migration/" + V2 + " (checksum 42 -> " + real + ")");
            assertThat(db.count("SELECT checksum FROM medication.flyway_schema_history WHERE version = '2'")).isEqualTo(real);
            assertThat(CliRun.run(work, "validate", "--modules", "medication", "--url", db.uri()).exitCode()).isZero();
        }
    }

    @Test
    void a_failing_migration_names_module_file_and_line_and_says_it_was_rolled_back() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri()).exitCode()).isZero();
            assertThat(CliRun.run(work, "undo", "--module", "medication", "--to", "1", "--url", db.uri()).exitCode()).isZero();
            db.execute("CREATE TABLE medication.users (id int)");
            CliRun r = CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertTranslated(r).contains("error: module medication: V2 (" + V2 + ") failed at line 6: ERROR: relation \"users\" already exists (SQLSTATE 42P07)")
                    .contains("file: medication:db/medication/migration/" + V2 + ", line 6")
                    .contains("its transaction was rolled back").contains("run migrate again");
            assertThat(db.count("SELECT count(*) FROM medication.flyway_schema_history WHERE version = '2'")).isZero();
        }
    }

    @Test
    void a_failed_history_row_points_to_migrate_or_repair_and_repair_removes_it() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri()).exitCode()).isZero();
            db.execute("UPDATE medication.flyway_schema_history SET success = false WHERE version = '5'");
            CliRun validate = CliRun.run(work, "validate", "--modules", "medication", "--url", db.uri());
            assertThat(validate.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(validate.out()).contains("V5 (medication:db/medication/migration/V5__harden_medication_schema.sql) failed in an earlier run").contains("repair --modules medication")
                    .doesNotContain("Please remove any half-completed changes then run repair");

            CliRun repair = CliRun.run(work, "repair", "--modules", "medication", "--url", db.uri());
            assertThat(repair.exitCode()).as(repair.all()).isZero();
            assertThat(repair.out()).contains("removed failed history row  V5__harden_medication_schema.sql");
            assertThat(db.count("SELECT count(*) FROM medication.flyway_schema_history WHERE NOT success")).isZero();
        }
    }

    @Test
    void objects_without_history_point_to_the_baseline_command() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.execute("CREATE SCHEMA medication; CREATE TABLE medication.users (id int)");
            CliRun r = CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertTranslated(r).contains("schema medication already holds objects but no history of module medication")
                    .contains("baseline --module medication --version V");
        }
    }

    @Test
    void a_connection_lost_mid_migration_is_a_short_message_without_a_stack_trace() throws Exception {
        Path dir = Files.createDirectories(work.resolve("modules"));
        ModuleJarBuilder.module("slowpoke", "1.0.0", "slowpoke")
                .migration(1, "wait_a_while", "CREATE TABLE ${schema}.t (id int);\nSELECT pg_sleep(60);\n", "DROP TABLE ${schema}.t;", "SELECT 1;")
                .writeTo(dir);
        try (TestDatabase db = TestDatabase.empty()) {
            AtomicReference<CliRun> result = new AtomicReference<>();
            Thread run = new Thread(() -> result.set(CliRun.run(work, "migrate", "--modules", "slowpoke", "--modules-dir", dir.toString(), "--url", db.uri())));
            run.start();
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (db.count("SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()") == 0) {
                assertThat(System.nanoTime()).as("the migration started").isLessThan(deadline);
                Thread.sleep(100);
            }
            db.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND pid <> pg_backend_pid()");
            run.join(60_000);
            CliRun r = result.get();
            assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertTranslated(r).contains("module slowpoke: V1 (V1__wait_a_while.sql): the connection to the database was lost while it ran")
                    .contains("run migrate again");
            assertThat(r.err().lines().count()).as(r.err()).isLessThanOrEqualTo(4);
            assertThat(db.scalar("SELECT to_regclass('slowpoke.t')")).as("rolled back").isNull();
        }
    }
}
