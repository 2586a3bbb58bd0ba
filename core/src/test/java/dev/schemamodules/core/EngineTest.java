package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class EngineTest {

    private static Plan plan(String... modules) {
        return Planner.plan(Fixtures.registry(), PlanRequest.of(modules));
    }

    @Test
    void each_module_keeps_its_own_history_table_in_its_own_schema() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-good", "platform"), MigrationListener.NONE);
            assertThat(db.column("SELECT table_schema || '.' || table_name FROM information_schema.tables WHERE table_name = 'flyway_schema_history' ORDER BY 1"))
                    .containsExactly("fixture_base.flyway_schema_history", "fixture_good.flyway_schema_history", "platform.flyway_schema_history");
            assertThat(db.column("SELECT version FROM fixture_base.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1", "2");
            assertThat(db.column("SELECT version FROM fixture_good.flyway_schema_history WHERE type = 'SQL'")).containsExactly("1");
        }
    }

    @Test
    void migrate_reports_each_migration_and_a_second_run_has_nothing_to_do() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            List<String> events = Collections.synchronizedList(new ArrayList<>());
            MigrationListener recorder = new MigrationListener() {
                @Override
                public void migrationApplied(String module, String version, String description, Duration duration) {
                    events.add(module + " V" + version);
                }
            };
            MigrateReport first = db.engine().migrate(plan("fixture-good"), recorder);
            assertThat(events).containsExactly("fixture-base V1", "fixture-base V2", "fixture-good V1");
            assertThat(first.migrationsApplied()).isEqualTo(3);
            assertThat(first.verification()).hasSize(3).allMatch(VerifyResult::passed);
            MigrateReport second = db.engine().migrate(plan("fixture-good"), MigrationListener.NONE);
            assertThat(second.migrationsApplied()).isZero();
            assertThat(second.verification()).as("a run that applied nothing verifies nothing").isEmpty();
            assertThat(db.engine().status(plan("fixture-good"))).allMatch(s -> s.state().equals("up to date"));
            MigrateReport all = Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAll(true)).migrate(plan("fixture-good"), MigrationListener.NONE);
            assertThat(all.verification()).as("verifyAll: every applied migration").hasSize(3).allMatch(VerifyResult::passed);
        }
    }

    @Test
    void a_run_opens_only_the_connections_it_needs() throws Exception {
        MigrationListener listening = new MigrationListener() {   // not NONE: progress is watched
        };
        try (TestDatabase db = TestDatabase.empty()) {
            try (HikariDataSource ds = DataSources.create(db.settings(), "first-run", Duration.ofSeconds(10))) {
                MigrateReport first = Engine.on(ds, EngineOptions.defaults().withVerifyAfterMigrate(false)).migrate(plan("fixture-good"), listening);
                assertThat(first.migrationsApplied()).isEqualTo(3);
                // the run lock's, the one the preflight, Flyway and the batches share, and the lock watcher's; the progress
                // watcher opens none for migrations that are over within a second
                assertThat(ds.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(3);
            }
            try (HikariDataSource ds = DataSources.create(db.settings(), "no-op-run", Duration.ofSeconds(10))) {
                MigrateReport second = Engine.on(ds).migrate(plan("fixture-good"), listening);
                assertThat(second.migrationsApplied()).isZero();
                // the run lock's and one for reading: the preflight gives its connection back before Flyway reads the histories
                assertThat(ds.getHikariPoolMXBean().getTotalConnections()).isEqualTo(2);
            }
        }
    }

    @Test
    void two_runners_at_once_apply_each_migration_exactly_once() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            List<String> waits = Collections.synchronizedList(new ArrayList<>());
            Callable<MigrateReport> runner = () -> {
                try (HikariDataSource ds = DataSources.create(db.settings(), "runner-" + Thread.currentThread().getId(), Duration.ofSeconds(10))) {
                    return Engine.on(ds).migrate(plan("fixture-slow", "fixture-good"), new MigrationListener() {
                        @Override
                        public void waiting(String message) {
                            waits.add(message);
                        }
                    });
                }
            };
            Future<MigrateReport> a = pool.submit(runner);
            Future<MigrateReport> b = pool.submit(runner);
            int applied = a.get().migrationsApplied() + b.get().migrationsApplied();
            pool.shutdown();
            assertThat(applied).as("5 migrations in all, applied by whichever runner got the lock first").isEqualTo(5);
            assertThat(List.of(a.get().migrationsApplied(), b.get().migrationsApplied())).as("one runner did everything, the other nothing").contains(0, 5);
            assertThat(waits).as("the second runner said what it waited for").isNotEmpty().allMatch(w -> w.contains("waiting for the migration lock held by pid"));
            assertThat(db.count("SELECT count(*) FROM fixture_slow.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(2);
            assertThat(db.count("SELECT count(*) FROM fixture_slow.slow")).isEqualTo(10);
        }
    }

    @Test
    void lock_wait_is_bounded_and_changes_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); var holder = db.connection()) {
            holder.createStatement().execute("SELECT pg_advisory_lock(" + dev.schemamodules.core.internal.RunLock.KEY_1 + ", " + dev.schemamodules.core.internal.RunLock.KEY_2 + ")");
            Engine impatient = Engine.on(db.dataSource(), EngineOptions.defaults().withLockTimeout(Duration.ofMillis(600)));
            assertThatThrownBy(() -> impatient.migrate(plan("fixture-base"), MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("still holds the migration lock").hasMessageContaining("nothing was changed");
            assertThat(db.scalar("SELECT to_regclass('fixture_base.owners')")).isNull();
        }
    }

    @Test
    void undeclared_cross_module_reference_fails_the_run_and_rolls_back_that_migration() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-base"), MigrationListener.NONE);
            assertThatThrownBy(() -> db.engine().migrate(plan("fixture-bad"), MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("undeclared cross-module reference in fixture-bad V2__add_owner_to_invoices.sql")
                    .hasMessageContaining("table constraint invoices_owner_id_fkey on fixture_bad.invoices")
                    .hasMessageContaining("in schema fixture_base")
                    .hasMessageContaining("requires=");
            assertThat(db.column("SELECT version FROM fixture_bad.flyway_schema_history WHERE type = 'SQL'")).as("V1 kept, V2 not recorded").containsExactly("1");
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'fixture_bad' AND column_name = 'owner_id'"))
                    .as("V2 rolled back").isZero();
        }
    }

    @Test
    void undo_refuses_while_an_installed_dependent_needs_the_version_and_cascade_reverts_it_first() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-good"), MigrationListener.NONE);
            Plan all = Planner.plan(Fixtures.registry(), PlanRequest.all());
            assertThatThrownBy(() -> db.engine().undo(all, "fixture-base", Version.parse("1"), false, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("fixture-good require it");
            assertThat(db.count("SELECT count(*) FROM fixture_base.flyway_schema_history WHERE type = 'SQL'")).as("nothing undone").isEqualTo(2);

            List<ModuleStatus.MigrationRef> undone = db.engine().undo(all, "fixture-base", Version.parse("1"), true, MigrationListener.NONE);
            assertThat(undone).extracting(ModuleStatus.MigrationRef::script).containsExactly("U1__create_pets.sql", "U2__create_owner_kind.sql");
            assertThat(db.scalar("SELECT to_regclass('fixture_good.pets')")).isNull();
            assertThat(db.scalar("SELECT to_regtype('fixture_base.owner_kind')")).isNull();
            assertThat(db.column("SELECT version FROM fixture_base.flyway_schema_history WHERE type = 'SQL'")).containsExactly("1");
        }
    }

    @Test
    void undo_forgets_applied_seeds_so_the_next_seeded_migrate_applies_them_again() throws Exception {
        ModuleDescriptor seeded = dev.schemamodules.core.Fixtures.module("fixture-seeded", "fixture_seeded");
        Plan plan = Planner.plan(ModuleRegistry.of(List.of(seeded)), PlanRequest.of("fixture-seeded").withSeed("dev"));
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan, MigrationListener.NONE);
            assertThat(db.count("SELECT count(*) FROM fixture_seeded.colours")).isEqualTo(3);
            db.engine().undo(plan, "fixture-seeded", Version.parse("0"), false, MigrationListener.NONE);
            assertThat(db.count("SELECT count(*) FROM fixture_seeded.flyway_schema_history WHERE version IS NULL AND type <> 'SCHEMA'")).isZero();
            MigrateReport again = db.engine().migrate(plan, MigrationListener.NONE);
            assertThat(again.modules().get(0).seeds()).as("seed re-applied").isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM fixture_seeded.colours")).isEqualTo(3);
            assertThat(db.engine().migrate(plan, MigrationListener.NONE).modules().get(0).seeds()).as("unchanged seed not re-run").isZero();
        }
    }

    @Test
    void undo_without_an_undo_script_is_an_error_and_undoes_nothing() throws Exception {
        ModuleDescriptor noUndo = ModuleDescriptor.builder("fixture-base").version("1").schemas("fixture_base").classLoader(new ClassLoader(getClass().getClassLoader()) {
            @Override
            public java.util.Enumeration<java.net.URL> getResources(String name) throws java.io.IOException {
                return name.contains("/undo") ? Collections.emptyEnumeration() : super.getResources(name);
            }
        }).build();
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = Planner.plan(ModuleRegistry.of(List.of(noUndo)), PlanRequest.all());
            db.engine().migrate(plan, MigrationListener.NONE);
            assertThatThrownBy(() -> db.engine().undo(plan, "fixture-base", Version.parse("0"), false, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("no undo script for V2__create_owner_kind.sql");
            assertThat(db.count("SELECT count(*) FROM fixture_base.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(2);
        }
    }

    @Test
    void verify_scripts_get_the_shared_catalog_helpers_and_their_failures_name_what_differs() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-base"), MigrationListener.NONE);
            assertThat(db.engine().verify(plan("fixture-base"), MigrationListener.NONE)).allMatch(VerifyResult::passed);
            db.execute("ALTER TABLE fixture_base.owners ALTER COLUMN name DROP NOT NULL");
            List<VerifyResult> results = db.engine().verify(plan("fixture-base"), MigrationListener.NONE);
            assertThat(results.get(0).passed()).isFalse();
            assertThat(results.get(0).failure()).get().asString().contains("fixture-base V1: columns missing or different: owners.name")
                    .doesNotStartWith("V1__create_owners.sql").doesNotContain("| where:");
            assertThat(db.scalar("SELECT count(*) FROM pg_proc WHERE proname LIKE 'verify\\_%'")).as("helpers never persist").isEqualTo(0L);
        }
    }

    @Test
    void verify_reports_a_failing_script_per_module_and_version() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-base"), MigrationListener.NONE);
            db.execute("DROP TABLE fixture_base.owners CASCADE");
            List<VerifyResult> results = db.engine().verify(plan("fixture-base"), MigrationListener.NONE);
            assertThat(results).extracting(VerifyResult::script, VerifyResult::passed)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("V1__create_owners.sql", false), org.assertj.core.groups.Tuple.tuple("V2__create_owner_kind.sql", false));
            assertThat(results.get(0).failure()).get().asString().contains("fixture-base V1");
        }
    }

    @Test
    void malformed_migration_is_rolled_back_with_file_and_line_and_earlier_ones_kept() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = Planner.plan(ModuleRegistry.of(List.of(Fixtures.module("fixture-broken", "fixture_broken"))), PlanRequest.all());
            assertThatThrownBy(() -> db.engine().migrate(plan, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("module fixture-broken")
                    .hasMessageContaining("V2__break_things.sql")
                    .hasMessageContaining("failed at line 3").hasMessageContaining("its transaction was rolled back");
            assertThat(db.column("SELECT version FROM fixture_broken.flyway_schema_history WHERE type = 'SQL'")).containsExactly("1");
            assertThat(db.scalar("SELECT to_regclass('fixture_broken.half')")).as("statement before the error rolled back").isNull();
        }
    }

    @Test
    void validate_names_a_script_edited_after_it_was_applied() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-base"), MigrationListener.NONE);
            db.execute("UPDATE fixture_base.flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
            List<ValidationResult> results = db.engine().validate(plan("fixture-base"));
            assertThat(results.get(0).valid()).isFalse();
            assertThat(String.join("\n", results.get(0).errors())).contains("V2 (fixture-base:").contains("was changed after it was applied");
            assertThatThrownBy(() -> db.engine().migrate(plan("fixture-base"), MigrationListener.NONE)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("was changed after it was applied").hasMessageContaining("--accept-changed-checksums");
        }
    }

    @Test
    void validate_names_an_applied_script_whose_description_or_type_no_longer_matches() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan("fixture-base"), MigrationListener.NONE);
            assertThat(db.engine().validate(plan("fixture-base"))).allMatch(ValidationResult::valid);
            // applied as V1__create_owners_first.sql, renamed since (same content, so the same checksum)
            db.execute("UPDATE fixture_base.flyway_schema_history SET description = 'create owners first', script = 'V1__create_owners_first.sql' WHERE version = '1'");
            List<ValidationResult> renamed = db.engine().validate(plan("fixture-base"));
            assertThat(renamed.get(0).valid()).isFalse();
            assertThat(String.join("\n", renamed.get(0).errors())).contains("V1").containsIgnoringCase("description");
            // migrate, which has nothing to apply, refuses it before it changes anything, as Flyway's validate would
            String before = db.scalar("SELECT string_agg(version || script, ',' ORDER BY installed_rank) FROM fixture_base.flyway_schema_history").toString();
            assertThatThrownBy(() -> db.engine().migrate(plan("fixture-base"), MigrationListener.NONE)).isInstanceOf(MigrationException.class)
                    .hasMessageContaining("V1__create_owners_first.sql was renamed after it was applied (now V1__create_owners.sql");
            assertThat(db.scalar("SELECT string_agg(version || script, ',' ORDER BY installed_rank) FROM fixture_base.flyway_schema_history")).hasToString(before);
            db.execute("UPDATE fixture_base.flyway_schema_history SET description = 'create owners', script = 'V1__create_owners.sql', type = 'JDBC' WHERE version = '1'");
            List<ValidationResult> retyped = db.engine().validate(plan("fixture-base"));
            assertThat(retyped.get(0).valid()).isFalse();
            assertThat(String.join("\n", retyped.get(0).errors())).contains("V1");
        }
    }
}
