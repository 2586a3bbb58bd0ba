package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.LockReport;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Flyway callback on the migration's own connection, for the lock report: its backend (for the sampler), and
 * around each statement of the script what that statement did to the touched tables: a rewrite (the table's
 * relfilenode changed; the migration's own transaction sees its new one) and, inside a transaction, its
 * sequential scans and rows changed ({@code pg_stat_xact_user_tables}, the transaction's own counters, as a
 * difference from the previous statement). Outside a transaction each statement commits on its own and those
 * counters restart, so only rewrites are attributed there. At the end of a transactional migration: the table
 * locks it holds and its counters for the whole migration.
 */
final class MigrationObserver implements Callback {

    private final Set<Long> touched;
    private final Map<Long, String> names;
    volatile LockSampler sampler;
    volatile boolean transactional;
    volatile long begin;
    volatile long afterNanos;
    final Set<String> heldAtEnd = new LinkedHashSet<>();
    final Map<Long, long[]> stats = new HashMap<>();
    final List<LockReport.StatementEffect> statements = new ArrayList<>();
    /** In a transaction, after a statement that scanned, rewrote or changed rows: the table locks held then ("oid/mode"), by statement number. */
    final Map<Integer, Set<String>> locksAfterRowWork = new HashMap<>();
    private final Map<Long, long[]> startStats = new HashMap<>();
    private Map<Long, long[]> lastSnapshot = new HashMap<>();
    private final List<String> bareNames;
    private long statementStart;

    /** @param touched the loaded tables to watch, by oid; {@code names} their qualified names */
    MigrationObserver(Set<Long> touched, Map<Long, String> names) {
        this.touched = touched;
        this.names = names;
        this.bareNames = names.values().stream().map(n -> n.substring(n.lastIndexOf('.') + 1).replace("\"", "").toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE || event == Event.BEFORE_EACH_MIGRATE_STATEMENT
                || event == Event.AFTER_EACH_MIGRATE_STATEMENT;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection c = context.getConnection();
        try {
            switch (event) {
                case BEFORE_EACH_MIGRATE -> {
                    begin = System.nanoTime();
                    transactional = !c.getAutoCommit();
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        sampler.migrator = rs.getInt(1);
                    }
                    // the backend's counters may still hold earlier transactions' counts (flushed at most once a second)
                    startStats.putAll(xactStats(c));
                    lastSnapshot = snapshot(c);
                }
                case BEFORE_EACH_MIGRATE_STATEMENT -> statementStart = System.nanoTime();
                case AFTER_EACH_MIGRATE_STATEMENT -> statementDone(c, context.getStatement() == null ? "" : context.getStatement().getSql());
                case AFTER_EACH_MIGRATE -> migrationDone(c);
                default -> {
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("lock report: reading the migration's locks failed: " + e.getMessage(), e);
        }
    }

    private void statementDone(Connection c, String sql) throws SQLException {
        double millis = (System.nanoTime() - statementStart) / 1e6;
        String text = withoutLeadingComments(sql);
        List<LockReport.TableEffect> effects = new ArrayList<>();
        if (mayTouchRows(text)) {
            // one catalog round trip per such statement: its own cost lengthens the migration's lock holding a little
            Map<Long, long[]> now = snapshot(c);
            for (long oid : touched) {
                long[] b = lastSnapshot.getOrDefault(oid, new long[5]);
                long[] a = now.getOrDefault(oid, new long[5]);
                boolean rewritten = b[4] != 0 && a[4] != 0 && a[4] != b[4];
                long[] d = transactional ? new long[] {a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]} : new long[4];
                if (rewritten || d[0] + d[1] + d[2] + d[3] > 0) {
                    effects.add(new LockReport.TableEffect(names.get(oid), rewritten, d[0], d[1], d[2], d[3]));
                }
            }
            lastSnapshot = now;
            if (transactional && !effects.isEmpty()) {
                // held at the end of this statement = taken by it or before it: its row work ran under those locks
                locksAfterRowWork.put(statements.size() + 1, heldLocks(c));
            }
        }
        String line = text.replaceAll("\\s+", " ");
        statements.add(new LockReport.StatementEffect(statements.size() + 1, line.length() > 100 ? line.substring(0, 97) + "..." : line, millis, effects));
    }

    /** The statement without the comment lines Flyway keeps in front of it. */
    static String withoutLeadingComments(String sql) {
        String s = sql.strip();
        while (true) {
            if (s.startsWith("--")) {
                int nl = s.indexOf('\n');
                s = nl < 0 ? "" : s.substring(nl + 1).strip();
            } else if (s.startsWith("/*") && s.contains("*/")) {
                s = s.substring(s.indexOf("*/") + 2).strip();
            } else {
                return s;
            }
        }
    }

    /**
     * Whether a statement can scan, rewrite or change rows of a touched table: it names one, or it runs code or
     * DML (a DO block, a function call, INSERT ... SELECT, REFRESH). Catalog-only statements on other objects
     * (grants, comments, policies, functions, new tables) are timed but not sampled, to keep the observer cheap.
     */
    private boolean mayTouchRows(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        if (HEADS.matcher(lower).lookingAt()) {
            return true;
        }
        for (String name : bareNames) {
            if (java.util.regex.Pattern.compile("(?<![a-z0-9_$])" + java.util.regex.Pattern.quote(name) + "(?![a-z0-9_$])").matcher(lower).find()) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.regex.Pattern HEADS = java.util.regex.Pattern.compile(
            "(do|select|call|insert|update|delete|merge|with|refresh|truncate|vacuum|analyze|cluster|create\\s+materialized|create\\s+table\\s+\\S+\\s+as)\\b");

    private void migrationDone(Connection c) throws SQLException {
        afterNanos = System.nanoTime();
        if (!transactional) {
            return;
        }
        heldAtEnd.addAll(heldLocks(c));
        for (Map.Entry<Long, long[]> e : xactStats(c).entrySet()) {
            stats.put(e.getKey(), minus(e.getValue(), startStats.getOrDefault(e.getKey(), new long[4])));
        }
    }

    private static Set<String> heldLocks(Connection c) throws SQLException {
        Set<String> out = new LinkedHashSet<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation IS NOT NULL AND granted")) {
            while (rs.next()) {
                out.add(rs.getLong(1) + "/" + rs.getString(2));
            }
        }
        return out;
    }

    private static long[] minus(long[] a, long[] b) {
        return new long[] {a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]};
    }

    private Map<Long, long[]> xactStats(Connection c) throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT relid::bigint, seq_scan, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables")) {
            while (rs.next()) {
                if (touched.contains(rs.getLong(1))) {
                    out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)});
                }
            }
        }
        return out;
    }

    /** Per touched table: {seq scans, inserted, updated, deleted} of this transaction, and its relfilenode, in one query. */
    private Map<Long, long[]> snapshot(Connection c) throws SQLException {
        Map<Long, long[]> out = new HashMap<>();
        if (touched.isEmpty()) {
            return out;
        }
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT c.oid::bigint, coalesce(s.seq_scan, 0), coalesce(s.n_tup_ins, 0),"
                + " coalesce(s.n_tup_upd, 0), coalesce(s.n_tup_del, 0), c.relfilenode::bigint FROM pg_class c"
                + " LEFT JOIN pg_stat_xact_user_tables s ON s.relid = c.oid WHERE c.oid IN ("
                + String.join(",", touched.stream().map(String::valueOf).toList()) + ")")) {
            while (rs.next()) {
                out.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)});
            }
        }
        return out;
    }

    @Override
    public String getCallbackName() {
        return "schema-modules-lock-report";
    }
}
