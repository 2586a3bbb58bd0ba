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
 * 200 ms while a migration runs; costs nothing when there is no migration to watch. A second session of the same
 * run (a verify session working beside the first, see {@link VerifyRunner}) is watched through {@link #alongside()}:
 * the same thread and connection, a backend and blockers of its own.
 */
public final class LockWatcher implements AutoCloseable {

    private static final String BLOCKERS_SQL = """
            SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), coalesce(a.state, '?'),
                   coalesce(to_char(a.xact_start, 'YYYY-MM-DD HH24:MI:SS'), '-'), coalesce(to_char(a.query_start, 'YYYY-MM-DD HH24:MI:SS'), '-'),
                   left(regexp_replace(coalesce(a.query, ''), '\\s+', ' ', 'g'), 120)
              FROM pg_catalog.pg_stat_activity a WHERE a.pid = ANY (pg_catalog.pg_blocking_pids(?)) ORDER BY a.pid
            """;

    private final DataSource dataSource;
    /** The watcher whose thread polls for this one, or null: this one polls. */
    private final LockWatcher owner;
    /** Watchers of other sessions of the run, polled by this one's thread ({@link #alongside()}). */
    private final List<LockWatcher> others = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile int watchedPid;
    private volatile List<String> lastBlockers = List.of();
    private volatile boolean closed;
    private final PollingThread thread = new PollingThread("schema-modules-lock-watcher", this::run);

    public LockWatcher(DataSource dataSource) {
        this(dataSource, null);
    }

    private LockWatcher(DataSource dataSource, LockWatcher owner) {
        this.dataSource = dataSource;
        this.owner = owner;
    }

    /**
     * A watcher for another backend of the same run, polled by this watcher's thread on its connection (no connection
     * more); closing it stops watching that backend only.
     */
    public LockWatcher alongside() {
        LockWatcher other = new LockWatcher(dataSource, this);
        others.add(other);
        return other;
    }

    /** Starts watching {@code pid} (the migration's backend); forgets earlier blockers. */
    public void watch(int pid) {
        watchedPid = pid;
        lastBlockers = List.of();
        (owner == null ? this : owner).startPolling();
    }

    private void startPolling() {
        thread.start();
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
                List<LockWatcher> all = new ArrayList<>(others);
                all.add(0, this);
                for (LockWatcher w : all) {
                    int pid = w.watchedPid;
                    if (pid == 0) {
                        continue;
                    }
                    if (c == null) {
                        c = dataSource.getConnection();
                        c.setAutoCommit(true);
                    }
                    List<String> seen = blockers(c, pid);
                    if (!seen.isEmpty() && pid == w.watchedPid) {
                        w.lastBlockers = seen;
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
        watchedPid = 0;
        if (owner != null) {
            owner.others.remove(this);
            return;
        }
        closed = true;
        thread.stop();
    }
}
