package dev.schemamodules.core.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.api.LockReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/** A concurrent client on the touched tables, one statement every 2-5 ms. */
final class LockProbe {
    static final class Pid {
        volatile int value;
    }

    final HikariDataSource ds;
    final String name;
    final List<Long> tables;
    final RowGenerator rows;
    final boolean writes;
    final Pid pid = new Pid();
    final AtomicBoolean stop = new AtomicBoolean();
    Thread thread;
    long statements;
    long errors;
    String firstError;
    private boolean sawDeadlock;
    long longestNanos;
    LockSampler poller;
    final List<String[]> targets = new ArrayList<>(); // {table, column to update, key condition}
    final Map<String, List<String>> keys = new HashMap<>();
    final Map<String, String> inserts = new HashMap<>();
    final Map<String, Long> oids = new HashMap<>();

    LockProbe(HikariDataSource ds, String name, Set<Long> tables, RowGenerator rows, boolean writes) {
        this.ds = ds;
        this.name = name;
        this.tables = new ArrayList<>(tables);
        this.rows = rows;
        this.writes = writes;
    }

    void start(Connection loader, Map<Long, ScratchTables.Table> known) throws SQLException, InterruptedException {
        for (long oid : tables) {
            ScratchTables.Table t = known.get(oid);
            if (t == null) {
                continue;
            }
            // rows by primary key when it is one column (a row lock then really meets the migration's), else by ctid
            String key = "ctid";
            String keyType = "tid";
            try (PreparedStatement ps = loader.prepareStatement("SELECT quote_ident(a.attname), format_type(a.atttypid, a.atttypmod) FROM pg_index i"
                    + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[0] WHERE i.indrelid = ? AND i.indisprimary AND i.indnatts = 1")) {
                ps.setLong(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        key = rs.getString(1);
                        keyType = rs.getString(2);
                    }
                }
            }
            List<String> sample = new ArrayList<>();
            try (Statement st = loader.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT " + key + "::text FROM " + t.name() + " ORDER BY random() LIMIT 200")) {
                while (rs.next()) {
                    sample.add(rs.getString(1));
                }
            }
            String column = null;
            try (PreparedStatement ps = loader.prepareStatement("SELECT quote_ident(attname) FROM pg_attribute WHERE attrelid = ? AND attnum > 0"
                    + " AND NOT attisdropped AND attgenerated = '' AND attidentity = '' ORDER BY attnum DESC LIMIT 1")) {
                ps.setLong(1, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        column = rs.getString(1);
                    }
                }
            }
            if (sample.isEmpty() || column == null) {
                continue;
            }
            targets.add(new String[] {t.name(), column, key + " = ?::" + keyType});
            keys.put(t.name(), sample);
            oids.put(t.name(), oid);
            rows.insertOne(oid).ifPresent(sql -> inserts.put(t.name(), sql));
        }
        thread = new Thread(this::run, "schema-modules-lock-" + name);
        thread.setDaemon(true);
        thread.start();
        while (pid.value == 0 && thread.isAlive()) {
            Thread.sleep(2);
        }
    }

    private void run() {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                rs.next();
                pid.value = rs.getInt(1);
            }
            int i = 0;
            while (!stop.get()) {
                if (targets.isEmpty()) {
                    Thread.sleep(5);
                    continue;
                }
                String[] target = targets.get(i % targets.size());
                List<String> sample = keys.get(target[0]);
                String sql;
                Long g = null;
                if (!writes) {
                    sql = "SELECT * FROM " + target[0] + " WHERE " + target[2];
                } else if (i % 2 == 0 && inserts.containsKey(target[0])) {
                    sql = inserts.get(target[0]);
                    g = rows.nextRowNumber(oids.get(target[0]));
                } else {
                    sql = "UPDATE " + target[0] + " SET " + target[1] + " = " + target[1] + " WHERE " + target[2];
                }
                long t0 = System.nanoTime();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    if (g != null) {
                        ps.setLong(1, g);
                    } else {
                        ps.setString(1, sample.get(ThreadLocalRandom.current().nextInt(sample.size())));
                    }
                    ps.execute();
                } catch (SQLException e) {
                    errors++;
                    firstError = reported(firstError, sawDeadlock, e);
                    sawDeadlock |= DEADLOCK.equals(e.getSQLState());
                }
                long took = System.nanoTime() - t0;
                longestNanos = Math.max(longestNanos, took);
                statements++;
                i++;
                Thread.sleep(ThreadLocalRandom.current().nextInt(2, 6));
            }
        } catch (SQLException e) {
            firstError = name + " could not connect: " + e.getMessage();
            errors++;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void stop() {
        stop.set(true);
        if (thread != null) {
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final String DEADLOCK = "40P01";

    /**
     * The failure to report after {@code e}: the first one, except that the first deadlock with the migration
     * replaces an ordinary earlier failure (it cost this client about {@code deadlock_timeout} of waiting and its
     * statement, and says why a migration that only changes the catalog took about a second).
     */
    static String reported(String firstSoFar, boolean deadlockSoFar, SQLException e) {
        boolean deadlock = DEADLOCK.equals(e.getSQLState());
        if (firstSoFar == null || deadlock && !deadlockSoFar) {
            return String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        }
        return firstSoFar;
    }

    LockReport.Probe result() {
        return new LockReport.Probe(statements, longestNanos / 1e6, poller == null ? 0 : poller.longestWaitMillis(pid.value), errors,
                Optional.ofNullable(firstError));
    }
}
