package dev.schemamodules.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Watches, from a connection of its own, which sessions block the backend that runs the current
 * migration ({@code pg_blocking_pids}), so that a migration that gives up on its {@code lock_timeout}
 * can say who held the lock: pid, application, state, since when, and what it last ran. Polls every
 * 200 ms while a migration runs; costs nothing when there is no migration to watch.
 */
public final class LockWatcher implements AutoCloseable {

    private static final String BLOCKERS_SQL = """
            SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), coalesce(a.state, '?'),
                   coalesce(to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS'), '-'), coalesce(to_char(a.query_start, 'YYYY-MM-DD HH24:MI:SS'), '-'),
                   left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 120)
              FROM pg_catalog.pg_stat_activity a WHERE a.pid = ANY (pg_catalog.pg_blocking_pids(?)) ORDER BY a.pid
            """;

    private final DataSource dataSource;
    private volatile int watchedPid;
    private volatile List<String> lastBlockers = List.of();
    private volatile boolean closed;
    private Thread thread;

    public LockWatcher(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Starts watching {@code pid} (the migration's backend); forgets earlier blockers. */
    public synchronized void watch(int pid) {
        watchedPid = pid;
        lastBlockers = List.of();
        if (thread == null) {
            thread = new Thread(this::run, "schema-modules-lock-watcher");
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** The backend of the migration running now, or 0 between migrations. */
    public int watchedPid() {
        return watchedPid;
    }

    /** Stops watching until the next {@link #watch}; the blockers seen stay readable. */
    public void pause() {
        watchedPid = 0;
    }

    /** The sessions that blocked the watched backend most recently, described; empty if none was seen. */
    public List<String> lastBlockers() {
        return lastBlockers;
    }

    private void run() {
        Connection c = null;
        try {
            while (!closed) {
                int pid = watchedPid;
                if (pid != 0) {
                    if (c == null) {
                        c = dataSource.getConnection();
                        c.setAutoCommit(true);
                    }
                    List<String> seen = blockers(c, pid);
                    if (!seen.isEmpty() && pid == watchedPid) {
                        lastBlockers = seen;
                    }
                }
                Thread.sleep(200);
            }
        } catch (SQLException | RuntimeException e) {
            // watching is best effort: the migration's own error still reports the timeout
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // nothing to do
                }
            }
        }
    }

    static List<String> blockers(Connection c, int pid) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(BLOCKERS_SQL)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add("pid " + rs.getInt(1) + " (application " + rs.getString(2) + ", " + rs.getString(3) + ", transaction since "
                            + rs.getString(4) + ", last query started " + rs.getString(5) + ": " + rs.getString(6) + ")");
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        closed = true;
        watchedPid = 0;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
