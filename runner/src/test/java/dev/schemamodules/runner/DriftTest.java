package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** drift after the README's own migrate --seed dev, owners, default privileges, scratch databases (issue 19). */
class DriftTest {

    @TempDir
    Path work;

    @Test

    void objects_created_by_applied_seed_scripts_are_expected_not_drift() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "medication", "--seed", "dev", "--url", db.uri()).exitCode()).isZero();
            assertThat(db.scalar("SELECT to_regclass('medication.subscription_tier_quotas')")).as("a seed creates it").isNotNull();
            CliRun drift = CliRun.run(work, "drift", "--modules", "medication", "--url", db.uri());
            assertThat(drift.exitCode()).as(drift.all()).isZero();
            Object head = db.scalar("SELECT version FROM medication.flyway_schema_history WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1");
            assertThat(drift.out()).contains("no drift  medication (at V" + head + ")");
        }
    }

    @Test
    void an_owner_change_and_new_default_privileges_are_drift() throws Exception {
        String role = "drift_owner_" + UUID.randomUUID().toString().substring(0, 8);
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri()).exitCode()).isZero();
            db.execute("CREATE ROLE " + role);
            try {
                db.execute("ALTER TABLE medication.users OWNER TO " + role);
                db.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA medication GRANT SELECT ON TABLES TO PUBLIC");
                CliRun drift = CliRun.run(work, "drift", "--modules", "medication", "--url", db.uri());
                assertThat(drift.exitCode()).as(drift.all()).isEqualTo(ExitCodes.FAILURE);
                assertThat(drift.out()).contains("extra owner table medication.users: " + role)
                        .contains("extra default privileges medication for the migration role on tables: PUBLIC:SELECT");
            } finally {
                db.execute("ALTER TABLE medication.users OWNER TO CURRENT_USER");
                db.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA medication REVOKE SELECT ON TABLES FROM PUBLIC");
                db.execute("DROP ROLE " + role);
            }
            CliRun clean = CliRun.run(work, "drift", "--modules", "medication", "--url", db.uri());
            assertThat(clean.exitCode()).as(clean.all()).isZero();
        }
    }

    @Test
    void scratch_databases_left_by_killed_runs_are_dropped_by_the_next_one_and_its_own_is_dropped() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            String leftover = "schema_modules_scratch_1000000000_0badc0de";
            // other test classes share this server and may hold young scratch databases of their own:
            // this run must drop the old leftover and its own, and leave theirs alone
            String others = "SELECT datname FROM pg_database WHERE datname LIKE 'schema\\_modules\\_scratch\\_%' ORDER BY 1";
            List<String> before = db.column(others);
            db.execute("CREATE DATABASE " + leftover);
            CliRun drift = CliRun.run(work, "drift", "--modules", "platform", "--url", db.uri());
            assertThat(drift.exitCode()).as(drift.all()).isZero();
            assertThat(db.column(others)).as("the leftover and this run's scratch database are gone").doesNotContain(leftover)
                    .allSatisfy(name -> assertThat(before).as("a scratch database this run created").contains(name));
        }
    }
}
