package dev.schemamodules.core.lint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.schemamodules.core.lint.LintRule.ScriptKind;
import dev.schemamodules.core.sql.SqlStatements;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaiverTest {

    /** The findings without SM013 (missing lock_timeout), which these examples do not set: they are about waivers. */
    static List<LintFinding> lint(String sql) {
        return Linter.lintScript("m", "db/m/migration/V1__x.sql", ScriptKind.MIGRATION, sql).stream()
                .filter(f -> !f.ruleId().equals(LintRule.SM013.id())).toList();
    }

    @Test
    void waiver_above_the_statement_with_a_reason_waives_the_named_rule() {
        List<LintFinding> f = lint("""
                -- Orders gets its first rows in the next release.
                -- lint:ignore SM002 orders is empty until release 2
                CREATE INDEX idx_orders_customer ON orders (customer_id);
                """);
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::line, LintFinding::waivedReason).as("waived, with the reason")
                .containsExactly(tuple("SM002", 3, "orders is empty until release 2"));
    }

    @Test
    void waiver_can_name_several_rules_and_sit_at_the_end_of_the_first_line() {
        List<LintFinding> f = lint("""
                ALTER TABLE orders DROP COLUMN legacy, -- lint:ignore SM001, SM004: column unused since V3, table tiny
                    ALTER COLUMN customer_id SET NOT NULL;
                CREATE INDEX i ON orders (id); -- lint:ignore SM002 - lookup table of 12 rows
                GRANT SELECT ON orders TO PUBLIC; /* lint:ignore SM008 public reference data */
                """);
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::waivedReason).as("all waived").containsExactly(
                tuple("SM001", "column unused since V3, table tiny"),
                tuple("SM004", "column unused since V3, table tiny"),
                tuple("SM002", "lookup table of 12 rows"),
                tuple("SM008", "public reference data"));
    }

    @Test
    void waiver_without_a_reason_waives_nothing_and_is_sm000() {
        List<LintFinding> f = lint("""
                -- lint:ignore SM002
                CREATE INDEX i ON orders (id);
                """);
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::line, LintFinding::waived).as("SM000 on the comment, SM002 stands")
                .containsExactly(tuple("SM000", 1, false), tuple("SM002", 2, false));
        assertThat(f.get(0).message()).contains("gives no reason");
    }

    @Test
    void waiver_naming_an_unknown_rule_or_no_rule_is_sm000() {
        assertThat(lint("-- lint:ignore SM999 because\nSELECT 1;")).extracting(LintFinding::ruleId, LintFinding::message)
                .as("unknown id").containsExactly(tuple("SM000", "waiver names an unknown rule: SM999 (rules: SM001-SM014; SM000 cannot be waived)"));
        assertThat(lint("-- lint:ignore SM000 no\nSELECT 1;")).extracting(LintFinding::ruleId).as("SM000 cannot be waived").containsExactly("SM000");
        assertThat(lint("-- lint:ignore everything\nSELECT 1;")).extracting(LintFinding::ruleId).as("no id").containsExactly("SM000");
    }

    @Test
    void waiver_only_covers_its_own_statement_and_rules() {
        List<LintFinding> f = lint("""
                -- lint:ignore SM002 small table
                CREATE INDEX i ON orders (id);
                CREATE INDEX j ON orders (code);
                -- lint:ignore SM001 wrong rule for this statement
                CREATE INDEX k ON orders (note);
                """);
        assertThat(f).extracting(LintFinding::line, LintFinding::waived).as("only line 2 is waived")
                .containsExactly(tuple(2, true), tuple(3, false), tuple(5, false));
    }

    @Test
    void waiver_separated_by_a_blank_line_is_not_attached() {
        List<LintFinding> f = lint("""
                -- lint:ignore SM002 small table

                CREATE INDEX i ON orders (id);
                """);
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::waived).containsExactly(tuple("SM002", false));
    }

    @Test
    void file_waiver_in_the_header_waives_its_rules_for_every_statement() {
        List<LintFinding> f = lint("""
                -- V11: indexes on the tables V10 created.
                -- lint:ignore-file SM002 the V10 tables are empty until this release ships

                CREATE INDEX a ON flows (id);
                CREATE INDEX b ON nodes (id);
                GRANT SELECT ON flows TO PUBLIC;
                """);
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::line, LintFinding::waivedReason).as("SM002 waived file-wide, SM008 not")
                .containsExactly(tuple("SM002", 4, "the V10 tables are empty until this release ships"),
                        tuple("SM002", 5, "the V10 tables are empty until this release ships"),
                        tuple("SM008", 6, null));
    }

    @Test
    void file_waiver_outside_the_header_is_sm000() {
        List<LintFinding> f = lint("""
                CREATE INDEX a ON flows (id);
                -- lint:ignore-file SM002 too late
                CREATE INDEX b ON nodes (id);
                """);
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::line, LintFinding::waived).as("nothing waived")
                .containsExactly(tuple("SM002", 1, false), tuple("SM000", 2, false), tuple("SM002", 3, false));
        assertThat(f.get(1).message()).contains("header");
    }

    @Test
    void waiver_comment_is_parsed_case_insensitively() {
        assertThat(Waiver.parse(new SqlStatements.Comment(3, 3, "-- LINT:IGNORE sm002,sm003 — reason here"))).hasValueSatisfying(w -> {
            assertThat(w.ruleIds()).as("ids, upper case").containsExactlyInAnyOrder("SM002", "SM003");
            assertThat(w.reason()).as("reason without the dash").isEqualTo("reason here");
            assertThat(w.valid()).isTrue();
            assertThat(w.line()).isEqualTo(3);
            assertThat(w.fileScope()).as("statement waiver").isFalse();
        });
        assertThat(Waiver.parse(new SqlStatements.Comment(1, 1, "-- an ordinary comment"))).as("not a waiver").isEmpty();
    }
}
