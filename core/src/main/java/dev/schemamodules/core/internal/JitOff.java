package dev.schemamodules.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * PostgreSQL's JIT switched off for the catalog queries of the module-boundary check, and the session's own
 * setting given back afterwards. Those queries read small catalogs, but lateral set-returning functions make
 * the planner's row estimates large, so a server with JIT on (Debian's and most packaged builds) compiled
 * them on every migration: about 12 ms per query, 0.3-0.45 s of a full apply of all modules on PostgreSQL 15.
 * The migration's own statements keep whatever {@code jit} the session has. Inside a transaction the change is
 * transaction-local; outside one (a script run in autocommit) it is set for the session and reset the same way.
 */
final class JitOff implements AutoCloseable {

    private final Connection connection;
    private final String saved;
    private final boolean local;

    private JitOff(Connection connection, String saved, boolean local) {
        this.connection = connection;
        this.saved = saved;
        this.local = local;
    }

    static JitOff on(Connection c) throws SQLException {
        boolean local = !c.getAutoCommit();
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('jit'), set_config('jit', 'off', ?)")) {
            ps.setBoolean(1, local);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new JitOff(c, rs.getString(1), local);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        if ("off".equals(saved)) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('jit', ?, ?)")) {
            ps.setString(1, saved);
            ps.setBoolean(2, local);
            ps.execute();
        }
    }
}
