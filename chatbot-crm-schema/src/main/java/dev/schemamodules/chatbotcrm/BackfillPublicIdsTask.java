package dev.schemamodules.chatbotcrm;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.ModuleTask;
import dev.schemamodules.core.api.Progress;
import dev.schemamodules.core.api.TaskContext;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Fills {@code public_id} for rows that existed before V1 added the column (the application's
 * {@code scripts/backfill-public-ids.js}): {@code run-task chatbot-crm backfill-public-ids [--dry-run]
 * [--option batch-size=1000] [--option tables=patients,doctors] ...} (options in {@link #description()}).
 *
 * <ul>
 *   <li>Online: each batch is one statement in its own short transaction that locks only the rows it
 *       updates ({@code FOR UPDATE SKIP LOCKED}): concurrent writers keep working, and a writer that wants a
 *       row of the batch waits at most one batch. Batches are sized to take about {@code target-batch-ms}
 *       (default 100 ms) and shrink, with a pause, when another session waited on them longer than
 *       {@code max-lock-wait-ms} or replication replay lag exceeds {@code max-lag-ms} ({@link BatchThrottle}).</li>
 *   <li>Set-based: one round trip per batch; ids are generated inside the statement; the session runs with
 *       {@code synchronous_commit = off} (safe: a batch lost in a crash is simply redone by the next run).</li>
 *   <li>Resumable and re-runnable: only rows whose {@code public_id IS NULL} are ever touched, so an
 *       interrupted run continues where it stopped and a second run changes nothing. Progress (rows done of
 *       the rows missing at the start, rate, time left) goes to the task context's progress meter.</li>
 *   <li>Keyset pagination over the primary key ({@code id > last id of the previous batch}), so each
 *       batch costs the same on a large table; a final sweep catches rows that were locked when passed.
 *       {@code workers=N} splits the key range between N connections.</li>
 *   <li>Dry run: one count per table, changes nothing, terminates.</li>
 *   <li>Prefixes come from the module's reference data, {@code public_id_prefixes()}.</li>
 *   <li>Failure: the current batch is rolled back, the error printed, exit code 1.</li>
 * </ul>
 */
public final class BackfillPublicIdsTask implements ModuleTask {

    /** The tables the application's backfill processes, in its order. */
    public static final List<String> DEFAULT_TABLES = List.of("patients", "doctors", "appointments", "sessions", "insurance_claims");

    static final int DEFAULT_BATCH_SIZE = 1000;
    static final int DEFAULT_MAX_BATCH_SIZE = 50_000;
    static final int MIN_BATCH_SIZE = 100;
    static final int DEFAULT_TARGET_BATCH_MS = 100;
    static final int DEFAULT_MAX_LOCK_WAIT_MS = 150;
    static final int DEFAULT_MAX_LAG_MS = 2000;
    static final int DEFAULT_MAX_THROTTLE_SECONDS = 600;
    private static final int MAX_SWEEPS = 20;
    private static final long SWEEP_PAUSE_MILLIS = 200;
    private static final int LOCK_TIMEOUT_RETRIES = 10;
    private static final long LAG_CHECK_EVERY_NANOS = 1_000_000_000L;
    private static final String FIRST_ID = "00000000-0000-0000-0000-000000000000";
    private static final String LAST_ID = "ffffffff-ffff-ffff-ffff-ffffffffffff";

    @Override
    public String module() {
        return "chatbot-crm";
    }

    @Override
    public String name() {
        return "backfill-public-ids";
    }

    @Override
    public String description() {
        return "Fill missing public_id values in short batches (options: batch-size=1000 to start with, max-batch-size=50000, "
                + "target-batch-ms=100, max-lock-wait-ms=150, max-lag-ms=2000, max-throttle-seconds=600, workers=1, tables=a,b, "
                + "max-batches=N; --dry-run counts only)";
    }

    /** The task's options, checked before anything is changed. */
    record Settings(int batchSize, int maxBatchSize, int targetMillis, int maxLockWaitMillis, int maxLagMillis, int maxThrottleSeconds,
                    int workers, int maxBatches) {

        static Settings of(TaskContext context) {
            int batch = positive(context, "batch-size", DEFAULT_BATCH_SIZE);
            int maxBatch = positive(context, "max-batch-size", Math.max(batch, DEFAULT_MAX_BATCH_SIZE));
            if (maxBatch < batch) {
                throw new ConfigurationException("task option max-batch-size=" + maxBatch + " is below batch-size=" + batch);
            }
            return new Settings(batch, maxBatch, positive(context, "target-batch-ms", DEFAULT_TARGET_BATCH_MS),
                    positive(context, "max-lock-wait-ms", DEFAULT_MAX_LOCK_WAIT_MS), positive(context, "max-lag-ms", DEFAULT_MAX_LAG_MS),
                    positive(context, "max-throttle-seconds", DEFAULT_MAX_THROTTLE_SECONDS), positive(context, "workers", 1),
                    positive(context, "max-batches", Integer.MAX_VALUE));
        }

        private static int positive(TaskContext context, String key, int defaultValue) {
            int v = context.intOption(key, defaultValue);
            if (v < 1) {
                throw new ConfigurationException("task option " + key + "=" + v + " must be at least 1");
            }
            return v;
        }

        BatchThrottle throttle() {
            int min = Math.min(MIN_BATCH_SIZE, batchSize);
            return new BatchThrottle(batchSize, min, maxBatchSize, targetMillis, maxLockWaitMillis, maxLagMillis);
        }
    }

    @Override
    public int run(TaskContext context) throws Exception {
        PrintWriter out = context.out();
        Settings settings = Settings.of(context);
        String schema = context.module().primarySchema();
        try (Connection c = context.dataSource().getConnection()) {
            Map<String, String> prefixes = prefixes(c, schema);
            List<String> tables = tables(context, prefixes);
            for (String table : tables) {
                if (!hasPublicIdColumn(c, schema, table)) {
                    throw new ConfigurationException("table " + schema + "." + table + " has no public_id column (is V1 applied?)");
                }
            }
            if (context.dryRun()) {
                long total = 0;
                for (String table : tables) {
                    long missing = countMissing(c, schema, table);
                    total += missing;
                    out.printf(Locale.ROOT, "dry run: %s: would set public_id (prefix %s) on %d row(s)%n", table, label(prefixes.get(table)), missing);
                }
                out.printf(Locale.ROOT, "dry run: %d row(s) in %d table(s) would be updated; nothing was changed%n", total, tables.size());
                out.flush();
                return 0;
            }
            AtomicInteger budget = new AtomicInteger(settings.maxBatches());
            long grandTotal = 0;
            for (String table : tables) {
                if (budget.get() <= 0) {
                    break;
                }
                String generator = generator(c, schema, table, prefixes.get(table));
                try {
                    grandTotal += backfill(context.dataSource(), c, schema, table, prefixes.get(table), generator, settings, budget, out,
                            context.progress());
                } catch (SQLException e) {
                    out.printf(Locale.ROOT, "%s: batch failed and was rolled back: %s (SQLSTATE %s); rows already committed keep their ids, rerun to resume%n",
                            table, e.getMessage(), e.getSQLState());
                    out.flush();
                    return 1;
                } catch (ThrottledTooLong e) {
                    out.printf(Locale.ROOT, "%s: %s; rows already committed keep their ids, rerun to resume%n", table, e.getMessage());
                    out.flush();
                    return 1;
                }
            }
            if (budget.get() <= 0) {
                out.printf(Locale.ROOT, "stopped after max-batches=%d: %d row(s) updated; rerun to resume%n", settings.maxBatches(), grandTotal);
            } else {
                out.printf(Locale.ROOT, "done: %d row(s) updated%n", grandTotal);
            }
            out.flush();
            return 0;
        }
    }

    /** Replication lag or lock waits stayed over their limits for longer than max-throttle-seconds. */
    static final class ThrottledTooLong extends Exception {
        private static final long serialVersionUID = 1L;

        ThrottledTooLong(String message) {
            super(message);
        }
    }

    /** Progress of one table, shared by its workers. */
    private static final class TableProgress {
        final AtomicLong rows = new AtomicLong();
        final AtomicInteger batches = new AtomicInteger();
        final long start = System.nanoTime();
        final Progress.Meter meter;

        TableProgress(Progress.Meter meter) {
            this.meter = meter;
        }

        void advance(long n) {
            synchronized (meter) {
                meter.advance(n);
            }
        }
    }

    private static long backfill(DataSource dataSource, Connection c, String schema, String table, String prefix, String generator,
                                 Settings settings, AtomicInteger budget, PrintWriter out, Progress meters)
            throws SQLException, InterruptedException, ThrottledTooLong {
        String sql = batchSql(quote(schema) + "." + quote(table), generator);
        String idPrefix = idPrefix(prefix);
        try (Progress.Meter meter = meters.start(table, countMissing(c, schema, table), "rows")) {
            return backfill(dataSource, c, schema, table, prefix, sql, idPrefix, settings, budget, out, new TableProgress(meter));
        }
    }

    private static long backfill(DataSource dataSource, Connection c, String schema, String table, String prefix, String sql, String idPrefix,
                                 Settings settings, AtomicInteger budget, PrintWriter out, TableProgress progress)
            throws SQLException, InterruptedException, ThrottledTooLong {
        for (int sweep = 0; sweep < MAX_SWEEPS && budget.get() > 0; sweep++) {
            long before = progress.rows.get();
            if (sweep == 0 && settings.workers() > 1) {
                parallelPass(dataSource, table, sql, idPrefix, settings, budget, progress, out);
            } else {
                pass(c, table, sql, idPrefix, FIRST_ID, LAST_ID, settings, budget, progress, out);
            }
            if (budget.get() <= 0 || countMissing(c, schema, table) == 0) {
                break;
            }
            if (progress.rows.get() == before) {
                // everything left is locked by concurrent writers right now: wait a little, sweep again
                Thread.sleep(SWEEP_PAUSE_MILLIS);
            }
        }
        long remaining = countMissing(c, schema, table);
        double seconds = (System.nanoTime() - progress.start) / 1e9;
        out.printf(Locale.ROOT, "%s: %d row(s) updated with prefix %s in %d batch(es), %.1f s (%.0f rows/s), %d still without public_id%n", table,
                progress.rows.get(), label(prefix), progress.batches.get(), seconds, seconds > 0 ? progress.rows.get() / seconds : 0.0, remaining);
        out.flush();
        return progress.rows.get();
    }

    /** The key range split into {@code workers} parts (ids are uniformly random uuids), one connection each. */
    private static void parallelPass(DataSource dataSource, String table, String sql, String idPrefix, Settings settings, AtomicInteger budget,
                                     TableProgress progress, PrintWriter out) throws SQLException, InterruptedException, ThrottledTooLong {
        int n = settings.workers();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Void>> parts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String lo = i == 0 ? FIRST_ID : rangeBound(i, n);
                String hi = i == n - 1 ? LAST_ID : predecessor(rangeBound(i + 1, n));
                parts.add(pool.submit(() -> {
                    try (Connection wc = dataSource.getConnection()) {
                        pass(wc, table, sql, idPrefix, lo, hi, settings, budget, progress, out);
                    } catch (Exception e) {
                        budget.set(-1); // the other workers stop after their current batch
                        throw e;
                    }
                    return null;
                }));
            }
            for (Future<Void> part : parts) {
                try {
                    part.get();
                } catch (ExecutionException e) {
                    budget.set(-1);
                    if (e.getCause() instanceof SQLException s) {
                        throw s;
                    }
                    if (e.getCause() instanceof ThrottledTooLong t) {
                        throw t;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The first uuid of part {@code i} of {@code n} (split on the first 32 bits). */
    static String rangeBound(int i, int n) {
        long bound = (0x1_0000_0000L * i) / n;
        return String.format(Locale.ROOT, "%08x-0000-0000-0000-000000000000", bound);
    }

    /** The uuid just below a range bound of the form {@code xxxxxxxx-0000-0000-0000-000000000000}. */
    static String predecessor(String bound) {
        long head = Long.parseLong(bound.substring(0, 8), 16) - 1;
        return String.format(Locale.ROOT, "%08x-ffff-ffff-ffff-ffffffffffff", head);
    }

    /**
     * One keyset pass over ids in [{@code from}, {@code to}] on connection {@code c}: batches until the range is
     * exhausted or the budget is spent.
     */
    private static void pass(Connection c, String table, String sql, String idPrefix, String from, String to, Settings settings,
                             AtomicInteger budget, TableProgress progress, PrintWriter out) throws SQLException, InterruptedException, ThrottledTooLong {
        BatchThrottle throttle = settings.throttle();
        boolean autoCommit = c.getAutoCommit();
        try (Statement st = c.createStatement()) {
            // the session's settings for the task; reset below because pooled connections outlive the task.
            // synchronous_commit off: a batch lost in a crash is redone by the next run (rows stay NULL).
            st.execute("SET synchronous_commit = off");
            st.execute("SET lock_timeout = '1s'");
        }
        c.setAutoCommit(false);
        String cursor = from;
        long throttledNanos = 0;
        long lastLagCheck = Long.MIN_VALUE;
        int lockTimeouts = 0;
        try (PreparedStatement batch = c.prepareStatement(sql);
             PreparedStatement waits = c.prepareStatement(OTHERS_WAITING_SQL);
             PreparedStatement lag = c.prepareStatement(REPLICATION_LAG_SQL)) {
            while (budget.get() > 0) {
                long now = System.nanoTime();
                if (now - lastLagCheck > LAG_CHECK_EVERY_NANOS) {
                    lastLagCheck = now;
                    double lagMillis;
                    while (throttle.tooMuchLag(lagMillis = single(lag))) {
                        c.commit();
                        throttledNanos += pause(BatchThrottle.LAG_PAUSE_MILLIS, throttledNanos, settings,
                                String.format(Locale.ROOT, "replication lag %.0f ms over max-lag-ms=%d", lagMillis, settings.maxLagMillis()));
                    }
                    c.commit();
                }
                int size = throttle.size();
                long t0 = System.nanoTime();
                int selected;
                long updated;
                String last;
                double othersWaited;
                try {
                    batch.setString(1, cursor);
                    batch.setString(2, to);
                    batch.setInt(3, size);
                    batch.setString(4, idPrefix);
                    try (ResultSet rs = batch.executeQuery()) {
                        rs.next();
                        selected = rs.getInt(1);
                        updated = rs.getLong(2);
                        last = rs.getString(3);
                    }
                    othersWaited = single(waits);
                    c.commit();
                } catch (SQLException e) {
                    c.rollback();
                    if ("55P03".equals(e.getSQLState()) && ++lockTimeouts <= LOCK_TIMEOUT_RETRIES) {
                        // waited 1 s for a table lock (DDL running): back off and retry this batch
                        throttledNanos += pause(200L * lockTimeouts, throttledNanos, settings, "lock_timeout");
                        continue;
                    }
                    throw e;
                }
                lockTimeouts = 0;
                double elapsedMillis = (System.nanoTime() - t0) / 1e6;
                if (selected == 0) {
                    break;
                }
                cursor = last;
                budget.decrementAndGet();
                int batchNo = progress.batches.incrementAndGet();
                progress.rows.addAndGet(updated);
                long pauseMillis = throttle.afterBatch(selected, elapsedMillis, othersWaited);
                progress.advance(updated);
                if (pauseMillis > 0) {
                    out.printf(Locale.ROOT, "%s: a session waited %.0f ms on batch %d's row locks: next batch %d, pause %d ms%n", table, othersWaited,
                            batchNo, throttle.size(), pauseMillis);
                    out.flush();
                    throttledNanos += pause(pauseMillis, throttledNanos, settings,
                            String.format(Locale.ROOT, "a session waited %.0f ms on a batch's row locks", othersWaited));
                }
                if (selected < size) {
                    break;
                }
            }
        } finally {
            try {
                c.rollback();
                c.setAutoCommit(autoCommit);
                try (Statement st = c.createStatement()) {
                    st.execute("RESET synchronous_commit");
                    st.execute("RESET lock_timeout");
                }
            } catch (SQLException ignored) {
                // the connection is broken; the pool discards it
            }
        }
    }

    private static long pause(long millis, long throttledSoFar, Settings settings, String why) throws InterruptedException, ThrottledTooLong {
        if (throttledSoFar + millis * 1_000_000L > settings.maxThrottleSeconds() * 1_000_000_000L) {
            throw new ThrottledTooLong("throttled for more than max-throttle-seconds=" + settings.maxThrottleSeconds() + " (" + why + ")");
        }
        Thread.sleep(millis);
        return millis * 1_000_000L;
    }

    private static double single(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getDouble(1);
        }
    }

    /**
     * One batch in one statement: lock up to n rows without public_id in the key range after the cursor,
     * skipping rows a writer holds, give each its own id, and return how many rows were locked and updated
     * and the last id locked (the next cursor). The update reaches the locked rows by their ctid (a TID
     * scan, no second index lookup); a row whose version moved meanwhile is left for the sweep.
     */
    static String batchSql(String qualified, String generator) {
        return "WITH batch AS MATERIALIZED (SELECT ctid AS tid, id FROM " + qualified
                + " WHERE public_id IS NULL AND id > ?::uuid AND id <= ?::uuid ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED),"
                + " updated AS (UPDATE " + qualified + " t SET public_id = ?::text || " + generator
                + " WHERE t.ctid = ANY (ARRAY(SELECT tid FROM batch)) AND t.public_id IS NULL RETURNING 1)"
                + " SELECT (SELECT count(*) FROM batch), (SELECT count(*) FROM updated), (SELECT id::text FROM batch ORDER BY id DESC LIMIT 1)";
    }

    /** The longest time (ms) any session has been waiting on a lock this session holds. */
    private static final String OTHERS_WAITING_SQL = "SELECT coalesce(max(extract(epoch FROM clock_timestamp() - a.query_start)) * 1000, 0)"
            + " FROM pg_stat_activity a WHERE a.wait_event_type = 'Lock' AND pg_backend_pid() = ANY (pg_blocking_pids(a.pid))";

    /** The largest replay lag (ms) of any replica streaming from this server, 0 without replicas (or without the right to see it). */
    private static final String REPLICATION_LAG_SQL = "SELECT coalesce(extract(epoch FROM max(replay_lag)) * 1000, 0) FROM pg_stat_replication";

    /** The id prefix as generate_public_id writes it: {@code pat_} for {@code pat}, nothing for an empty prefix. */
    static String idPrefix(String prefix) {
        String p = prefix == null ? "" : prefix.replaceAll("_+$", "");
        return p.isEmpty() ? "" : p + "_";
    }

    /**
     * The id body generator, as an SQL expression. Fast path: the same format and distribution as
     * {@code generate_public_id} (a lower-case letter, then 23 lower-case letters or digits, uniform, from
     * pgcrypto's CSPRNG) computed by built-in string functions instead of a PL/pgSQL loop: 96 random bytes in
     * base64 are 128 independent uniform symbols of 64; dropping the leading symbols that are not lower-case
     * letters leaves a uniform letter first, and dropping upper-case and {@code +/} from the rest leaves uniform
     * symbols of {@code [a-z0-9]} (fewer than 24 of them has a probability below 10^-20). Used only when
     * pgcrypto is reachable and the column default's {@code generate_public_id} produces exactly that format;
     * otherwise the backfill calls {@code generate_public_id} itself, row by row.
     */
    static String generator(Connection c, String schema, String table, String prefix) throws SQLException {
        String platform = platformSchemaOfGenerator(c, schema, table);
        String slow = "(" + platform + ".generate_public_id(''))";
        String crypto;
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'pgcrypto'")) {
            if (!rs.next()) {
                return slow;
            }
            crypto = quote(rs.getString(1));
        }
        String fast = fastGenerator(crypto);
        boolean autoCommit = c.getAutoCommit();
        try (PreparedStatement ps = c.prepareStatement("SELECT bool_and(" + platform + ".generate_public_id(?) ~ ?) AND bool_and(" + fast
                + " ~ '^[a-z][a-z0-9]{23}$') FROM generate_series(1, 20)")) {
            String p = idPrefix(prefix);
            ps.setString(1, prefix);
            ps.setString(2, "^" + p.replaceAll("([^A-Za-z0-9_])", "\\\\$1") + "[a-z][a-z0-9]{23}$");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1) ? fast : slow;
            }
        } catch (SQLException e) {
            if (!autoCommit) {
                c.rollback();
            }
            return slow;
        }
    }

    static String fastGenerator(String cryptoSchema) {
        return "substr(translate(ltrim(encode(" + cryptoSchema + ".gen_random_bytes(96), 'base64'), E'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+/=\\n'),"
                + " E'ABCDEFGHIJKLMNOPQRSTUVWXYZ+/=\\n', ''), 1, 24)";
    }

    private static String label(String prefix) {
        return prefix.isEmpty() ? "(none)" : prefix + "_";
    }

    /** The module's prefix map (reference data created by V1). */
    private static Map<String, String> prefixes(Connection c, String schema) throws SQLException {
        Map<String, String> map = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, prefix FROM " + quote(schema) + ".public_id_prefixes()")) {
            while (rs.next()) {
                map.put(rs.getString(1), rs.getString(2));
            }
        }
        return map;
    }

    private static List<String> tables(TaskContext context, Map<String, String> prefixes) {
        List<String> tables = new ArrayList<>();
        String option = context.option("tables").orElse("").trim();
        if (option.isEmpty()) {
            tables.addAll(DEFAULT_TABLES);
        } else {
            for (String t : option.split(",")) {
                String name = t.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!prefixes.containsKey(name)) {
                    throw new ConfigurationException("task option tables: " + name + " is not a table with a public-id prefix; known: "
                            + String.join(", ", prefixes.keySet()));
                }
                if (!tables.contains(name)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static boolean hasPublicIdColumn(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(format('%I.%I', ?, ?)) AND attname = 'public_id' AND NOT attisdropped")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The schema of the generator in the column's default (the platform schema as deployed), so that the
     * backfill produces exactly what the default produces.
     */
    private static String platformSchemaOfGenerator(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname
                FROM pg_depend d
                JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
                JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
                JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND d.refobjid = p.oid
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE ad.adrelid = to_regclass(format('%I.%I', ?, ?)) AND a.attname = 'public_id' AND p.proname = 'generate_public_id'
                """)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConfigurationException("the public_id default of " + schema + "." + table + " does not call generate_public_id");
                }
                return quote(rs.getString(1));
            }
        }
    }

    private static long countMissing(Connection c, String schema, String table) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(schema) + "." + quote(table) + " WHERE public_id IS NULL")) {
            rs.next();
            return rs.getLong(1);
        } finally {
            if (!autoCommit) {
                c.commit();
            }
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
