package dev.schemamodules.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.platform.PlatformSchemaModule;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
                        tuple("db/lint-fixture/migration/V2__index_things.sql", 4, "SM003", false),
                        tuple("db/lint-fixture/seed/dev/R__things.sql", 2, "SM005", false),
                        tuple("db/lint-fixture/undo/U2__index_things.sql", 3, "SM006", false));
        assertThat(report.findings()).extracting(LintFinding::module).as("module of every finding").containsOnly("lint-fixture");
    }

    @Test
    void lint_main_prints_findings_and_fails_on_unwaived_ones() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int code = LintMain.print(List.of(Linter.report(fixture())), false, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(code).as("exit code with unwaived findings").isEqualTo(1);
        assertThat(out.lines().toList()).as("one line per unwaived finding, then the summary").containsExactly(
                "db/lint-fixture/migration/V2__index_things.sql:4: SM003 ADD COLUMN things.public_id with a volatile default gen_random_uuid() "
                        + "rewrites the table under an ACCESS EXCLUSIVE lock: add it without, SET DEFAULT afterwards, backfill in batches",
                "db/lint-fixture/seed/dev/R__things.sql:2: SM005 INSERT in a seed script without ON CONFLICT or WHERE NOT EXISTS duplicates rows "
                        + "or fails when re-run",
                "db/lint-fixture/undo/U2__index_things.sql:3: SM006 function unpinned has no SET search_path: pin it (e.g. SET search_path = pg_catalog, pg_temp)",
                "lint: 5 scripts, 3 findings (1 waived)");
    }

    @Test
    void lint_main_passes_the_platform_module_from_the_class_path() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LintMain.run(new String[] {"--module", "platform"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), getClass().getClassLoader());
        assertThat(code).as("exit code; stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).strip()).as("summary").isEqualTo("lint: 6 scripts, 0 findings (0 waived)");
    }

    @Test
    void lint_main_refuses_unknown_modules_and_options() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThat(LintMain.run(new String[] {"--module", "nope"}, out, errStream, getClass().getClassLoader())).as("unknown module").isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no module named 'nope'").contains("platform");
        assertThat(LintMain.run(new String[] {"--frobnicate"}, out, errStream, getClass().getClassLoader())).as("unknown option").isEqualTo(2);
        assertThat(LintMain.run(new String[] {"--all"}, out, errStream, getClass().getClassLoader())).as("--all: platform only here").isZero();
    }
}
