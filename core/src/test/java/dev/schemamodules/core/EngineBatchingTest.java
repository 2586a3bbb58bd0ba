package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fresh installs apply migrations in batches; a failing batch is re-run one by one, so history and errors stay exact. */
class EngineBatchingTest {

    @TempDir
    Path dir;

    private Plan generated(int count, int broken) throws Exception {
        return generated(count, i -> i == broken ? "CREATE TABLE t" + i + " (id int,, oops int);" : "CREATE TABLE t" + i + " (id int);");
    }

    private Plan generated(int count, java.util.function.IntFunction<String> script) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/batchmod/migration"));
        Files.createDirectories(dir.resolve("db/batchmod/verify"));
        for (int i = 1; i <= count; i++) {
            String sql = script.apply(i);
            Files.writeString(migrations.resolve("V" + i + "__create_t" + i + ".sql"), sql);
            Files.writeString(dir.resolve("db/batchmod/verify/V" + i + "__create_t" + i + ".sql"), "SELECT 1;");
        }
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor d = ModuleDescriptor.builder("batchmod").schemas("batchmod").classLoader(loader).build();
        return Planner.plan(ModuleRegistry.of(List.of(d)), PlanRequest.all());
    }

    @Test
    void a_failing_migration_inside_a_batch_leaves_exactly_the_migrations_before_it_applied_and_is_named() throws Exception {
        Plan plan = generated(300, 150);
        AtomicInteger reported = new AtomicInteger();
        MigrationListener counter = new MigrationListener() {
            @Override
            public void migrationApplied(String module, String version, String description, Duration duration) {
                reported.incrementAndGet();
            }
        };
        try (TestDatabase db = TestDatabase.empty()) {
            assertThatThrownBy(() -> db.engine().migrate(plan, counter))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("V150__create_t150.sql").hasMessageContaining("syntax error");
            assertThat(db.count("SELECT count(*) FROM batchmod.flyway_schema_history WHERE type = 'SQL' AND success")).isEqualTo(149);
            assertThat(db.count("SELECT max(version::int) FROM batchmod.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(149);
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'batchmod' AND tablename LIKE 't%'")).isEqualTo(149);
            assertThat(reported.get()).as("progress reported only for committed migrations").isEqualTo(149);
        }
    }

    @Test
    void a_fresh_install_in_batches_records_one_history_row_per_migration() throws Exception {
        Plan plan = generated(450, -1);
        try (TestDatabase db = TestDatabase.empty()) {
            MigrateReport r = db.engine().migrate(plan, MigrationListener.NONE);
            assertThat(r.migrationsApplied()).isEqualTo(450);
            assertThat(db.count("SELECT count(DISTINCT version) FROM batchmod.flyway_schema_history WHERE type = 'SQL' AND success")).isEqualTo(450);
            assertThat(db.count("SELECT count(DISTINCT installed_on) FROM batchmod.flyway_schema_history WHERE type = 'SQL'"))
                    .as("batches of 200 sharing a commit time (Flyway creates the history table first, applying nothing): 3 batches")
                    .isEqualTo(3);
        }
    }

    /** Scripts that exercise what a batch sends as it is: placeholders, dollar quotes, braces, question marks, search_path. */
    private static String varied(int i) {
        return switch (i % 6) {
            case 0 -> "CREATE TABLE t" + i + " (id int);\nCOMMENT ON TABLE t" + i + " IS 'in ${schema} (${flyway:defaultSchema}) from ${flyway:filename}';";
            case 1 -> "CREATE FUNCTION f" + i + "() RETURNS text LANGUAGE plpgsql SET search_path = ${schema} AS $body$\nBEGIN\n  RETURN '{fn now()} ? ;';\nEND\n$body$;";
            case 2 -> "-- a comment with ; and ${schema}\nCREATE TABLE ${schema}.t" + i + " (id int, note text DEFAULT E'a\\'b; c');";
            case 3 -> "SET search_path TO public;\nCREATE TABLE ${schema}.t" + i + " (id int);";
            case 4 -> "/* block ; comment */ CREATE VIEW v" + i + " AS SELECT '$$' AS a, 1 AS b;";
            default -> "CREATE TABLE t" + i + " (id int);";
        };
    }

    @Test
    void a_batched_fresh_install_writes_the_history_rows_and_objects_flyway_writes_itself() throws Exception {
        Plan plan = generated(30, EngineBatchingTest::varied);
        PlannedModule m = plan.modules().get(0);
        String rows = "SELECT installed_rank, version, description, type, script, checksum, installed_by, success"
                + " FROM batchmod.flyway_schema_history ORDER BY installed_rank";
        String objects = "SELECT c.relname, c.relkind, obj_description(c.oid, 'pg_class') FROM pg_class c"
                + " WHERE c.relnamespace = 'batchmod'::regnamespace AND c.relkind IN ('r', 'v') AND c.relname <> 'flyway_schema_history' ORDER BY 1";
        String functions = "SELECT proname, prosrc, proconfig::text FROM pg_proc WHERE pronamespace = 'batchmod'::regnamespace ORDER BY 1";
        try (TestDatabase batched = TestDatabase.empty(); TestDatabase byFlyway = TestDatabase.empty()) {
            assertThat(batched.engine().migrate(plan, MigrationListener.NONE).migrationsApplied()).isEqualTo(30);
            dev.schemamodules.core.internal.FlywayFactory.create(m, byFlyway.dataSource(), false).migrate();
            assertThat(batched.count("SELECT count(DISTINCT installed_on) FROM batchmod.flyway_schema_history WHERE type = 'SQL'"))
                    .as("V1-V30 in one batch, after Flyway created the schema and history table").isEqualTo(1);
            assertThat(batched.query(rows)).isEqualTo(byFlyway.query(rows)).hasSize(31);
            assertThat(batched.query(objects)).isEqualTo(byFlyway.query(objects)).hasSize(25);
            assertThat(batched.query(functions)).isEqualTo(byFlyway.query(functions)).hasSize(5);
            assertThat(batched.column("SELECT obj_description('batchmod.t6'::regclass, 'pg_class')"))
                    .containsExactly("in batchmod (batchmod) from V6__create_t6.sql");
            assertThat(batched.engine().validate(plan)).allMatch(v -> v.valid());
        }
    }

    @Test
    void a_script_with_a_placeholder_only_flyway_knows_is_applied_by_flyway_with_the_same_history() throws Exception {
        Plan plan = generated(12, i -> i == 7 ? "CREATE TABLE t7 (id int);\nCOMMENT ON TABLE t7 IS 'by ${flyway:user}';"
                : "CREATE TABLE t" + i + " (id int);");
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(db.engine().migrate(plan, MigrationListener.NONE).migrationsApplied()).isEqualTo(12);
            assertThat(db.column("SELECT obj_description('batchmod.t7'::regclass, 'pg_class')")).containsExactly("by " + db.scalar("SELECT current_user"));
            assertThat(db.count("SELECT count(*) FROM batchmod.flyway_schema_history WHERE type = 'SQL' AND success")).isEqualTo(12);
            assertThat(db.engine().validate(plan)).allMatch(v -> v.valid());
        }
    }

    @Test
    void a_failing_migration_after_a_non_transactional_one_leaves_exactly_the_migrations_before_it() throws Exception {
        // V1-V3 and V5-V7 create tables, V4 builds an index concurrently (outside any transaction), V6 is broken
        Plan plan = generated(7, i -> i == 4 ? "CREATE INDEX CONCURRENTLY idx_t1_id ON batchmod.t1 (id);"
                : i == 6 ? "CREATE TABLE t6 (id int,, oops int);" : "CREATE TABLE t" + i + " (id int);");
        try (TestDatabase db = TestDatabase.empty()) {
            assertThatThrownBy(() -> db.engine().migrate(plan, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("V6__create_t6.sql").hasMessageContaining("syntax error");
            assertThat(db.column("SELECT version FROM batchmod.flyway_schema_history WHERE type = 'SQL' AND success ORDER BY installed_rank"))
                    .containsExactly("1", "2", "3", "4", "5");
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'batchmod' AND tablename IN ('t5', 't7')")).isEqualTo(1);
        }
    }

    /** The module installed up to {@code version} as an earlier release would have left it: by Flyway, one migration per transaction. */
    private static void installedUpTo(Plan plan, TestDatabase db, String version) {
        PlannedModule m = plan.modules().get(0);
        dev.schemamodules.core.internal.FlywayFactory.load(dev.schemamodules.core.internal.FlywayFactory.configure(m, db.dataSource(), false).target(version)).migrate();
    }

    @Test
    void batching_an_upgrade_applies_nothing_when_an_applied_script_was_changed() throws Exception {
        Plan plan = generated(20, -1);
        try (TestDatabase db = TestDatabase.empty()) {
            installedUpTo(plan, db, "10");
            Files.writeString(dir.resolve("db/batchmod/migration/V3__create_t3.sql"), "CREATE TABLE t3 (id int, changed int);");
            Engine batching = Engine.on(db.dataSource(), dev.schemamodules.core.api.EngineOptions.defaults().withMigrationsPerTransaction(5));
            assertThatThrownBy(() -> batching.migrate(plan, MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class).hasMessageContaining("V3__create_t3.sql");
            assertThat(db.count("SELECT count(*) FROM batchmod.flyway_schema_history WHERE type = 'SQL'"))
                    .as("validation refuses before any batch is applied").isEqualTo(10);
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'batchmod' AND tablename = 't11'")).isZero();
        }
    }

    @Test
    void upgrades_default_to_one_transaction_per_migration() throws Exception {
        Plan plan = generated(20, -1);
        try (TestDatabase db = TestDatabase.empty()) {
            installedUpTo(plan, db, "10");
            db.execute("SELECT pg_sleep(0.01)");
            assertThat(db.engine().migrate(plan, MigrationListener.NONE).migrationsApplied()).isEqualTo(10);
            assertThat(db.count("SELECT count(DISTINCT installed_on) FROM batchmod.flyway_schema_history WHERE type = 'SQL' AND version::int > 10"))
                    .as("installed module: each of V11..V20 committed on its own").isEqualTo(10);
        }
    }
}
