package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * One session-level advisory lock for a whole run, held on a connection of its own, so concurrent
 * runners serialise across all modules (Flyway's own lock is per history table). A second runner waits,
 * saying for whom, up to a bound; once it gets the lock it finds nothing left to do.
 */
public final class RunLock implements AutoCloseable {

    /** The lock's two keys: "SCHM" and 1. Visible in pg_locks as classid/objid with objsubid 2. */
    public static final int KEY_1 = 0x5343484D;
    public static final int KEY_2 = 1;

    private final Connection connection;
    private final long deadline;

    private RunLock(Connection connection, long deadline) {
        this.connection = connection;
        this.deadline = deadline;
    }

    /** When ({@link System#nanoTime()}) the run's lock wait ends: other locks the run takes for itself share it. */
    public long deadline() {
        return deadline;
    }

    /** The connection holding the lock (for short reads while it is held). */
    public Connection connection() {
        return connection;
    }

    public static RunLock acquire(DataSource dataSource, Duration timeout, Consumer<String> waiting) {
        Connection c = null;
        try {
            c = dataSource.getConnection();
            c.setAutoCommit(true);
            long deadline = System.nanoTime() + timeout.toNanos();
            long nextReport = 0;
            while (true) {
                if (tryLock(c)) {
                    return new RunLock(c, deadline);
                }
                long now = System.nanoTime();
                if (now >= deadline) {
                    throw new MigrationException(null, "another run still holds the migration lock after " + timeout.toSeconds()
                            + " s (" + holder(c) + "); nothing was changed. Retry later or raise --lock-timeout");
                }
                if (now >= nextReport) {
                    waiting.accept("waiting for the migration lock held by " + holder(c) + " (up to " + timeout.toSeconds() + " s)");
                    nextReport = now + Duration.ofSeconds(10).toNanos();
                }
                Thread.sleep(200);
            }
        } catch (SQLException e) {
            closeQuietly(c);
            throw new MigrationException(null, "cannot take the migration lock: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            closeQuietly(c);
            Thread.currentThread().interrupt();
            throw new MigrationException(null, "interrupted while waiting for the migration lock");
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static boolean tryLock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
            ps.setInt(1, KEY_1);
            ps.setInt(2, KEY_2);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String holder(Connection c) throws SQLException {
        String sql = "SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), coalesce(host(a.client_addr), 'local'), "
                + "extract(epoch FROM now() - a.backend_start)::int FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.classid = ? AND l.objid = ? AND l.objsubid = 2 AND l.granted";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, KEY_1);
            ps.setInt(2, KEY_2);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return "pid " + rs.getInt(1) + ", application " + rs.getString(2) + " from " + rs.getString(3) + ", connected " + rs.getInt(4) + " s ago";
                }
                return "another session";
            }
        }
    }

    @Override
    public void close() {
        try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
            ps.setInt(1, KEY_1);
            ps.setInt(2, KEY_2);
            ps.execute();
        } catch (SQLException e) {
            // the session ends below, which releases a session-level lock anyway
        } finally {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
    }
}
