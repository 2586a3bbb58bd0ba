package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleOutcome;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * How far the migration running now has come, sampled every second from a connection of its own and reported
 * through {@link MigrationListener#migrationProgress}: an index build from {@code pg_stat_progress_create_index}
 * (its phase, tuples or blocks done of total), otherwise the module's progress query for that migration
 * ({@code progress/V<n>__*.sql}: one {@code SELECT done, total}, e.g. rows copied of rows to copy by a data
 * migration that commits batch by batch). The query runs at most every 2 s and never more often than ten times
 * its own duration, so that counting does not load the server. Best effort: a sample that fails is dropped
 * (a failing query is not run again for that migration); the migration itself is never affected.
 * The backend to watch is the one the {@link LockWatcher} watches (0 between migrations). A migration is first sampled
 * after it has run for a second, and the watcher's connection is opened then, not before.
 */
public final class ProgressWatcher implements AutoCloseable {

    private static final long POLL_MILLIS = 1000;
    private static final long MIN_QUERY_INTERVAL_NANOS = 2_000_000_000L;
    private static final String INDEX_SQL = """
            SELECT coalesce(i.relname::text, '?'), p.phase, p.tuples_done, p.tuples_total, p.blocks_done, p.blocks_total
              FROM pg_catalog.pg_stat_progress_create_index p LEFT JOIN pg_catalog.pg_class i ON i.oid = p.index_relid
             WHERE p.pid = ?
            """;

    private final DataSource dataSource;
    private final LockWatcher backends;
    private volatile Target target;
    private volatile boolean closed;
    private final PollingThread thread = new PollingThread("schema-modules-progress-watcher", this::run);

    /** The migration being watched, its listener and its progress query (placeholders resolved), or null. */
    private static final class Target {
        final MigrationListener listener;
        final String module;
        final String version;
        volatile String query;
        /** When it started ({@link System#nanoTime()}). */
        final long started = System.nanoTime();

        Target(MigrationListener listener, String module, String version, String query) {
            this.listener = listener;
            this.module = module;
            this.version = version;
            this.query = query;
        }
    }

    public ProgressWatcher(DataSource dataSource, LockWatcher backends) {
        this.dataSource = dataSource;
        this.backends = backends;
    }

    /** {@code listener} for the migrations of {@code module}, with their progress reported while each one runs. */
    public MigrationListener watching(PlannedModule module, MigrationListener listener) {
        if (listener == MigrationListener.NONE) {
            return listener;   // nobody to tell: no sampling
        }
        ModuleScripts scripts = ModuleScripts.of(module.descriptor());
        return new MigrationListener() {
            @Override
            public void waiting(String message) {
                listener.waiting(message);
            }

            @Override
            public void note(String message) {
                listener.note(message);
            }

            @Override
            public void moduleStarted(PlannedModule m, int pendingMigrations) {
                listener.moduleStarted(m, pendingMigrations);
            }

            @Override
            public void migrationStarted(String name, String version, String description) {
                listener.migrationStarted(name, version, description);
                String query = null;
                if (!"R".equals(version)) {
                    query = scripts.progressFor(Version.parse(version)).map(s -> {
                        try {
                            return ScriptRunner.resolve(s.fileName(), scripts.readProgress(s), module.placeholders());
                        } catch (ScriptRunner.ScriptFailure e) {
                            return null;   // a query that cannot be resolved gives no progress; the migration runs as ever
                        }
                    }).orElse(null);
                }
                watch(new Target(listener, name, version, query));
            }

            @Override
            public void migrationProgress(String name, String version, String what, long done, long total, String unit) {
                listener.migrationProgress(name, version, what, done, total, unit);
            }

            @Override
            public void migrationApplied(String name, String version, String description, Duration duration) {
                target = null;
                listener.migrationApplied(name, version, description, duration);
            }

            @Override
            public void moduleFinished(ModuleOutcome outcome) {
                target = null;
                listener.moduleFinished(outcome);
            }

            @Override
            public void undone(String name, String version, String description, Duration duration) {
                listener.undone(name, version, description, duration);
            }

            @Override
            public void verified(VerifyResult result) {
                listener.verified(result);
            }
        };
    }

    private synchronized void watch(Target t) {
        target = t;
        thread.start();
    }

    private void run() {
        Connection c = null;
        long nextQuery = 0;
        Target queried = null;
        try {
            while (!closed) {
                Target t = target;
                int pid = backends.watchedPid();
                // a migration is sampled once it has run for a poll interval: one that is over sooner has no progress worth
                // showing, and a run whose migrations are all that quick never opens this watcher's connection
                if (t != null && pid != 0 && System.nanoTime() - t.started >= POLL_MILLIS * 1_000_000L) {
                    if (c == null) {
                        c = dataSource.getConnection();
                        c.setAutoCommit(true);
                    }
                    if (t != queried) {
                        queried = t;
                        nextQuery = 0;
                    }
                    if (!sampleIndexBuild(c, t, pid) && t.query != null && System.nanoTime() >= nextQuery) {
                        long start = System.nanoTime();
                        sampleQuery(c, t);
                        long took = System.nanoTime() - start;
                        nextQuery = System.nanoTime() + Math.max(MIN_QUERY_INTERVAL_NANOS, 10 * took);
                    }
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (SQLException | RuntimeException e) {
            // best effort: without a connection there is no progress, the migration goes on
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

    /** Reports the backend's index build, if it is building one. */
    private boolean sampleIndexBuild(Connection c, Target t, int pid) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INDEX_SQL)) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
                String what = "index " + rs.getString(1) + ": " + rs.getString(2);
                long tuplesTotal = rs.getLong(4);
                long blocksTotal = rs.getLong(6);
                if (tuplesTotal > 0) {
                    report(t, what, rs.getLong(3), tuplesTotal, "rows");
                } else if (blocksTotal > 0) {
                    report(t, what, rs.getLong(5), blocksTotal, "blocks");
                } else {
                    report(t, what, 0, 0, "");
                }
                return true;
            }
        }
    }

    private void sampleQuery(Connection c, Target t) {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(30);
            try (ResultSet rs = st.executeQuery(t.query)) {
                if (rs.next()) {
                    report(t, "", rs.getLong(1), rs.getMetaData().getColumnCount() > 1 ? rs.getLong(2) : 0, "rows");
                }
            }
        } catch (SQLException e) {
            t.query = null;   // not again for this migration
        }
    }

    private void report(Target t, String what, long done, long total, String unit) {
        if (target == t && !closed) {
            t.listener.migrationProgress(t.module, t.version, what, done, total, unit);
        }
    }

    @Override
    public void close() {
        closed = true;
        target = null;
        thread.stop();
    }
}
