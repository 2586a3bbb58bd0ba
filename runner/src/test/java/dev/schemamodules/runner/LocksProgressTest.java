package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * locks in a pipe or log (not a terminal): the row loads report progress as plain lines on standard error (no
 * carriage return), naming the migration, its place among the pending ones, the table, rows, rate; the JSON on
 * standard output stays clean and carries the per-statement effects.
 */
class LocksProgressTest {

    @TempDir
    Path work;

    @Test
    void row_loads_print_plain_progress_lines_when_not_on_a_terminal() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "therapy", "--no-verify", "--url", db.uri()).exitCode()).isZero();
            // therapy as if V8 were pending: the report builds its scratch copy up to V7 and measures V8 only
            db.execute("DELETE FROM therapy.flyway_schema_history WHERE installed_rank = (SELECT max(installed_rank) FROM therapy.flyway_schema_history)");

            CliRun run = CliRun.run(work, "locks", "--modules", "therapy", "--rows", "500", "--progress-every", "1", "--json", "--url", db.uri());

            JsonNode json = new ObjectMapper().readTree(run.out());
            assertThat(json.get("migrations")).as(run.err()).hasSize(1);
            JsonNode v8 = json.get("migrations").get(0);
            assertThat(v8.get("version").asText()).isEqualTo("8");
            assertThat(v8.get("statements")).as("per-statement entries").isNotEmpty();
            java.util.List<String> statements = new java.util.ArrayList<>();
            v8.get("statements").forEach(st -> statements.add(st.get("statement").asText()));
            assertThat(statements).as("V8's statements, leading comments removed").first().asString().startsWith("SET LOCAL lock_timeout");
            assertThat(statements).as("V8's statements").anySatisfy(st -> assertThat(st).startsWith("CREATE TABLE shared_charts"));
            assertThat(run.err()).as("no terminal: no carriage-return live line").doesNotContain("\r");
            assertThat(run.err().lines().filter(l -> l.matches("therapy V8 \\(1 of 1\\): loading therapy\\.\\w+: 500 of 500 rows \\(100 %\\), [0-9,]+ rows/s in \\d+ s")))
                    .as("a final progress line per loaded table:\n" + run.err()).isNotEmpty();
            assertThat(run.err()).as("the per-migration line").contains("therapy V8: ");
        }
    }
}
