package dev.schemamodules.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.platform.PlatformSchemaModule;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.PlanException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Linting whole modules from their resources: the platform module and db/lint-fixture. */
class LinterModuleTest {

    private ModuleDescriptor fixture() {
        return ModuleDescriptor.builder("lint-fixture").schemas("lint_fixture").classLoader(getClass().getClassLoader()).build();
    }

    @Test
    void platform_module_has_no_unwaived_findings() {
        Linter.Report report = Linter.report(new PlatformSchemaModule().descriptor());
        assertThat(report.scripts()).as("3 migrations + 3 undo scripts").isEqualTo(6);
        assertThat(report.unwaived()).as("unwaived findings in the platform module").isEmpty();
        assertThat(report.waived()).as("the platform module needs no waiver").isEmpty();
    }

    @Test
    void fixture_module_is_linted_by_script_kind() {
        Linter.Report report = Linter.report(fixture());
        assertThat(report.scripts()).as("2 migrations, 1 seed, 2 undo; verify scripts are not linted").isEqualTo(5);
        assertThat(report.findings()).extracting(LintFinding::file, LintFinding::line, LintFinding::ruleId, LintFinding::waived)
                .as("findings of db/lint-fixture")
                .containsExactlyInAnyOrder(
                        tuple("db/lint-fixture/migration/V2__index_things.sql", 2, "SM002", true),
                        tuple("db/lint-fixture/migration/V2__index_things.sql", 2, "SM013", false),
                        tuple("db/lint-fixture/migration/V2__index_things.sql", 4, "SM003", false),
                        tuple("db/lint-fixture/seed/dev/R__things.sql", 2, "SM005", false),
                        tuple("db/lint-fixture/undo/U2__index_things.sql", 3, "SM006", false));
        assertThat(report.findings()).extracting(LintFinding::module).as("module of every finding").containsOnly("lint-fixture");
    }

    @Test
    void print_lists_unwaived_findings_and_fails_on_them() {
        List<String> out = new ArrayList<>();
        int code = Lint.print(List.of(Linter.report(fixture())), false, out::add);
        assertThat(code).as("exit code with unwaived findings").isEqualTo(1);
        assertThat(out).as("one line per unwaived finding, then the summary").containsExactly(
                "db/lint-fixture/migration/V2__index_things.sql:2: SM013 CREATE INDEX on things without a lock_timeout: if a long transaction "
                        + "holds the table, this statement queues and every later reader and writer waits behind it; SET LOCAL lock_timeout first",
                "db/lint-fixture/migration/V2__index_things.sql:4: SM003 ADD COLUMN things.public_id with a volatile default gen_random_uuid() "
                        + "rewrites the table under an ACCESS EXCLUSIVE lock: add it without, SET DEFAULT afterwards, backfill in batches",
                "db/lint-fixture/seed/dev/R__things.sql:2: SM005 INSERT in a seed script without ON CONFLICT or WHERE NOT EXISTS duplicates rows "
                        + "or fails when re-run",
                "db/lint-fixture/undo/U2__index_things.sql:3: SM006 function unpinned has no SET search_path: pin it (e.g. SET search_path = pg_catalog, pg_temp)",
                "lint: 5 scripts, 4 findings (1 waived)");
        List<String> all = new ArrayList<>();
        Lint.print(List.of(Linter.report(fixture())), true, all::add);
        assertThat(all).as("--show-waived adds the waived finding with its reason")
                .contains("db/lint-fixture/migration/V2__index_things.sql:2: SM002 CREATE INDEX on existing table things without CONCURRENTLY "
                        + "blocks writes while the index builds: CREATE INDEX CONCURRENTLY, alone in a migration (waived: fixture: things holds a handful of rows)")
                .hasSize(6);
    }

    @Test
    void the_build_lints_only_the_modules_in_its_output_directory() {
        List<String> out = new ArrayList<>();
        List<String> err = new ArrayList<>();
        int code = Lint.build(List.of(Path.of("target/classes")), getClass().getClassLoader(), out::add, err::add);
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(out).as("core's build lints the platform module, once").containsExactly("lint: 6 scripts, 0 findings (0 waived)");
        assertThat(Lint.builtIn(ModuleRegistry.of(List.of(new PlatformSchemaModule().descriptor(), fixture())), List.of(Path.of("target/test-classes"))))
                .extracting(ModuleDescriptor::name).as("modules whose scripts are in target/test-classes").containsExactly("lint-fixture");
    }

    @Test
    void the_build_refuses_a_directory_without_modules() {
        List<String> err = new ArrayList<>();
        assertThat(Lint.build(List.of(), getClass().getClassLoader(), s -> { }, err::add)).as("no directory").isEqualTo(2);
        assertThat(Lint.build(List.of(Path.of("src/main/java")), getClass().getClassLoader(), s -> { }, err::add)).as("no module there").isEqualTo(2);
        assertThat(err).as("messages").hasSize(2).last().asString().contains("no module's scripts").contains("src/main/java");
    }

    @Test
    void select_names_the_unknown_module_and_the_available_ones() {
        ModuleRegistry registry = ModuleRegistry.of(List.of(new PlatformSchemaModule().descriptor(), fixture()));
        assertThat(Lint.select(registry, List.of())).as("none named: all").hasSize(2);
        assertThat(Lint.select(registry, List.of("lint-fixture"))).extracting(ModuleDescriptor::name).containsExactly("lint-fixture");
        assertThatThrownBy(() -> Lint.select(registry, List.of("nope"))).isInstanceOf(PlanException.class)
                .hasMessageContaining("no module named 'nope'").hasMessageContaining("platform");
    }
}
