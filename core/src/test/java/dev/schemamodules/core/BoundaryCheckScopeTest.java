package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the module-boundary check reads, and that reading less loses nothing: a script of concurrent index statements only
 * is checked on the other modules' indexes alone (the one kind of object it can change), one that hides any other
 * statement, even after a string that holds {@code --}, gets the whole check; a batch starts from the previous unit's
 * reading, and a change another session makes in between costs a re-run, not a failure.
 */
class BoundaryCheckScopeTest {

    @TempDir
    Path dir;

    private ModuleDescriptor module(String name, String... scripts) throws Exception {
        Path root = dir.resolve(name);
        Path migrations = Files.createDirectories(root.resolve("db/" + name + "/migration"));
        Files.createDirectories(root.resolve("db/" + name + "/verify"));
        for (int i = 0; i < scripts.length; i++) {
            String file = "V" + (i + 1) + "__step" + (i + 1) + ".sql";
            Files.writeString(migrations.resolve(file), scripts[i]);
            Files.writeString(root.resolve("db/" + name + "/verify/" + file), "SELECT 1;");
        }
        ClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()}, getClass().getClassLoader());
        return ModuleDescriptor.builder(name).schemas(name).classLoader(loader).build();
    }

    /** Flyway's own word that a script mixing statement kinds runs outside a transaction. */
    private void outsideTransaction(String module, int version) throws Exception {
        Files.writeString(dir.resolve(module + "/db/" + module + "/migration/V" + version + "__step" + version + ".sql.conf"), "executeInTransaction=false\n");
    }

    private Plan plan(List<ModuleDescriptor> modules, String name) {
        return Planner.plan(ModuleRegistry.of(new ArrayList<>(modules)), PlanRequest.of(name));
    }

    @Test
    void an_index_built_concurrently_on_another_modules_table_is_named() throws Exception {
        List<ModuleDescriptor> modules = List.of(
                module("idxowner", "CREATE TABLE t (id int, a int);"),
                module("idxintruder",
                        "CREATE TABLE own (id int);",
                        "CREATE INDEX CONCURRENTLY own_id_idx ON own (id);",
                        "SET maintenance_work_mem = '64MB';\nCREATE INDEX CONCURRENTLY t_a_idx ON idxowner.t (a);"));
        outsideTransaction("idxintruder", 3);
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan(modules, "idxowner"), MigrationListener.NONE);
            assertThatThrownBy(() -> db.engine().migrate(plan(modules, "idxintruder"), MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("idxintruder V3__step3.sql")
                    .hasMessageContaining("index idxowner.t_a_idx was created")
                    .hasMessageContaining("owned by module idxowner")
                    .hasMessageContaining("It ran outside a transaction, so its changes stay");
            assertThat(db.column("SELECT version FROM idxintruder.flyway_schema_history WHERE type = 'SQL' AND success ORDER BY installed_rank"))
                    .as("the index on its own table applied, the one on idxowner's table reported").containsExactly("1", "2");
        }
    }

    @Test
    void a_statement_after_a_string_holding_two_dashes_is_not_taken_for_a_comment() throws Exception {
        // a line-comment pattern would cut "--'; ALTER TABLE ..." off as a comment and see one index statement
        List<ModuleDescriptor> modules = List.of(
                module("idxowner", "CREATE TABLE t (id int, a int);"),
                module("idxsmuggler",
                        "CREATE TABLE own (id int, note text);",
                        "CREATE INDEX CONCURRENTLY own_note_idx ON own (note) WHERE note <> '--'; ALTER TABLE idxowner.t ADD COLUMN b int;"));
        outsideTransaction("idxsmuggler", 2);
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan(modules, "idxowner"), MigrationListener.NONE);
            assertThatThrownBy(() -> db.engine().migrate(plan(modules, "idxsmuggler"), MigrationListener.NONE))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("idxsmuggler V2__step2.sql")
                    .hasMessageContaining("table idxowner.t was altered");
        }
    }

    @Test
    void a_change_another_session_makes_between_two_units_costs_a_rerun_of_the_batch_not_a_failure() throws Exception {
        List<ModuleDescriptor> modules = List.of(
                module("gapowner", "CREATE TABLE t (id int);"),
                module("gapmod", "CREATE TABLE a (id int);", "CREATE INDEX CONCURRENTLY a_id_idx ON a (id);",
                        "CREATE TABLE b (id int);", "CREATE TABLE c (id int);"));
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan(modules, "gapowner"), MigrationListener.NONE);
            // V1 is a batch, V2 runs alone (outside a transaction), V3-V4 are one batch; when V2 is applied, another
            // session creates a table in gapowner's schema, after V2's check and before the batch's
            MigrationListener otherSession = new MigrationListener() {
                @Override
                public void migrationApplied(String module, String version, String description, Duration took) {
                    if (version.equals("2")) {
                        try (Connection c = db.connection()) {
                            c.createStatement().execute("CREATE TABLE gapowner.gap (id int)");
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            };
            db.engine().migrate(plan(modules, "gapmod"), otherSession);
            assertThat(db.column("SELECT version FROM gapmod.flyway_schema_history WHERE type = 'SQL' AND success ORDER BY installed_rank"))
                    .containsExactly("1", "2", "3", "4");
            assertThat(db.scalar("SELECT to_regclass('gapowner.gap')::text")).isEqualTo("gapowner.gap");
            assertThat(db.count("SELECT count(DISTINCT installed_on) FROM gapmod.flyway_schema_history WHERE version IN ('3', '4')"))
                    .as("the batch, started from the reading at V1's end (V2 changed no index of theirs), saw the new table and"
                            + " rolled back; V3 and V4 were re-run one per transaction")
                    .isEqualTo(2);
        }
    }
}
