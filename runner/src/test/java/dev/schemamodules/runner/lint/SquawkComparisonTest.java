package dev.schemamodules.runner.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.lint.LintRule.ScriptKind;
import dev.schemamodules.core.lint.Linter;
import dev.schemamodules.runner.lint.SquawkComparison.Gap;
import dev.schemamodules.runner.lint.SquawkComparison.Script;
import dev.schemamodules.runner.lint.SquawkComparison.SquawkFinding;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison with squawk without squawk (it runs in {@link SquawkComparisonCheck}, CI leg
 * {@code squawk}): squawk's gcc lines as they come, and the gaps found from them.
 */
class SquawkComparisonTest {

    private static Script script(String sql) {
        return new Script("m", "db/m/migration/V2__x.sql", sql, Linter.lintScript("m", "db/m/migration/V2__x.sql", ScriptKind.MIGRATION, sql));
    }

    private static Script unlinted(String sql) {
        return new Script("m", "db/m/migration/V2__x.sql", sql, List.of());
    }

    @Test
    void squawk_gcc_lines_are_parsed_with_one_based_lines() {
        List<SquawkFinding> f = SquawkComparison.parse("""
                db/m/migration/V2__x.sql:3:4: warning: constraint-missing-not-valid By default new constraints require a table scan
                some other output
                db/m/migration/V2__x.sql:0:0: warning: require-lock-timeout Missing `set lock_timeout` before potentially slow ACCESS EXCLUSIVE lock operations
                """);
        assertThat(f).containsExactly(
                new SquawkFinding("db/m/migration/V2__x.sql", 4, "constraint-missing-not-valid", "By default new constraints require a table scan"),
                new SquawkFinding("db/m/migration/V2__x.sql", 1, "require-lock-timeout",
                        "Missing `set lock_timeout` before potentially slow ACCESS EXCLUSIVE lock operations"));
    }

    @Test
    void a_locking_finding_our_linter_misses_is_a_gap() {
        String sql = "SET LOCAL lock_timeout = '1s';\nALTER TABLE orders\n    ADD CONSTRAINT chk_orders_total CHECK (total >= 0);\n";
        SquawkFinding squawk = new SquawkFinding("db/m/migration/V2__x.sql", 3, "constraint-missing-not-valid", "scan");
        List<Gap> gaps = SquawkComparison.gaps(List.of(unlinted(sql)), List.of(squawk));
        assertThat(gaps).as("our linter said nothing on that statement").hasSize(1);
        assertThat(gaps.get(0).toString()).contains("V2__x.sql:3: squawk constraint-missing-not-valid")
                .contains("ALTER TABLE orders ADD CONSTRAINT chk_orders_total");
        assertThat(SquawkComparison.gaps(List.of(script(sql)), List.of(squawk))).as("SM009 on the same statement answers it").isEmpty();
    }

    @Test
    void a_finding_of_ours_on_another_statement_does_not_answer() {
        String sql = "SET LOCAL lock_timeout = '1s';\nALTER TABLE a ADD CONSTRAINT c CHECK (x > 0);\nALTER TABLE b RENAME COLUMN x TO y;\n";
        SquawkFinding rename = new SquawkFinding("db/m/migration/V2__x.sql", 2, "renaming-column", "rename");
        assertThat(SquawkComparison.gaps(List.of(script(sql)), List.of(rename))).as("SM012 is on line 3, squawk points at line 2").hasSize(1);
    }

    @Test
    void style_rules_do_not_count() {
        SquawkFinding style = new SquawkFinding("db/m/migration/V2__x.sql", 1, "prefer-text-field", "varchar");
        assertThat(SquawkComparison.gaps(List.of(unlinted("CREATE TABLE t (a varchar(10));")), List.of(style))).isEmpty();
    }

    @Test
    void lock_timeout_counts_only_for_a_lock_on_a_table_the_file_did_not_create() {
        String newTable = "CREATE TABLE t (id int);\nCOMMENT ON TABLE t IS 'x';\n";
        SquawkFinding onNew = new SquawkFinding("db/m/migration/V2__x.sql", 2, "require-lock-timeout",
                "Missing `set lock_timeout` before potentially slow SHARE UPDATE EXCLUSIVE lock operations");
        assertThat(SquawkComparison.gaps(List.of(unlinted(newTable)), List.of(onNew))).as("a comment on a table created above").isEmpty();
        SquawkFinding noMode = new SquawkFinding("db/m/migration/V2__x.sql", 1, "require-lock-timeout",
                "Missing `set lock_timeout` before potentially slow operations");
        assertThat(SquawkComparison.gaps(List.of(unlinted(newTable)), List.of(noMode))).as("no lock mode named").isEmpty();
        SquawkFinding concurrently = new SquawkFinding("db/m/migration/V2__x.sql", 1, "require-lock-timeout",
                "Missing `set lock_timeout` before potentially slow SHARE UPDATE EXCLUSIVE lock operations");
        assertThat(SquawkComparison.gaps(List.of(unlinted("CREATE INDEX CONCURRENTLY i ON orders (x);")), List.of(concurrently)))
                .as("SHARE UPDATE EXCLUSIVE: writers do not wait").isEmpty();

        String existing = "CREATE TABLE t (id int);\nALTER TABLE orders ENABLE ROW LEVEL SECURITY;\n";
        SquawkFinding onExisting = new SquawkFinding("db/m/migration/V2__x.sql", 2, "require-lock-timeout",
                "Missing `set lock_timeout` before potentially slow ACCESS EXCLUSIVE lock operations");
        assertThat(SquawkComparison.gaps(List.of(unlinted(existing)), List.of(onExisting))).as("unanswered").hasSize(1);
        assertThat(SquawkComparison.gaps(List.of(script(existing)), List.of(onExisting))).as("SM013 answers it").isEmpty();
    }
}
