package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flyway's lock of a module's history table, as the engine waits for it before a run's first change: a lock found free
 * is left free (and the view {@code pg_locks} is not needed for that), a held one names its holder and is waited for
 * within the deadline.
 */
class FlywayLockTest {

    private static final List<String> SCHEMAS = List.of("alpha", "beta", "gamma");

    @Test
    void free_locks_are_tried_and_given_back_in_one_statement() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            assertThat(FlywayLock.held(c, SCHEMAS)).isEmpty();
            assertThat(advisoryLocksOf(c)).as("advisory locks this session holds after the probe").isZero();

            List<String> waits = new ArrayList<>();
            FlywayLock.awaitFree(c, SCHEMAS, System.nanoTime() + Duration.ofSeconds(5).toNanos(), Duration.ofSeconds(5), waits::add);
            assertThat(waits).isEmpty();
            assertThat(advisoryLocksOf(c)).isZero();
        }
    }

    @Test
    void a_lock_another_session_holds_is_found_and_its_holder_named_when_the_wait_ends() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection(); Connection other = db.connection()) {
            lock(other, "pg_advisory_lock", "beta");
            assertThat(FlywayLock.held(c, SCHEMAS)).containsExactly("beta");
            assertThat(advisoryLocksOf(c)).as("alpha and gamma were given back").isZero();

            List<String> waits = new ArrayList<>();
            assertThatThrownBy(() -> FlywayLock.awaitFree(c, SCHEMAS, System.nanoTime() + Duration.ofMillis(600).toNanos(), Duration.ofSeconds(1), waits::add))
                    .isInstanceOf(MigrationException.class)
                    .hasMessageContaining("Flyway's migration lock of beta.flyway_schema_history is still held")
                    .hasMessageContaining("pid " + pid(other))
                    .hasMessageContaining("nothing was changed");
            assertThat(waits).singleElement().asString().contains("waiting for Flyway's lock of beta.flyway_schema_history");
            assertThat(advisoryLocksOf(c)).isZero();
        }
    }

    @Test
    void the_wait_ends_when_the_holder_lets_go() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection(); Connection other = db.connection()) {
            lock(other, "pg_advisory_lock", "gamma");
            Thread release = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    lock(other, "pg_advisory_unlock", "gamma");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            release.start();
            List<String> waits = new ArrayList<>();
            FlywayLock.awaitFree(c, SCHEMAS, System.nanoTime() + Duration.ofSeconds(20).toNanos(), Duration.ofSeconds(20), waits::add);
            release.join();
            assertThat(waits).as("it waited for gamma").isNotEmpty();
            assertThat(FlywayLock.held(c, SCHEMAS)).isEmpty();
            assertThat(advisoryLocksOf(c)).isZero();
        }
    }

    @Test
    void this_sessions_own_hold_is_not_another_sessions_and_is_kept() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            lock(c, "pg_advisory_lock", "alpha");
            assertThat(FlywayLock.held(c, SCHEMAS)).isEmpty();
            assertThat(advisoryLocksOf(c)).as("its own lock of alpha, still held once").isEqualTo(1);
        }
    }

    private static void lock(Connection c, String function, String schema) throws Exception {
        TestDatabase.query(c, "SELECT " + function + "(?)", FlywayLock.key(schema));
    }

    private static long advisoryLocksOf(Connection c) throws Exception {
        return (Long) TestDatabase.query(c, "SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND granted")
                .get(0).get("n");
    }

    private static int pid(Connection c) throws Exception {
        return (Integer) TestDatabase.query(c, "SELECT pg_backend_pid() AS pid").get(0).get("pid");
    }
}
