package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * A verify script that checks behaviour (writes a row and reads it back) waits for a table lock another session holds
 * at most the DDL lock timeout, runs again a bounded number of times naming that session, and then fails instead of
 * waiting without end; when the session lets go in time, it passes.
 */
// a bound for a regression that waits without end, not a speed check: in a thread of its own, since a JDBC read ignores interrupts
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
// the tests mostly wait for lock timeouts and retry pauses, each in a database and folder of its own: side by side
@Execution(ExecutionMode.CONCURRENT)
class VerifyLockTest {

    private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(1);   // the lock watcher polls every 200 ms: it sees the holder while the script waits

    @TempDir
    Path dir;

    private Plan module() throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor d = writeModule(loader, "verifylock", "V1__create_notes.sql",
                "CREATE TABLE notes (id integer CONSTRAINT notes_pkey PRIMARY KEY, body text NOT NULL DEFAULT 'none');\n", """
                DO $verify$
                BEGIN
                    INSERT INTO notes (id, body) VALUES (1, 'verify');
                    IF NOT EXISTS (SELECT 1 FROM notes WHERE id = 1) THEN
                        RAISE EXCEPTION 'verifylock V1: a row written to notes cannot be read back';
                    END IF;
                END
                $verify$;
                """);
        // a second module whose verify script only reads the catalog, through a helper, with a condition on a definition
        ModuleDescriptor o = writeModule(loader, "verifyother", "V1__create_items.sql",
                "CREATE TABLE items (id integer CONSTRAINT items_pkey PRIMARY KEY, code text NOT NULL DEFAULT 'new');\n", """
                DO $verify$
                BEGIN
                    PERFORM pg_temp.verify_expect('verifyother V1', 'column defaults missing', ARRAY(
                        SELECT 'items.code' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') WHERE def LIKE '''new''%')));
                END
                $verify$;
                """);
        return Planner.plan(ModuleRegistry.of(List.of(d, o)), PlanRequest.all());
    }

    /** Module {@code name} (schema of the same name) with one migration {@code script} and its verify script, under {@link #dir}. */
    private ModuleDescriptor writeModule(ClassLoader loader, String name, String script, String migration, String verify) throws Exception {
        Path root = dir.resolve("db").resolve(name);
        Files.writeString(Files.createDirectories(root.resolve("migration")).resolve(script), migration);
        Files.writeString(Files.createDirectories(root.resolve("verify")).resolve(script), verify);
        return ModuleDescriptor.builder(name).schemas(name).classLoader(loader).build();
    }

    /** The results of {@code module}. */
    private static List<VerifyResult> of(String module, List<VerifyResult> results) {
        return results.stream().filter(r -> r.module().equals(module)).toList();
    }

    /** A session of its own that holds ACCESS EXCLUSIVE on verifylock.notes until it is closed or commits. */
    private static Connection holdLock(TestDatabase db) throws SQLException {
        Connection holder = db.connection();
        holder.setAutoCommit(false);
        try (Statement st = holder.createStatement()) {
            st.execute("SET application_name = 'verify-lock-holder'");
            st.execute("LOCK TABLE verifylock.notes IN ACCESS EXCLUSIVE MODE");
        }
        return holder;
    }

    @Test
    void verify_gives_up_on_a_held_lock_after_its_retries_and_names_the_holder() throws Exception {
        Plan plan = module();
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan, MigrationListener.NONE);
            List<String> waits = new CopyOnWriteArrayList<>();
            Engine impatient = Engine.on(db.dataSource(), EngineOptions.defaults().withDdlLockTimeout(LOCK_TIMEOUT, 1));
            try (Connection holder = holdLock(db)) {
                List<VerifyResult> all = impatient.verify(plan, listener(waits));
                assertThat(of("verifyother", all)).as("a lock on another module's table holds up no catalog check of this one")
                        .singleElement().satisfies(r -> assertThat(r.passed()).as(r.failure().orElse("")).isTrue());
                List<VerifyResult> results = of("verifylock", all);
                assertThat(results).hasSize(1);
                VerifyResult r = results.get(0);
                assertThat(r.passed()).isFalse();
                assertThat(r.failure()).get().asString()
                        .contains("gave up on a lock 2 time(s), after 1.0 s each (lock_timeout)", "held by pid", "verify-lock-holder", "run verify again");
                assertThat(waits).as("one retry, announced with the session that held the lock").hasSize(1);
                assertThat(waits.get(0)).contains("module verifylock: verify V1__create_notes.sql could not get a lock within 1.0 s", "verify-lock-holder",
                        "retrying in 1 s (1 of 1)");
                holder.rollback();
            }
            assertThat(db.scalar("SELECT count(*) FROM verifylock.notes")).as("the verify transaction was rolled back").isEqualTo(0L);
            assertThat(db.engine().verify(plan, MigrationListener.NONE)).as("without the lock the same script passes").allMatch(VerifyResult::passed);
        }
    }

    @Test
    void verify_runs_the_script_again_and_passes_when_the_holder_lets_go() throws Exception {
        Plan plan = module();
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan, MigrationListener.NONE);
            List<String> waits = new CopyOnWriteArrayList<>();
            try (Connection holder = holdLock(db)) {
                MigrationListener letGo = new MigrationListener() {
                    @Override
                    public void waiting(String message) {
                        waits.add(message);
                        try {
                            holder.commit();   // the holder finishes while the script waits to run again
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                };
                List<VerifyResult> results = Engine.on(db.dataSource(), EngineOptions.defaults().withDdlLockTimeout(LOCK_TIMEOUT, 3)).verify(plan, letGo);
                assertThat(of("verifylock", results)).singleElement().satisfies(r -> assertThat(r.passed()).as(r.failure().orElse("")).isTrue());
                assertThat(waits).hasSize(1);
            }
        }
    }

    @Test
    void migrate_fails_its_verification_instead_of_waiting_and_keeps_what_it_applied() throws Exception {
        Plan plan = module();
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan, MigrationListener.NONE);
            Object history = db.scalar("SELECT string_agg(installed_rank || ' ' || coalesce(version, '-') || ' ' || success, ', ' ORDER BY installed_rank) FROM verifylock.flyway_schema_history");
            try (Connection holder = holdLock(db)) {
                Engine verifyingAll = Engine.on(db.dataSource(), EngineOptions.defaults().withDdlLockTimeout(LOCK_TIMEOUT, 0).withVerifyAll(true));
                assertThatThrownBy(() -> verifyingAll.migrate(plan, MigrationListener.NONE)).isInstanceOf(MigrationException.class)
                        .hasMessageContaining("verification failed after migrate").hasMessageContaining("gave up on a lock 1 time(s), after 1.0 s each")
                        .hasMessageContaining("verify-lock-holder");
                holder.rollback();
            }
            assertThat(db.scalar("SELECT string_agg(installed_rank || ' ' || coalesce(version, '-') || ' ' || success, ', ' ORDER BY installed_rank) FROM verifylock.flyway_schema_history"))
                    .as("the history is as it was").isEqualTo(history).asString().contains("1 true");
            assertThat(db.scalar("SELECT count(*) FROM verifylock.notes")).as("the verify transaction was rolled back").isEqualTo(0L);
        }
    }

    private static MigrationListener listener(List<String> waits) {
        return new MigrationListener() {
            @Override
            public void waiting(String message) {
                waits.add(message);
            }
        };
    }
}
