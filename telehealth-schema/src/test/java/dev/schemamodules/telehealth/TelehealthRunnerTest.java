package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.testing.ModuleCycle;
import dev.schemamodules.testing.ModuleFiles;
import dev.schemamodules.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application's runner promises (up, down, status, checksums, stop on first error), proved
 * through the engine the runner commands use: migrate, undo --steps 1, info, validate, verify.
 */
class TelehealthRunnerTest {

    private static final String MODULE = "telehealth";

    private static ModuleStatus status(TestDatabase db) {
        return db.engine().status(db.plan()).stream().filter(s -> s.module().equals(MODULE)).findFirst().orElseThrow();
    }

    private static long historyRows(TestDatabase db, String version) throws Exception {
        return db.count("SELECT count(*) FROM telehealth.flyway_schema_history WHERE version = ? AND success", version);
    }

    @Test
    void full_cycle_migrate_verify_undo_all_and_migrate_again_gives_the_same_catalog() throws Exception {
        ModuleCycle.Result result = ModuleCycle.assertFullCycle(MODULE);
        assertThat(result.migrationsUndone()).as("every migration undone, one step at a time").isEqualTo(ModuleFiles.migrationCount(MODULE));
        assertThat(result.verification().stream().filter(v -> v.module().equals(MODULE)).map(VerifyResult::version).toList())
                .as("one passing verify script per migration").containsExactlyElementsOf(ModuleFiles.versions(MODULE));
    }

    @Test
    void second_up_applies_nothing_and_status_lists_every_applied_migration() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of(MODULE), "")) {
            MigrateReport again = db.engine().migrate(db.plan(), MigrationListener.NONE);
            assertThat(again.migrationsApplied()).as("migrations applied by a second up").isZero();

            ModuleStatus s = status(db);
            assertThat(s.applied()).as("applied migrations in order").extracting(ModuleStatus.MigrationRef::version)
                    .containsExactlyElementsOf(ModuleFiles.versions(MODULE));
            assertThat(s.applied()).as("every applied migration has its time").allSatisfy(r -> assertThat(r.installedOn()).isNotBlank());
            assertThat(s.pending()).as("pending migrations").isEmpty();
            assertThat(s.installedVersion()).as("installed version").contains(ModuleFiles.latestVersion(MODULE));
            assertThat(s.problems()).as("status problems").isEmpty();
        }
    }

    @Test
    void editing_an_applied_migration_makes_validate_and_up_refuse() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of(MODULE), "")) {
            db.update("UPDATE telehealth.flyway_schema_history SET checksum = checksum + 1 WHERE version = '3'");

            ValidationResult v = db.engine().validate(db.plan()).stream().filter(r -> r.module().equals(MODULE)).findFirst().orElseThrow();
            assertThat(v.valid()).as("validate after a checksum change").isFalse();
            assertThat(String.join("\n", v.errors())).as("validation error names the migration").contains("3");
            assertThat(status(db).problems()).as("status reports the changed file").anySatisfy(p -> assertThat(p).contains("changed"));
            assertThatThrownBy(() -> db.engine().migrate(db.plan(), MigrationListener.NONE))
                    .as("up refuses when an applied file changed").isInstanceOf(MigrationException.class);
        }
    }

    @Test
    void a_failing_migration_stops_the_run_without_partial_objects_or_history_row() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of(MODULE), "")) {
            db.engine().undo(db.plan(), MODULE, Version.parse("1"), false, MigrationListener.NONE);
            // an object V2 wants to create already exists: V2 must fail as a whole
            db.execute("CREATE TABLE telehealth.webhook_logs (id int)");

            assertThatThrownBy(() -> db.engine().migrate(db.plan(), MigrationListener.NONE))
                    .as("up fails on V2").isInstanceOf(MigrationException.class).hasMessageContaining("webhook_logs");
            assertThat(historyRows(db, "2")).as("successful history rows of the failed V2").isZero();
            assertThat(db.count("SELECT count(*) FROM telehealth.flyway_schema_history WHERE version = '2'"))
                    .as("history rows of the failed V2 (PostgreSQL: transactional, no failed row)").isZero();
            assertThat(db.scalar("SELECT to_regclass('telehealth.email_logs')::text")).as("V2 table created before the failure").isNull();
            assertThat(db.scalar("SELECT to_regclass('telehealth.treatment_plans')::text")).as("V3 not attempted after the failure").isNull();
            assertThat(historyRows(db, "1")).as("V1 stays applied").isEqualTo(1);

            db.execute("DROP TABLE telehealth.webhook_logs");
            MigrateReport fixed = db.engine().migrate(db.plan(), MigrationListener.NONE);
            assertThat(fixed.migrationsApplied()).as("migrations applied once the obstacle is gone (all but V1)").isEqualTo(ModuleFiles.versions(MODULE).size() - 1);
        }
    }

    @Test
    void down_to_v5_reverts_v6_and_later_and_up_reapplies_them() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of(MODULE), "")) {
            List<String> above5 = ModuleFiles.versions(MODULE).stream().filter(v -> Version.parse(v).isAbove(Version.parse("5"))).toList();
            List<String> newestFirst = new java.util.ArrayList<>(above5);
            java.util.Collections.reverse(newestFirst);
            var undone = db.engine().undo(db.plan(), MODULE, Version.parse("5"), false, MigrationListener.NONE);
            assertThat(undone).as("migrations undone by down, newest first").extracting(ModuleStatus.MigrationRef::version)
                    .containsExactlyElementsOf(newestFirst);

            for (String table : List.of("admin_actions", "billing_adjustments", "treatment_plan_overrides", "clinical_notes",
                    "patient_flags", "patient_subscriptions", "subscription_events", "subscription_payments")) {
                assertThat(db.scalar("SELECT to_regclass(?)::text", "telehealth." + table)).as("V6 table %s after down", table).isNull();
            }
            assertThat(db.catalog(MODULE).column("patients", "account_credit")).as("patients.account_credit after down").isEmpty();
            assertThat(db.catalog(MODULE).column("orders", "refund_amount")).as("orders.refund_amount after down").isEmpty();
            assertThat(db.catalog(MODULE).column("consultations", "treatment_override_id")).as("consultations.treatment_override_id after down").isEmpty();
            assertThat(db.scalar("SELECT to_regclass('telehealth.analytics_events')::text")).as("V5 table kept").isNotNull();
            assertThat(db.count("SELECT count(*) FROM telehealth.flyway_schema_history WHERE version = '6'")).as("V6 history row").isZero();
            assertThat(status(db).pending()).as("pending after down").extracting(ModuleStatus.MigrationRef::version).containsExactlyElementsOf(above5);

            MigrateReport up = db.engine().migrate(db.plan(), MigrationListener.NONE);
            assertThat(up.migrationsApplied()).as("up after down").isEqualTo(above5.size());
            assertThat(db.scalar("SELECT to_regclass('telehealth.patient_flags')::text")).as("V6 table after up").isNotNull();
        }
    }

    @Test
    void down_with_nothing_applied_undoes_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of(MODULE), "")) {
            db.engine().undo(db.plan(), MODULE, Version.parse("0"), false, MigrationListener.NONE);
            var again = db.engine().undo(db.plan(), MODULE, Version.parse("0"), false, MigrationListener.NONE);
            assertThat(again).as("second undo of an empty module").isEmpty();
            assertThat(db.catalog(MODULE).remainingObjects()).as("objects left after undo all").isEmpty();
        }
    }

    @Test
    void the_module_grants_nothing_to_any_role() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of(MODULE), "")) {
            assertThat(db.column("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = 'telehealth' AND c.relacl IS NOT NULL"))
                    .as("relations with grants (the module needs no custom role)").isEmpty();
            assertThat(db.column("SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                    + "WHERE n.nspname = 'telehealth' AND EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee NOT IN (0, p.proowner))"))
                    .as("functions granted to a named role").isEmpty();
        }
    }

    @Test
    void consolidating_admins_merges_a_legacy_admin_users_table_and_repoints_support_tickets() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of(MODULE), "")) {
            db.engine().undo(db.plan(), MODULE, Version.parse("3"), false, MigrationListener.NONE);
            db.execute("""
                    INSERT INTO telehealth.admins (id, email, password_hash, first_name, last_name)
                    VALUES ('11111111-1111-4111-8111-111111111111', 'both@example.test', 'h', 'Kept', 'Admin');
                    CREATE TABLE telehealth.admin_users (id uuid PRIMARY KEY, email varchar(255) NOT NULL, password_hash varchar(255),
                        first_name varchar(100), last_name varchar(100), role varchar(50), is_active boolean, last_login timestamp);
                    INSERT INTO telehealth.admin_users VALUES
                        ('22222222-2222-4222-8222-222222222222', 'both@example.test', 'h2', 'Legacy', 'Dup', 'admin', true, NULL),
                        ('33333333-3333-4333-8333-333333333333', 'legacy@example.test', 'h3', 'Old', 'Timer', 'support', false, TIMESTAMP '2024-05-01 10:00');
                    CREATE TABLE telehealth.support_tickets (id serial PRIMARY KEY, subject text,
                        assigned_to uuid CONSTRAINT support_tickets_legacy_fk REFERENCES telehealth.admin_users (id));
                    INSERT INTO telehealth.support_tickets (subject, assigned_to) VALUES
                        ('to duplicate', '22222222-2222-4222-8222-222222222222'), ('to legacy', '33333333-3333-4333-8333-333333333333');
                    -- an admin_users table in another schema must not be touched
                    CREATE SCHEMA other_app;
                    CREATE TABLE other_app.admin_users (id uuid PRIMARY KEY, email varchar(255));
                    """);

            db.engine().migrate(db.plan(), MigrationListener.NONE);

            assertThat(db.scalar("SELECT to_regclass('telehealth.admin_users')::text")).as("legacy table after V4").isNull();
            assertThat(db.scalar("SELECT to_regclass('other_app.admin_users')::text")).as("other schema's admin_users").isEqualTo("other_app.admin_users");
            assertThat(db.column("SELECT email || ' ' || first_name || ' ' || role || ' ' || status || ' ' || coalesce(last_login::text, '-') "
                    + "FROM telehealth.admins ORDER BY email")).as("admins after the merge").containsExactly(
                            "both@example.test Kept admin active -", "legacy@example.test Old support inactive 2024-05-01 10:00:00");
            assertThat(db.column("SELECT t.subject || ' -> ' || a.email FROM telehealth.support_tickets t JOIN telehealth.admins a ON a.id = t.assigned_to ORDER BY 1"))
                    .as("tickets follow their admin into admins").containsExactly("to duplicate -> both@example.test", "to legacy -> legacy@example.test");
            assertThat(db.catalog(MODULE).foreignKey("support_tickets_assigned_to_fkey")).as("re-pointed FK").hasValueSatisfying(
                    fk -> assertThat(fk.referencedTable() + " " + fk.onDelete()).isEqualTo("admins SET NULL"));
            db.execute("DROP TABLE telehealth.support_tickets; DROP SCHEMA other_app CASCADE");
        }
    }
}
