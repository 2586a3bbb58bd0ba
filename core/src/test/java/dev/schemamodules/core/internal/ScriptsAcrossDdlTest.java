package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A script's SQL is never prepared on the server: run again and again on one of a run's pooled connections, which keep
 * server-prepared statements across DDL ({@code flushCacheOnDdl=false}), it still works after a migration changed the
 * columns it selects. The driver prepares only {@link java.sql.PreparedStatement}s on the server, and scripts (verify,
 * undo, and Flyway's migrations and seeds) are sent as plain statements.
 */
class ScriptsAcrossDdlTest {

    @Test
    void aScriptRunManyTimesStillWorksAfterDdlChangedWhatItSelects() throws Exception {
        try (TestDatabase db = TestDatabase.empty();
             HikariDataSource pool = DataSources.create(db.settings(), "scripts-across-ddl-test", Duration.ofSeconds(10));
             Connection c = pool.getConnection()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE TABLE scripted (id int)");
            }
            c.setAutoCommit(false);   // in a transaction, as a verify script runs: the driver retries nothing there
            for (int i = 0; i < 6; i++) {
                ScriptRunner.run(c, "V1__scripted.sql", "SELECT * FROM scripted", Map.of(), List.of("public"));
            }
            try (Statement st = c.createStatement()) {
                st.execute("ALTER TABLE scripted ADD COLUMN note text");
            }
            assertThatCode(() -> ScriptRunner.run(c, "V1__scripted.sql", "SELECT * FROM scripted", Map.of(), List.of("public")))
                    .as("the same script after the table gained a column").doesNotThrowAnyException();
            try (var rs = c.createStatement().executeQuery("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%FROM scripted%'")) {
                rs.next();
                assertThat(rs.getLong(1)).as("nothing of the script prepared on the server").isZero();
            }
            c.rollback();
        }
    }
}
