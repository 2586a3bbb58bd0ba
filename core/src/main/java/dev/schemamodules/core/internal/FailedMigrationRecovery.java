package dev.schemamodules.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a failed non-transactional migration (a {@code CREATE INDEX CONCURRENTLY}, which runs outside a
 * transaction and must sit alone in its script) leaves behind: an INVALID index and a failed history
 * row. Transactional migrations leave nothing: PostgreSQL rolls them back whole.
 *
 * <p>{@link #invalidIndexes} reports them after the failure; {@link #recover} undoes them at the start
 * of the next migrate (dropping each INVALID index concurrently and the failed row), so that the
 * migration simply runs again once its cause (e.g. duplicate rows) is fixed.
 */
public final class FailedMigrationRecovery {

    private FailedMigrationRecovery() {
    }

    /** INVALID indexes in {@code schemas}, as {@code schema.index}. */
    public static List<String> invalidIndexes(Connection c, List<String> schemas) throws SQLException {
        List<String> out = new ArrayList<>();
        Array names = c.createArrayOf("text", schemas.toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname) FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace "
                + "WHERE n.nspname = ANY (?) AND NOT i.indisvalid ORDER BY 1")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    /** Returns true when something was recovered; {@code report} gets one line per action. */
    public static boolean recover(Connection c, HistoryTable history, List<String> schemas, Consumer<String> report) throws SQLException {
        List<String> failed = history.failedScripts(c);
        if (failed.isEmpty()) {
            return false;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try {
            for (String index : invalidIndexes(c, schemas)) {
                report.accept("recovering: dropping INVALID index " + index + " left by failed " + String.join(", ", failed));
                try (Statement st = c.createStatement()) {
                    st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index);
                }
            }
            history.deleteFailed(c);
            report.accept("recovering: removed the failed history row(s) of " + String.join(", ", failed) + "; they run again now");
        } finally {
            c.setAutoCommit(auto);
        }
        return true;
    }
}
