package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.testing.LimitedDataSource;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Verify scripts run on two sessions side by side when there are two modules or more (or one with two scripts or more),
 * report in plan and history order, and need no second connection: a data source with none to spare leaves all of them
 * to the first session.
 */
// a bound for a regression that waits without end, not a speed check: in a thread of its own, since a JDBC read ignores interrupts
@Timeout(value = 90, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
// each test in a database of its own (advisory locks are a database's own): side by side, as they mostly wait
@Execution(ExecutionMode.CONCURRENT)
class VerifySessionsTest {

    /** Advisory lock keys of the two modules' meeting scripts: unusual, since pg_locks is the whole server's. */
    private static final long KEY_A = 731_904_201L;
    private static final long KEY_B = 731_904_202L;

    @TempDir
    Path dir;

    /**
     * A verify script that holds advisory lock {@code own} and passes once another session of this database holds
     * {@code other}, within {@code seconds}; else it fails, saying it ran alone. Its lock goes with the script's savepoint.
     */
    private static String meeting(String name, long own, long other, int seconds) {
        return """
                DO $verify$
                DECLARE
                    deadline timestamptz := clock_timestamp() + interval '%4$d seconds';
                BEGIN
                    PERFORM pg_advisory_xact_lock(%2$d);
                    WHILE NOT EXISTS (SELECT 1 FROM pg_locks
                                       WHERE locktype = 'advisory' AND granted AND objid = %3$d AND classid = 0 AND pid <> pg_backend_pid()
                                         AND database = (SELECT oid FROM pg_database WHERE datname = current_database())) LOOP
                        IF clock_timestamp() > deadline THEN
                            RAISE EXCEPTION '%1$s ran alone: no other session verified beside it';
                        END IF;
                        PERFORM pg_sleep(0.05);
                    END LOOP;
                    PERFORM pg_sleep(0.3);   -- held a while longer, for the other script to see this one too
                END
                $verify$;
                """.formatted(name, own, other, seconds);
    }

    private static String passing(String name) {
        return """
                DO $verify$
                BEGIN
                    IF to_regclass('%1$s') IS NULL THEN
                        RAISE EXCEPTION '%1$s is missing';
                    END IF;
                END
                $verify$;
                """.formatted(name);
    }

    /**
     * Module {@code sidea} with three migrations (its first verify script meets {@code sideb}'s) and {@code sideb} with one:
     * the scripts of V1 of both can only pass when two sessions run them at once.
     */
    private Plan modules(boolean meet, int seconds) throws Exception {
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor a = writeModule(loader, "sidea", List.of(
                new String[] {"V1__create_a1.sql", "CREATE TABLE a1 (id integer CONSTRAINT a1_pkey PRIMARY KEY);\n",
                    meet ? meeting("sidea V1", KEY_A, KEY_B, seconds) : passing("sidea.a1")},
                new String[] {"V2__create_a2.sql", "CREATE TABLE a2 (id integer CONSTRAINT a2_pkey PRIMARY KEY);\n", passing("sidea.a2")},
                new String[] {"V3__create_a3.sql", "CREATE TABLE a3 (id integer CONSTRAINT a3_pkey PRIMARY KEY);\n", passing("sidea.a3")}));
        ModuleDescriptor b = writeModule(loader, "sideb", List.<String[]>of(
                new String[] {"V1__create_b1.sql", "CREATE TABLE b1 (id integer CONSTRAINT b1_pkey PRIMARY KEY);\n",
                    meet ? meeting("sideb V1", KEY_B, KEY_A, seconds) : passing("sideb.b1")}));
        return Planner.plan(ModuleRegistry.of(List.of(a, b)), PlanRequest.all());
    }

    /** Module {@code name} (schema of the same name) with migrations {file name, SQL, verify SQL}, under {@link #dir}. */
    private ModuleDescriptor writeModule(ClassLoader loader, String name, List<String[]> scripts) throws Exception {
        Path root = dir.resolve("db").resolve(name);
        for (String[] s : scripts) {
            Files.writeString(Files.createDirectories(root.resolve("migration")).resolve(s[0]), s[1]);
            Files.writeString(Files.createDirectories(root.resolve("verify")).resolve(s[0]), s[2]);
        }
        return ModuleDescriptor.builder(name).schemas(name).classLoader(loader).build();
    }

    private static List<String> order(List<VerifyResult> results) {
        return results.stream().map(r -> r.module() + " " + r.version()).toList();
    }

    @Test
    void two_sessions_verify_side_by_side_and_report_in_plan_order() throws Exception {
        Plan plan = modules(true, 20);
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan, MigrationListener.NONE);   // verifies what it applied: the two V1 scripts must meet there too
            List<VerifyResult> heard = new CopyOnWriteArrayList<>();
            List<VerifyResult> results = db.engine().verify(plan, new MigrationListener() {
                @Override
                public void verified(VerifyResult result) {
                    heard.add(result);
                }
            });
            assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.failure().orElse("")).isTrue());
            assertThat(order(results)).containsExactly("sidea 1", "sidea 2", "sidea 3", "sideb 1");
            assertThat(order(heard)).as("the listener hears them in the same order").isEqualTo(order(results));
        }
    }

    @Test
    void a_data_source_with_no_second_connection_leaves_every_script_to_the_first_session() throws Exception {
        Plan plan = modules(false, 0);
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(plan, MigrationListener.NONE);
            AtomicInteger refused = new AtomicInteger();
            DataSource single = LimitedDataSource.of(db.dataSource(), 2, refused);
            List<VerifyResult> results = Engine.on(single).verify(plan, MigrationListener.NONE);
            assertThat(results).allSatisfy(r -> assertThat(r.passed()).as(r.failure().orElse("")).isTrue());
            assertThat(order(results)).containsExactly("sidea 1", "sidea 2", "sidea 3", "sideb 1");
            assertThat(refused.get()).as("the second session (and the lock watcher) asked for a connection and were refused").isPositive();
        }
        Plan meeting = modules(true, 1);
        try (TestDatabase db = TestDatabase.empty()) {
            Engine.on(db.dataSource(), dev.schemamodules.core.api.EngineOptions.defaults().withVerifyAfterMigrate(false))
                    .migrate(meeting, MigrationListener.NONE);
            List<VerifyResult> alone = Engine.on(LimitedDataSource.of(db.dataSource(), 2, new AtomicInteger())).verify(meeting, MigrationListener.NONE);
            assertThat(alone.stream().filter(r -> !r.passed()).map(r -> r.failure().orElse("")).toList())
                    .as("the meeting scripts fail on one session: the test above can tell one session from two")
                    .anySatisfy(f -> assertThat(f).contains("ran alone"));
        }
    }
}
