package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.DriftReport;
import dev.schemamodules.core.api.DryRunReport;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.ScratchDatabase;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.db.SameServerScratch;
import dev.schemamodules.core.internal.CatalogSnapshot;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** dry-run, drift and baseline on real PostgreSQL. */
class EngineOperationsTest {

    private static Plan plan(String... modules) {
        return Planner.plan(Fixtures.registry(), PlanRequest.of(modules));
    }

    private static List<String> everything(TestDatabase db) throws Exception {
        return db.column("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1");
    }

    @Test
    void dry_run_shows_the_exact_pending_sql_with_placeholders_resolved_and_changes_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-base").module("fixture-base").map(m -> new Plan(List.of(m), java.util.Optional.empty())).orElseThrow(),
                    MigrationListener.NONE);
            db.execute("DELETE FROM fixture_base.flyway_schema_history WHERE version = '2'; ALTER TABLE fixture_base.owners DROP COLUMN kind; DROP TYPE fixture_base.owner_kind");
            List<String> before = everything(db);
            long historyBefore = db.count("SELECT count(*) FROM fixture_base.flyway_schema_history");

            DryRunReport report = db.engine().dryRun(plan("fixture-good"));

            assertThat(report.modules()).extracting(DryRunReport.ModuleScripts::module).containsExactly("fixture-base", "fixture-good");
            assertThat(report.modules().get(0).scripts()).extracting(DryRunReport.Script::script).containsExactly("V2__create_owner_kind.sql");
            String pets = report.modules().get(1).scripts().get(0).sql();
            assertThat(pets).contains("REFERENCES fixture_base.owners (id)").doesNotContain("${");
            assertThat(everything(db)).as("no object created or dropped").isEqualTo(before);
            assertThat(db.count("SELECT count(*) FROM fixture_base.flyway_schema_history")).isEqualTo(historyBefore);
            assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'fixture_good'")).as("schema not created").isEqualTo(0L);
        }
    }

    @Test
    void drift_is_empty_after_migrate_and_reports_dropped_index_added_column_changed_default_and_disabled_rls() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = plan("fixture-rls");
            db.engine().migrate(plan, MigrationListener.NONE);
            try (ScratchDatabase scratch = SameServerScratch.create(db.dataSource(), db.settings())) {
                assertThat(db.engine().drift(plan, scratch, MigrationListener.NONE).hasDrift()).as("freshly migrated").isFalse();
            }
            db.execute("""
                    DROP INDEX fixture_rls.idx_notes_owner;
                    ALTER TABLE fixture_rls.notes ADD COLUMN sneaky integer;
                    ALTER TABLE fixture_rls.notes ALTER COLUMN body SET DEFAULT 'changed';
                    ALTER TABLE fixture_rls.notes DISABLE ROW LEVEL SECURITY;
                    DROP POLICY notes_owner_only ON fixture_rls.notes;
                    """);
            DriftReport report;
            try (ScratchDatabase scratch = SameServerScratch.create(db.dataSource(), db.settings())) {
                report = db.engine().drift(plan, scratch, MigrationListener.NONE);
            }
            assertThat(report.hasDrift()).isTrue();
            List<DriftReport.Difference> d = report.modules().get(0).differences();
            assertThat(d).extracting(DriftReport.Difference::change, DriftReport.Difference::object).contains(
                    org.assertj.core.groups.Tuple.tuple("missing", "index fixture_rls.idx_notes_owner"),
                    org.assertj.core.groups.Tuple.tuple("extra", "column fixture_rls.notes.sneaky"),
                    org.assertj.core.groups.Tuple.tuple("changed", "column fixture_rls.notes.body"),
                    org.assertj.core.groups.Tuple.tuple("changed", "table fixture_rls.notes"),
                    org.assertj.core.groups.Tuple.tuple("missing", "policy fixture_rls.notes.notes_owner_only"));
            DriftReport.Difference rls = d.stream().filter(x -> x.object().equals("table fixture_rls.notes")).findFirst().orElseThrow();
            assertThat(rls.expected()).contains("rls=true");
            assertThat(rls.actual()).contains("rls=false");
            assertThat(db.scalar("SELECT count(*) FROM pg_database WHERE datname LIKE 'schema_modules_scratch_%'")).as("scratch databases dropped").isEqualTo(0L);
        }
    }

    @Test
    void baseline_adopts_existing_objects_at_an_explicit_version_and_later_migrations_apply() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            createFixtureBaseByHand(db, true);
            db.engine().baseline(plan("fixture-base"), "fixture-base", Version.parse("2"), true, MigrationListener.NONE);
            assertThat(db.column("SELECT type || ':' || version FROM fixture_base.flyway_schema_history WHERE type <> 'SCHEMA'")).containsExactly("BASELINE:2");
            MigrateReport r = db.engine().migrate(plan("fixture-good"), MigrationListener.NONE);
            assertThat(r.migrationsApplied()).as("only fixture-good V1; fixture-base V1 and V2 are not re-run").isEqualTo(1);
        }
    }

    @Test
    void baseline_is_refused_when_existing_objects_do_not_match_the_version() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            createFixtureBaseByHand(db, false);
            assertThatThrownBy(() -> db.engine().baseline(plan("fixture-base"), "fixture-base", Version.parse("2"), true, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("do not match V2").hasMessageContaining("owner_kind missing");
            assertThat(db.scalar("SELECT to_regclass('fixture_base.flyway_schema_history')")).as("nothing written").isNull();
        }
    }

    @Test
    void baseline_is_refused_for_an_unknown_version_or_a_module_with_history() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThatThrownBy(() -> db.engine().baseline(plan("fixture-base"), "fixture-base", Version.parse("7"), true, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("has no migration V7");
            db.engine().migrate(plan("fixture-base"), MigrationListener.NONE);
            assertThatThrownBy(() -> db.engine().baseline(plan("fixture-base"), "fixture-base", Version.parse("1"), true, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("already has migration history");
        }
    }

    @Test
    void catalog_snapshot_ignores_owner_privileges_but_sees_grants() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-base"), MigrationListener.NONE);
            CatalogSnapshot before;
            try (Connection c = db.connection()) {
                before = CatalogSnapshot.of(c, List.of("fixture_base"));
            }
            db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'snapshot_reader') THEN CREATE ROLE snapshot_reader; END IF; END $$; "
                    + "GRANT SELECT ON fixture_base.owners TO snapshot_reader");
            try (Connection c = db.connection()) {
                assertThat(CatalogSnapshot.of(c, List.of("fixture_base")).objects()).containsEntry("grant fixture_base.owners", "snapshot_reader:SELECT")
                        .hasSize(before.objects().size() + 1);
            }
        }
    }

    private static void createFixtureBaseByHand(TestDatabase db, boolean withV2) throws Exception {
        db.execute("CREATE SCHEMA fixture_base; SET search_path = fixture_base; "
                + "CREATE TABLE fixture_base.owners (id integer NOT NULL, name text NOT NULL, CONSTRAINT pk_owners PRIMARY KEY (id));"
                + (withV2 ? "CREATE TYPE fixture_base.owner_kind AS ENUM ('person', 'company'); ALTER TABLE fixture_base.owners ADD COLUMN kind fixture_base.owner_kind;" : ""));
    }
}
