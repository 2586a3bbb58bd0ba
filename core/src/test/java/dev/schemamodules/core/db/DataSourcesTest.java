package dev.schemamodules.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The connections a run's pool opens on the server. */
class DataSourcesTest {

    @Test
    void theConnectionOpenedAtStartServesTheFirstStatementAndNoneIsOpenedUnasked() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            String name = "data-sources-test-" + ProcessHandle.current().pid();
            try (HikariDataSource pool = DataSources.create(db.settings(), name, Duration.ofSeconds(10))) {
                assertThat(backends(db, name)).as("the connection that checked the URL is kept").containsExactly(1L, 1L);
                try (Connection c = pool.getConnection()) {
                    long pid = ((Number) TestDatabase.query(c, "SELECT pg_backend_pid() AS pid").get(0).get("pid")).longValue();
                    assertThat(backends(db, name)).as("and serves the first statement").containsExactly(1L, 1L);
                    assertThat(db.count("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND application_name = ?", (int) pid, name))
                            .isEqualTo(1);
                    // the pool's housekeeper first runs 100 ms after the start, and opens a connection whenever fewer than
                    // its minimum are idle: while this one is in use, it must not open another of its own
                    Thread.sleep(700);
                    assertThat(backends(db, name)).as("no connection opened unasked").containsExactly(1L, 1L);
                }
                try (Connection a = pool.getConnection(); Connection b = pool.getConnection()) {
                    assertThat(backends(db, name)).as("two asked for, two open").containsExactly(2L, 2L);
                }
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", name) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);   // a backend leaves pg_stat_activity a moment after its client closed the connection
            }
            assertThat(db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", name)).as("all closed with the pool").isZero();
        }
    }

    /** The pool's backends, twice a few milliseconds apart (a connection being opened or closed shows in the second). */
    private static java.util.List<Long> backends(TestDatabase db, String name) throws Exception {
        long first = db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", name);
        Thread.sleep(50);
        return java.util.List.of(first, db.count("SELECT count(*) FROM pg_stat_activity WHERE application_name = ?", name));
    }
}
