package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One batch applied without Flyway's per-migration round trips: committed whole, rolled back whole, or not tried. */
class BatchApplierTest {

    @TempDir
    Path dir;

    /** Module {@code bat} with V1..V{count}; V{broken} has a syntax error. */
    private PlannedModule module(int count, int broken) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/bat/migration"));
        for (int i = 1; i <= count; i++) {
            Files.writeString(migrations.resolve("V" + i + "__t" + i + ".sql"),
                    i == broken ? "CREATE TABLE t" + i + " (id int,, oops int);" : "CREATE TABLE t" + i + " (id int);");
        }
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor d = ModuleDescriptor.builder("bat").schemas("bat").classLoader(loader).build();
        return Planner.plan(ModuleRegistry.of(List.of(d)), PlanRequest.all()).modules().get(0);
    }

    /** V1 applied by Flyway (schema and history table created); returns the pending migrations after it. */
    private static List<MigrationInfo> installFirst(PlannedModule m, TestDatabase db) {
        FlywayFactory.load(FlywayFactory.configure(m, db.dataSource(), false).target("1")).migrate();
        return Arrays.asList(FlywayFactory.create(m, db.dataSource(), false).info().pending());
    }

    private static MigrationCallback callback(PlannedModule m) {
        return new MigrationCallback(m, Map.of("bat", "bat"), false, MigrationListener.NONE);
    }

    @Test
    void a_batch_commits_its_scripts_and_one_history_row_each_that_flyway_then_validates() throws Exception {
        PlannedModule m = module(5, -1);
        try (TestDatabase db = TestDatabase.empty()) {
            List<MigrationInfo> pending = installFirst(m, db);
            MigrationCallback callback = callback(m);
            callback.beginBatch(pending.get(pending.size() - 1).getVersion());
            assertThat(BatchApplier.apply(m, db.dataSource(), pending, callback)).isEqualTo(BatchApplier.Outcome.COMMITTED);
            callback.endBatch(true);
            assertThat(db.column("SELECT version || ' ' || script || ' ' || installed_rank FROM bat.flyway_schema_history WHERE version::int > 1 ORDER BY installed_rank"))
                    .containsExactly("2 V2__t2.sql 2", "3 V3__t3.sql 3", "4 V4__t4.sql 4", "5 V5__t5.sql 5");
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'bat'")).isEqualTo(6);
            assertThat(callback.migrations()).isEqualTo(4);
            assertThat(FlywayFactory.create(m, db.dataSource(), false).validateWithResult().validationSuccessful).isTrue();
        }
    }

    @Test
    void a_failing_script_rolls_the_whole_batch_back() throws Exception {
        PlannedModule m = module(5, 4);
        try (TestDatabase db = TestDatabase.empty()) {
            List<MigrationInfo> pending = installFirst(m, db);
            MigrationCallback callback = callback(m);
            callback.beginBatch(pending.get(pending.size() - 1).getVersion());
            assertThat(BatchApplier.apply(m, db.dataSource(), pending, callback)).isEqualTo(BatchApplier.Outcome.ROLLED_BACK);
            assertThat(callback.failedMigration().getScript()).isEqualTo("V4__t4.sql");
            callback.endBatch(false);
            assertThat(db.count("SELECT count(*) FROM bat.flyway_schema_history WHERE version::int > 1")).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'bat' AND tablename <> 'flyway_schema_history'")).isEqualTo(1);
        }
    }

    @Test
    void another_session_holding_flyways_lock_leaves_the_batch_to_flyway_untouched() throws Exception {
        PlannedModule m = module(3, -1);
        try (TestDatabase db = TestDatabase.empty(); Connection other = db.connection(); Statement st = other.createStatement()) {
            List<MigrationInfo> pending = installFirst(m, db);
            st.execute("SELECT pg_advisory_lock(" + FlywayLock.key("bat") + ")");
            MigrationCallback callback = callback(m);
            callback.beginBatch(pending.get(pending.size() - 1).getVersion());
            assertThat(BatchApplier.apply(m, db.dataSource(), pending, callback)).isEqualTo(BatchApplier.Outcome.NOT_APPLICABLE);
            callback.endBatch(false);
            assertThat(db.count("SELECT count(*) FROM bat.flyway_schema_history WHERE version::int > 1")).isZero();
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'bat' AND tablename IN ('t2', 't3')")).isZero();
        }
    }

    /** Module {@code bat} of these scripts, V1.. in order. */
    private PlannedModule module(String... scripts) throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/bat/migration"));
        for (int i = 0; i < scripts.length; i++) {
            Files.writeString(migrations.resolve("V" + (i + 1) + "__s" + (i + 1) + ".sql"), scripts[i]);
        }
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor d = ModuleDescriptor.builder("bat").schemas("bat").classLoader(loader).build();
        return Planner.plan(ModuleRegistry.of(List.of(d)), PlanRequest.all()).modules().get(0);
    }

    private static final String SEEN = "INSERT INTO seen SELECT %d, current_setting('lock_timeout'), current_setting('statement_timeout'),"
            + " current_schemas(false)::text;";

    /**
     * V3 changes lock_timeout, statement_timeout and the search path for its own transaction; V4, in the same batch,
     * gets the batch's settings back, as V2 had them (its unqualified INSERT reaches bat.seen), whether the session's
     * search path is a plain list (SET LOCAL) or one the server keeps as written ({@code Odd-Name}: set_config).
     */
    @Test
    void a_migrations_own_settings_end_with_it_and_the_next_one_in_the_batch_gets_the_batchs() throws Exception {
        PlannedModule m = module("CREATE TABLE seen (v int PRIMARY KEY, lock_timeout text, statement_timeout text, schemas text);",
                SEEN.formatted(2),
                "SET LOCAL lock_timeout = '1ms'; SET LOCAL statement_timeout = '1ms'; SET search_path TO public;\n"
                        + "INSERT INTO bat.seen SELECT 3, current_setting('lock_timeout'), current_setting('statement_timeout'), current_schemas(false)::text;",
                SEEN.formatted(4));
        for (String sessionPath : List.of("\"$user\", public", "Odd-Name, public")) {
            try (TestDatabase db = TestDatabase.empty()) {
                List<MigrationInfo> pending = installFirst(m, db);
                com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
                config.setDataSource(db.dataSource());
                config.setMaximumPoolSize(1);
                config.setConnectionInitSql("SELECT set_config('search_path', '" + sessionPath + "', false)");
                try (com.zaxxer.hikari.HikariDataSource session = new com.zaxxer.hikari.HikariDataSource(config)) {
                    MigrationCallback callback = callback(m);
                    callback.beginBatch(pending.get(pending.size() - 1).getVersion());
                    assertThat(BatchApplier.apply(m, session, pending, callback)).as(sessionPath).isEqualTo(BatchApplier.Outcome.COMMITTED);
                    callback.endBatch(true);
                    try (Connection c = session.getConnection()) {
                        assertThat(TestDatabase.query(c, "SELECT current_setting('search_path') AS p").get(0).get("p"))
                                .as("the pooled session's own search path, back after the batch").isEqualTo(sessionPath);
                    }
                }
                List<String> seen = db.column("SELECT v || ' ' || lock_timeout || ' ' || statement_timeout || ' ' || schemas FROM bat.seen ORDER BY v");
                assertThat(seen).as(sessionPath).hasSize(3);
                assertThat(seen.get(1)).as(sessionPath).isEqualTo("3 1ms 1ms {public}");
                assertThat(seen.get(2)).as(sessionPath).isEqualTo(seen.get(0).replaceFirst("^2", "4")).startsWith("4 5s 0 {bat");
            }
        }
    }

    @Test
    void a_search_path_is_sent_as_quoted_names_when_it_is_a_plain_list_and_as_written_otherwise() {
        assertThat(BatchApplier.setList("\"crm\",\"$user\", public")).contains("\"crm\", \"$user\", \"public\"");
        assertThat(BatchApplier.setList(" crm_2 ,\t\"we\"\"ird, name\" ")).contains("\"crm_2\", \"we\"\"ird, name\"");
        assertThat(BatchApplier.setList("\"select\"")).contains("\"select\"");
        assertThat(BatchApplier.setList("select")).contains("\"select\"");
        assertThat(BatchApplier.setList("Odd-Name, public")).as("the server reads it as odd-name: left as written").isEmpty();
        assertThat(BatchApplier.setList("Public")).isEmpty();
        assertThat(BatchApplier.setList("crm,,public")).isEmpty();
        assertThat(BatchApplier.setList("crm,")).isEmpty();
        assertThat(BatchApplier.setList("")).isEmpty();
        assertThat(BatchApplier.setList("\"\"")).isEmpty();
        assertThat(BatchApplier.setList("\"open")).isEmpty();
        assertThat(BatchApplier.setList("\"a\" \"b\"")).isEmpty();
        assertThat(BatchApplier.setList("a".repeat(63))).isPresent();
        assertThat(BatchApplier.setList("a".repeat(64))).as("the server would cut it to 63 bytes").isEmpty();
    }

    @Test
    void the_search_path_is_the_one_flyway_gives_a_migration() {
        assertThat(BatchApplier.flywaySearchPath("crm", "\"$user\", public")).isEqualTo("\"crm\",\"$user\", public");
        assertThat(BatchApplier.flywaySearchPath("crm", "crm, public")).isEqualTo("crm, public");
        assertThat(BatchApplier.flywaySearchPath("crm", "crm")).isEqualTo("crm");
        assertThat(BatchApplier.flywaySearchPath("crm", "")).isEqualTo("\"crm\"");
        assertThat(BatchApplier.flywaySearchPath("crm", "crm_old, public")).isEqualTo("\"crm\",crm_old, public");
    }
}
