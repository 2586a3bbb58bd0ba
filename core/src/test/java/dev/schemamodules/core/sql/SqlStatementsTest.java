package dev.schemamodules.core.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.sql.SqlStatements.Comment;
import dev.schemamodules.core.sql.SqlStatements.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    private static List<String> texts(List<Statement> statements) {
        return statements.stream().map(s -> s.text().strip()).toList();
    }

    @Test
    void statements_are_split_at_semicolons_with_their_start_lines() {
        List<Statement> s = SqlStatements.split("CREATE TABLE a (id int);\n\nCREATE TABLE b (\n  id int\n);\nSELECT 1");
        assertThat(texts(s)).as("statements, the unterminated last one included")
                .containsExactly("CREATE TABLE a (id int)", "CREATE TABLE b (\n  id int\n)", "SELECT 1");
        assertThat(s).extracting(Statement::line).as("1-based start lines").containsExactly(1, 3, 6);
        assertThat(s.get(1).endLine()).as("end line of the multi-line statement").isEqualTo(5);
    }

    @Test
    void semicolons_inside_strings_identifiers_and_comments_do_not_split() {
        List<Statement> s = SqlStatements.split("""
                INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y');
                SELECT "odd;name" FROM t; -- trailing; comment
                /* block; comment */ SELECT 2;
                """);
        assertThat(texts(s)).as("three statements")
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s; fine', E'x\\';y')", "SELECT \"odd;name\" FROM t", "SELECT 2");
        assertThat(s.get(0).masked()).as("string contents are blanked in the masked text").doesNotContain("a;b").contains("INSERT INTO t VALUES");
        assertThat(s.get(1).masked()).as("quoted identifiers stay readable in the masked text").contains("\"odd;name\"");
    }

    @Test
    void dollar_quoted_bodies_with_tags_keep_their_semicolons() {
        String sql = """
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $fn$
                BEGIN
                    PERFORM 1; RETURN $$nested; dollar$$::int;
                END
                $fn$;
                DO $$ BEGIN EXECUTE 'SELECT 1;'; END $$;
                SELECT $1, a$b$ FROM t;
                """;
        List<Statement> s = SqlStatements.split(sql);
        assertThat(s).as("function, DO block, select").hasSize(3);
        assertThat(s).extracting(Statement::line).containsExactly(1, 6, 7);
        assertThat(s.get(0).masked()).as("the body is blanked, its tags kept").contains("AS $fn$").doesNotContain("PERFORM");
        assertThat(s.get(2).text()).as("$1 and a$b$ are a parameter and an identifier, not dollar quotes").isEqualTo("SELECT $1, a$b$ FROM t");
    }

    @Test
    void flyway_placeholders_are_not_dollar_quotes() {
        List<Statement> s = SqlStatements.split("CREATE TABLE ${schema}.a (id int);\nGRANT SELECT ON ${schema.auth}.users TO x;");
        assertThat(texts(s)).containsExactly("CREATE TABLE ${schema}.a (id int)", "GRANT SELECT ON ${schema.auth}.users TO x");
    }

    @Test
    void nested_block_comments_end_at_the_matching_close() {
        List<Statement> s = SqlStatements.split("/* outer /* inner; */ still; comment */\nSELECT 1;\nSELECT 2;");
        assertThat(texts(s)).as("the nested comment hides its semicolons").containsExactly("SELECT 1", "SELECT 2");
        assertThat(s.get(0).line()).isEqualTo(2);
        assertThat(s.get(0).leading()).extracting(Comment::startLine, Comment::endLine).as("the comment, as leading comment").containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, 1));
    }

    @Test
    void comments_are_kept_as_leading_inner_and_trailing() {
        List<Statement> s = SqlStatements.split("""
                -- header

                -- about a
                CREATE TABLE a ( -- inner
                    id int
                ); -- after a
                -- about b
                SELECT 1;
                """);
        assertThat(s.get(0).leading()).extracting(Comment::body).as("comments above a").containsExactly("header", "about a");
        assertThat(s.get(0).inner()).extracting(Comment::body).as("comments inside a").containsExactly("inner");
        assertThat(s.get(0).trailing()).extracting(Comment::body).as("comment after the semicolon, same line").containsExactly("after a");
        assertThat(s.get(1).leading()).extracting(Comment::body).as("comments above b").containsExactly("about b");
        assertThat(s.get(1).line()).isEqualTo(8);
    }

    @Test
    void multi_line_strings_and_comments_keep_line_numbers_right() {
        List<Statement> s = SqlStatements.split("SELECT 'a\nb\nc';\n/*\n\n*/\nSELECT $x$\n$x$;\nSELECT 3;");
        assertThat(s).extracting(Statement::line).containsExactly(1, 7, 9);
        assertThat(s.get(0).masked()).as("line breaks are kept in masked text").hasLineCount(3);
    }

    @Test
    void sql_standard_function_bodies_are_one_statement() {
        List<Statement> s = SqlStatements.split("""
                CREATE OR REPLACE FUNCTION f(a int) RETURNS int LANGUAGE sql
                BEGIN ATOMIC
                    SELECT CASE WHEN a > 0 THEN 1 ELSE 0 END;
                    SELECT a;
                END;
                SELECT f(1);
                """);
        assertThat(s).as("BEGIN ATOMIC ... END is one statement").hasSize(2);
        assertThat(s.get(1).text()).isEqualTo("SELECT f(1)");
    }

    @Test
    void begin_and_end_outside_routine_definitions_do_not_nest() {
        List<Statement> s = SqlStatements.split("BEGIN;\nSELECT CASE WHEN true THEN 1 END;\nCOMMIT;");
        assertThat(texts(s)).containsExactly("BEGIN", "SELECT CASE WHEN true THEN 1 END", "COMMIT");
    }

    @Test
    void unterminated_quote_does_not_loop_or_throw() {
        assertThat(SqlStatements.split("SELECT 'open;\nSELECT 2;")).as("the rest is one unterminated string").hasSize(1);
        assertThat(SqlStatements.split("SELECT $$ open")).hasSize(1);
        assertThat(SqlStatements.split("/* open")).isEmpty();
        assertThat(SqlStatements.split("")).isEmpty();
    }
}
