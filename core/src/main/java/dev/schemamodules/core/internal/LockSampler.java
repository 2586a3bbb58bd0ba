package dev.schemamodules.core.internal;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/** Samples pg_locks: the migrating backend's table locks (first and last seen) and the probes' waits. */
final class LockSampler {
    final HikariDataSource ds;
    final Duration interval;
    volatile int migrator;
    final Map<String, long[]> seen = new ConcurrentHashMap<>();
    final AtomicBoolean stop = new AtomicBoolean();
    Thread thread;
    int[] probePids;
    final Map<Integer, long[]> waits = new ConcurrentHashMap<>(); // pid -> {waiting since, longest}

    LockSampler(HikariDataSource ds, Duration interval) {
        this.ds = ds;
        this.interval = interval;
    }

    void start(LockProbe.Pid writer, LockProbe.Pid reader) {
        probePids = new int[] {writer.value, reader.value};
        thread = new Thread(this::run, "schema-modules-lock-poller");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT l.pid, l.relation::bigint, l.mode, l.granted
                  FROM pg_locks l LEFT JOIN pg_class k ON k.oid = l.relation
                 WHERE (l.pid = ? AND l.locktype = 'relation' AND k.relkind IN ('r', 'p') AND k.relnamespace <> 'pg_catalog'::regnamespace)
                    OR (l.pid = ANY (?) AND NOT l.granted)
                """)) {
            c.setAutoCommit(true);
            ps.setArray(2, c.createArrayOf("integer", new Object[] {probePids[0], probePids[1]}));
            while (!stop.get()) {
                ps.setInt(1, migrator);
                long now = System.nanoTime();
                Set<Integer> waiting = new java.util.HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        int pid = rs.getInt(1);
                        if (pid == migrator && rs.getBoolean(4)) {
                            seen.compute(rs.getLong(2) + "/" + rs.getString(3), (k, v) -> v == null ? new long[] {now, now} : new long[] {v[0], now});
                        } else if (!rs.getBoolean(4) && pid != migrator) {
                            waiting.add(pid);
                        }
                    }
                }
                for (int pid : probePids) {
                    long[] w = waits.computeIfAbsent(pid, k -> new long[2]);
                    if (waiting.contains(pid)) {
                        if (w[0] == 0) {
                            w[0] = now;
                        }
                        w[1] = Math.max(w[1], now - w[0]);
                    } else {
                        w[0] = 0;
                    }
                }
                Thread.sleep(interval.toMillis());
            }
        } catch (SQLException | RuntimeException e) {
            // sampling is best effort; the probes' own timings remain
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    double longestWaitMillis(int pid) {
        long[] w = waits.get(pid);
        return w == null ? 0 : w[1] / 1e6;
    }

    void stop() {
        stop.set(true);
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

