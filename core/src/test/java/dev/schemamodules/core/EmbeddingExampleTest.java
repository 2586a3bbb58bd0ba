package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The embedding example of {@code docs/embedding.md}: the code between the {@code embed} markers below is
 * the documented snippet, character for character (the second test checks it), and it runs here against
 * real PostgreSQL.
 */
class EmbeddingExampleTest {

    private static final Path TEST_SOURCE = Path.of("src/test/java/dev/schemamodules/core/EmbeddingExampleTest.java");
    private static final Path DOC = Path.of("../docs/embedding.md");

    @Test
    void an_application_migrates_chosen_modules_in_a_few_lines() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            DataSource dataSource = db.dataSource();
            // embed:begin
            ModuleRegistry modules = ModuleRegistry.discover(Thread.currentThread().getContextClassLoader());
            Plan plan = Planner.plan(modules, PlanRequest.of("platform"));

            List<String> applied = new ArrayList<>();
            MigrationListener progress = new MigrationListener() {
                @Override
                public void migrationApplied(String module, String version, String description, Duration took) {
                    applied.add(module + " V" + version + " " + description);
                }
            };
            MigrateReport report = Engine.on(dataSource).migrate(plan, progress);
            // embed:end

            assertThat(report.migrationsApplied()).isPositive().isEqualTo(applied.size());
            assertThat(report.modules()).extracting(o -> o.module()).containsExactly("platform");
            assertThat(report.verification()).isNotEmpty().allMatch(v -> v.passed());
            assertThat(Engine.on(dataSource).status(plan)).extracting(ModuleStatus::state).containsExactly("up to date");
        }
    }

    @Test
    void the_documented_snippet_is_this_tests_code() throws Exception {
        String test = region(Files.readString(TEST_SOURCE), "            // embed:begin\n", "            // embed:end\n");
        String doc = region(Files.readString(DOC), "<!-- embed:begin -->\n```java\n", "```\n<!-- embed:end -->");
        assertThat(doc).isEqualTo(test.lines().map(l -> l.length() >= 12 ? l.substring(12) : l.strip()).map(l -> l + "\n")
                .reduce("", String::concat));
    }

    private static String region(String text, String begin, String end) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end, from + 1);
        assertThat(from).as("marker %s", begin.strip()).isNotNegative();
        assertThat(to).as("marker %s", end.strip()).isPositive();
        return text.substring(from + begin.length(), to);
    }
}
