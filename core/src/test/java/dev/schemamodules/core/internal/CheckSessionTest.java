package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The boundary check's catalog reads run without JIT, the session's own setting comes back afterwards, and each read
 * (with its arguments) is prepared once per database session and kept through DDL, rollbacks and deallocation.
 */
class CheckSessionTest {

    /** The tables of the schemas given, by name. */
    private static final CheckSession.Read TABLES = CheckSession.Read.of("test_tables", """
            SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = ANY ($1) AND c.relkind = 'r' ORDER BY 1
            """, 1);

    @ParameterizedTest(name = "autocommit {0}")
    @ValueSource(booleans = {false, true})
    void jitIsOffInsideAndTheSessionsSettingComesBack(boolean autocommit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.setAutoCommit(true);
            c.createStatement().execute("SET jit = on");
            c.setAutoCommit(autocommit);
            try (CheckSession s = CheckSession.open(c)) {
                assertThat(setting(c, "jit")).isEqualTo("off");
            }
            assertThat(setting(c, "jit")).as("the migration's statements after the check see the session's setting").isEqualTo("on");
            if (!autocommit) {
                c.commit();
                assertThat(setting(c, "jit")).isEqualTo("on");
            }
        }
    }

    @Test
    void aReadIsPreparedOncePerSessionAndItsPlanSeesWhatDdlChangesAfterRollbacks() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.setAutoCommit(false);
            c.createStatement().execute("CREATE SCHEMA kept_a; CREATE TABLE kept_a.t1 (id int)");
            assertThat(tables(c, "kept_a")).containsExactly("kept_a.t1");
            c.rollback();   // the statement prepared in the rolled-back transaction stays
            assertThat(tables(c, "kept_a")).isEmpty();
            c.createStatement().execute("CREATE SCHEMA kept_a; CREATE TABLE kept_a.t1 (id int)");
            assertThat(tables(c, "kept_a")).containsExactly("kept_a.t1");
            c.createStatement().execute("CREATE TABLE kept_a.t2 (id int); DROP TABLE kept_a.t1");
            assertThat(tables(c, "kept_a")).as("rows changed by DDL after the plan was made").containsExactly("kept_a.t2");
            c.commit();
            List<Map<String, Object>> plans = TestDatabase.query(c, "SELECT name, generic_plans, custom_plans FROM pg_prepared_statements WHERE starts_with(name, ?)",
                    CheckSession.PREFIX);
            assertThat(plans).as("one statement, executed 4 times with the plan made at its first execution")
                    .containsExactly(Map.of("name", TABLES.with(List.of(List.of("kept_a"))).name(), "generic_plans", 4L, "custom_plans", 0L));
        }
    }

    @Test
    void aSessionWhoseStatementsWereDeallocatedPreparesThemAgain() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.createStatement().execute("CREATE SCHEMA kept_b; CREATE TABLE kept_b.t (id int)");
            assertThat(tables(c, "kept_b")).containsExactly("kept_b.t");
            c.createStatement().execute("DEALLOCATE ALL");
            assertThat(tables(c, "kept_b")).containsExactly("kept_b.t");
            c.createStatement().execute("DISCARD ALL");
            assertThat(tables(c, "kept_b")).containsExactly("kept_b.t");
        }
    }

    @Test
    void eachSetOfArgumentsIsAStatementOfItsOwn() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.createStatement().execute("CREATE SCHEMA kept_d; CREATE TABLE kept_d.t (id int); CREATE SCHEMA kept_e; CREATE TABLE kept_e.u (id int)");
            assertThat(tables(c, "kept_d")).containsExactly("kept_d.t");
            assertThat(tables(c, "kept_e")).containsExactly("kept_e.u");
            assertThat(tables(c, "kept_d", "kept_e")).containsExactly("kept_d.t", "kept_e.u");
            assertThat(tables(c, "kept_d")).containsExactly("kept_d.t");
            assertThat(TestDatabase.query(c, "SELECT count(*) AS n FROM pg_prepared_statements WHERE starts_with(name, ?)",
                    CheckSession.PREFIX)).containsExactly(Map.of("n", 3L));
        }
    }

    @Test
    void aReadNamesEachOfItsPlaceholders() {
        assertThatThrownBy(() -> CheckSession.Read.of("test_missing", "SELECT $1, $3", 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test_missing");
        assertThatThrownBy(() -> CheckSession.Read.of("test_extra", "SELECT $1, $2", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("test_extra");
    }

    @Test
    void argumentsReachTheServerAsWritten() throws Exception {
        String odd = "kept'\\\"c, {d}";
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.createStatement().execute("CREATE SCHEMA \"kept'\\\"\"c, {d}\"; CREATE TABLE \"kept'\\\"\"c, {d}\".t (id int)");
            assertThat(tables(c, odd)).containsExactly(odd + ".t");
            assertThat(tables(c, new String[0])).as("no schema given").isEmpty();
        }
    }

    private static List<String> tables(Connection c, String... schemas) throws SQLException {
        List<String> out = new ArrayList<>();
        try (CheckSession s = CheckSession.open(c)) {
            s.query(TABLES, rs -> out.add(rs.getString(1)), List.of(schemas));
        }
        return out;
    }

    private static String setting(Connection c, String name) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT current_setting('" + name + "')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
