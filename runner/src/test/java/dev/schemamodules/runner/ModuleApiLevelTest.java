package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.SchemaModule;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine compatibility: a module jar built for a newer module-API level is refused before connecting; older levels load. */
class ModuleApiLevelTest {

    @TempDir
    Path work;

    private static ModuleJarBuilder ledger(String version) {
        return ModuleJarBuilder.module("ledger", version, "ledger")
                .migration(1, "create_t1", "CREATE TABLE t1 (id integer);", "DROP TABLE t1;", "SELECT 1 FROM t1 LIMIT 1;");
    }

    @Test
    void a_module_that_needs_a_newer_engine_is_refused_before_connecting_naming_both_levels() throws Exception {
        Path dir = Files.createDirectories(work.resolve("modules"));
        int newer = SchemaModule.API_LEVEL + 1;
        ledger("3.0.0").apiLevel(newer).writeTo(dir);
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun r = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", dir.toString(), "--url", db.uri());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.PLAN);
            assertThat(r.err()).contains("module ledger 3.0.0").contains("needs module-API level " + newer)
                    .contains("supports up to level " + SchemaModule.API_LEVEL).contains("ledger-3.0.0.jar");
            assertThat(r.all()).as("refused before connecting").doesNotContain("database:");
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('ledger', 'schema_modules')")).isZero();
        }
        CliRun others = CliRun.run(work, "plan", "--offline", "--modules", "platform", "--modules-dir", dir.toString());
        assertThat(others.exitCode()).as("a module not in the plan does not stop the others").isZero();
    }

    @Test
    void a_jar_without_api_level_is_level_1_and_one_at_this_engine_level_loads() throws Exception {
        Path old = Files.createDirectories(work.resolve("old"));
        ledger("1.0.0").writeTo(old);
        CliRun r = CliRun.run(work, "plan", "--offline", "--modules", "ledger", "--modules-dir", old.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.all()).contains("ledger");

        Path current = Files.createDirectories(work.resolve("current"));
        ledger("1.1.0").apiLevel(SchemaModule.API_LEVEL).writeTo(current);
        CliRun same = CliRun.run(work, "plan", "--offline", "--modules", "ledger", "--modules-dir", current.toString());
        assertThat(same.exitCode()).as(same.all()).isZero();
    }
}
