package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** locks: the pending migrations measured on a scratch database next to the target, which stays as it was. */
class LocksCommandTest {

    @TempDir
    Path work;

    @Test

    void measures_the_pending_migrations_of_the_requested_module_on_a_scratch_database_and_leaves_the_target_alone() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "medication", "--no-verify", "--url", db.uri()).exitCode()).isZero();
            db.execute("DELETE FROM medication.flyway_schema_history WHERE version::numeric > 3");
            long scratchBefore = db.count("SELECT count(*) FROM pg_database WHERE datname LIKE 'schema_modules_scratch_%'");

            CliRun run = CliRun.run(work, "locks", "--modules", "medication", "--rows", "300", "--json", "--url", db.uri());
            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(run.exitCode()).as(run.err()).isEqualTo(json.get("overBudget").asBoolean() ? 1 : 0);
            assertThat(json.get("rowsPerTable").asLong()).as("rows per table").isEqualTo(300);
            JsonNode migrations = json.get("migrations");
            assertThat(migrations).as("measured: the migrations pending on the target (history above V3 removed)").hasSizeGreaterThanOrEqualTo(2);
            assertThat(migrations.get(0).get("module").asText()).isEqualTo("medication");
            assertThat(migrations.get(0).get("version").asText()).as("first pending").isEqualTo("4");
            JsonNode first = migrations.get(0);
            assertThat(first.get("tables")).as("tables V4 touches, loaded").isNotEmpty();
            assertThat(first.get("tables").get(0).get("rows").asLong()).as("rows loaded").isGreaterThanOrEqualTo(300);
            assertThat(first.get("writer").get("statements").asLong()).as("writer statements").isPositive();
            assertThat(first.has("locks")).isTrue();
            assertThat(first.get("totalMillis").asDouble()).isPositive();
            assertThat(run.err()).as("progress on standard error").contains("medication V4: ");

            assertThat(db.count("SELECT count(*) FROM medication.flyway_schema_history WHERE version::numeric > 3")).as("target unchanged").isZero();
            assertThat(db.count("SELECT count(*) FROM pg_database WHERE datname LIKE 'schema_modules_scratch_%'")).as("scratch database dropped")
                    .isEqualTo(scratchBefore);
        }
    }

    @Test
    void rejects_a_row_count_below_one_before_connecting() {
        CliRun run = CliRun.run(work, "locks", "--rows", "0", "--url", "postgresql://nobody@127.0.0.1:1/none");
        assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
        assertThat(run.err()).contains("--rows must be at least 1");
    }
}
