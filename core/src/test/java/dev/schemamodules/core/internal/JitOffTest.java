package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The boundary check's catalog queries run without JIT; the session's own setting comes back afterwards. */
class JitOffTest {

    @ParameterizedTest(name = "autocommit {0}")
    @ValueSource(booleans = {false, true})
    void jitIsOffInsideAndTheSessionsSettingComesBack(boolean autocommit) throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.setAutoCommit(true);
            c.createStatement().execute("SET jit = on");
            c.setAutoCommit(autocommit);
            try (JitOff off = JitOff.on(c)) {
                assertThat(jit(c)).isEqualTo("off");
            }
            assertThat(jit(c)).as("the migration's statements after the check see the session's setting").isEqualTo("on");
            if (!autocommit) {
                c.commit();
                assertThat(jit(c)).isEqualTo("on");
            }
        }
    }

    private static String jit(Connection c) throws SQLException {
        try (var rs = c.createStatement().executeQuery("SELECT current_setting('jit')")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
