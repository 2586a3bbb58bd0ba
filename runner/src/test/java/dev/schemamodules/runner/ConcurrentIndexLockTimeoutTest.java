package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code CREATE INDEX CONCURRENTLY} script waits, by design, for the transactions that write its table, and
 * {@code lock_timeout} bounds those waits. It gets {@code --concurrent-lock-timeout} (default 300 s) instead of
 * {@code --ddl-lock-timeout} (default 5 s): a writer's open transaction does not fail the build, and past its own
 * bound the build still fails naming the holder (docs/reliability.md, scenario 27).
 */
class ConcurrentIndexLockTimeoutTest {

    @TempDir
    Path work;

    @Test
    void a_concurrent_index_build_waits_for_an_open_writer_within_its_own_bound_and_names_it_past_that_bound() throws Exception {
        Path v1 = Files.createDirectories(work.resolve("v1"));
        ModuleJarBuilder.module("iota", "1.0.0", "iota")
                .migration(1, "create_t", "CREATE TABLE t (id integer);", "DROP TABLE t;", "SELECT 1 FROM t LIMIT 1;").writeTo(v1);
        Path v2 = Files.createDirectories(work.resolve("v2"));
        ModuleJarBuilder.module("iota", "1.1.0", "iota")
                .migration(1, "create_t", "CREATE TABLE t (id integer);", "DROP TABLE t;", "SELECT 1 FROM t LIMIT 1;")
                .migration(2, "create_t_id_index", "CREATE INDEX CONCURRENTLY idx_t_id ON t (id);", "DROP INDEX CONCURRENTLY idx_t_id;",
                        "SELECT 1;").writeTo(v2);
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun first = CliRun.run(work, "migrate", "--modules", "iota", "--modules-dir", v1.toString(), "--url", db.uri(), "--no-verify");
            assertThat(first.exitCode()).as(first.all()).isZero();
            try (Connection writer = db.connection()) {
                try (Statement st = writer.createStatement()) {
                    st.execute("SET application_name = 'open-writer'");
                }
                writer.setAutoCommit(false);
                try (Statement st = writer.createStatement()) {
                    st.execute("INSERT INTO iota.t VALUES (1)");   // ROW EXCLUSIVE until the transaction ends: the build waits for it
                }

                // its own bound, 1 s here: the build gives up, naming the open transaction and the option to raise
                CliRun gaveUp = CliRun.run(work, "migrate", "--modules", "iota", "--modules-dir", v2.toString(), "--concurrent-lock-timeout", "1",
                        "--ddl-lock-retries", "0", "--url", db.uri(), "--no-verify");
                assertThat(gaveUp.exitCode()).as(gaveUp.all()).isEqualTo(ExitCodes.FAILURE);
                assertThat(gaveUp.err()).contains("V2__create_t_id_index.sql").contains("open-writer").contains("--concurrent-lock-timeout");
                assertThat(db.column("SELECT version FROM iota.flyway_schema_history WHERE type = 'SQL' AND success ORDER BY 1")).containsExactly("1");

                // --ddl-lock-timeout 1 does not apply to it: with the default bound it waits for the writer (committed after 2.5 s)
                CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(2500);
                        writer.commit();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                CliRun waited = CliRun.run(work, "migrate", "--modules", "iota", "--modules-dir", v2.toString(), "--ddl-lock-timeout", "1",
                        "--ddl-lock-retries", "0", "--url", db.uri(), "--no-verify");
                commit.get(60, TimeUnit.SECONDS);
                assertThat(waited.exitCode()).as(waited.all()).isZero();
                assertThat(waited.all()).doesNotContain("retrying");
                assertThat(db.column("SELECT version FROM iota.flyway_schema_history WHERE type = 'SQL' AND success ORDER BY 1")).containsExactly("1", "2");
                assertThat(db.scalar("SELECT indisvalid FROM pg_index WHERE indexrelid = 'iota.idx_t_id'::regclass")).isEqualTo(true);
            }
        }
    }
}
