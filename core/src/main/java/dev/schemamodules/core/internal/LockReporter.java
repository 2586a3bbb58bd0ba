package dev.schemamodules.core.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.db.ConnectionSettings;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.core.db.SqlErrors;
import dev.schemamodules.core.api.LockReportOptions;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * The lock report on an empty database of its own (see {@link LockReport}). For each module of the plan: the
 * migrations up to its installed version are applied unmeasured; then each pending migration is measured:
 * the tables it names that exist before it are filled with generated rows ({@link RowGenerator}); a writer
 * and a reader start on them, each on its own connection; a poller samples {@code pg_locks} every few ms for
 * the migration's backend (locks, first and last seen) and for the probes (a lock not granted = waiting); the
 * migration runs through Flyway with a callback that, inside its transaction, reads the locks it holds,
 * {@code pg_stat_xact_user_tables} (its own scans and row changes) and the tables' relfilenodes.
 */
public final class LockReporter {

    private static final Pattern WAIVER = Pattern.compile("(?m)^\\s*--\\s*lock-budget:waive\\s+(\\S.*?)\\s*$");
    private static final Set<String> BLOCKS_WRITERS = Set.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private final ConnectionSettings settings;
    private final LockReportOptions options;
    private final Consumer<String> progress;

    public LockReporter(ConnectionSettings emptyDatabase, LockReportOptions options, Consumer<String> progress) {
        this.settings = emptyDatabase;
        this.options = options;
        this.progress = progress;
    }

    public LockReport run(Plan plan) {
        try (HikariDataSource ds = DataSources.create(settings, "schema-modules-lock-report", Duration.ofSeconds(30));
             HikariDataSource probes = DataSources.create(settings, "schema-modules-lock-probe", Duration.ofSeconds(30));
             Connection loader = ds.getConnection()) {
            loader.setAutoCommit(true);
            RowGenerator rows = new RowGenerator(loader);
            List<LockReport.Migration> out = new ArrayList<>();
            for (PlannedModule module : plan.modules()) {
                String installed = options.installed().get(module.name());
                boolean measured = options.modules().isEmpty() || options.modules().contains(module.name());
                ModuleScripts scripts = ModuleScripts.of(module.descriptor());
                Version from = installed == null ? null : Version.parse(installed);
                if (from != null) {
                    migrate(module, ds, from, null);
                }
                if (!measured) {
                    migrate(module, ds, null, null);
                    continue;
                }
                for (ScriptName script : scripts.migrations()) {
                    if (from != null && script.version().compareTo(from) <= 0) {
                        continue;
                    }
                    LockReport.Migration m = measure(module, script, scripts.readMigration(script), ds, probes, loader, rows);
                    out.add(m);
                    progress.accept(line(m));
                }
            }
            return new LockReport(options.rowsPerTable(), options.budget().toMillis(), out);
        } catch (SQLException e) {
            throw new MigrationException(null, "lock report: " + SqlErrors.describe(e), e);
        }
    }

    static String line(LockReport.Migration m) {
        return String.format(Locale.ROOT, "%s V%s: %.0f ms, writer waited %.0f ms, reader waited %.0f ms%s%s", m.module(), m.version(), m.totalMillis(),
                m.writer().longestLockWaitMillis(), m.reader().longestLockWaitMillis(), m.overBudget() ? ", OVER BUDGET" : "",
                m.waiver().map(w -> " (waived: " + w + ")").orElse(""));
    }

    private static void migrate(PlannedModule module, javax.sql.DataSource ds, Version target, Callback callback) {
        var config = FlywayFactory.configure(module, ds, false, callback == null ? new Callback[0] : new Callback[] {callback});
        if (target != null) {
            config.target(target.toString());
        }
        FlywayFactory.load(config).migrate();
    }

    // ------------------------------------------------------------------------------------- one migration

    private record Table(long oid, String name, long relfilenode) {
    }

    private LockReport.Migration measure(PlannedModule module, ScriptName script, String text, HikariDataSource ds, HikariDataSource probes,
                                         Connection loader, RowGenerator rows) throws SQLException {
        Optional<String> waiver = waiver(text);
        Map<Long, Table> before = tables(loader);
        Set<Long> touched = touched(text, before.values(), loader);
        List<LockReport.LoadedTable> loaded = new ArrayList<>();
        Set<Long> probeTables = new LinkedHashSet<>();
        if (!touched.isEmpty()) {
            for (RowGenerator.Loaded l : rows.ensureRows(touched, options.rowsPerTable())) {
                if (touched.contains(l.oid())) {
                    loaded.add(new LockReport.LoadedTable(l.name(), l.rows(), Optional.ofNullable(l.failure())));
                    if (l.failure() == null && l.rows() > 0) {
                        probeTables.add(l.oid());
                    }
                }
            }
            before = tables(loader);
        }
        InTransaction cb = new InTransaction(touched);
        Poller poller = new Poller(probes, options.pollInterval());
        Probe writer = new Probe(probes, "writer", probeTables, rows, true);
        Probe reader = new Probe(probes, "reader", probeTables, rows, false);
        long start;
        long end;
        String failure = null;
        try {
            writer.start(loader, before);
            reader.start(loader, before);
            poller.start(writer.pid, reader.pid);
            writer.poller = poller;
            reader.poller = poller;
            Thread.sleep(20);
            cb.poller = poller;
            start = System.nanoTime();
            try {
                migrate(module, ds, script.version(), cb);
            } catch (RuntimeException e) {
                failure = e.getMessage();
            }
            end = System.nanoTime();
            Thread.sleep(Math.max(20, 3 * options.pollInterval().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException(null, "lock report interrupted", e);
        } finally {
            poller.stop();
            writer.stop();
            reader.stop();
        }
        if (failure != null) {
            throw new MigrationException(null, module.name() + " " + script.fileName() + " failed on the loaded scratch database: " + failure, null);
        }
        if (cb.begin > 0) {
            start = Math.min(start, cb.begin);
        }
        Map<Long, Table> after = tables(loader);
        double total = (end - start) / 1e6;

        // locks: union of what the poller saw and what the migration held at its end, tables only
        Map<String, double[]> held = new LinkedHashMap<>();
        Map<String, String[]> keys = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : poller.seen.entrySet()) {
            long[] t = e.getValue();
            long last = cb.transactional ? end : t[1] + options.pollInterval().toNanos();
            held.put(e.getKey(), new double[] {(Math.max(last, t[0]) - t[0]) / 1e6});
        }
        for (String key : cb.heldAtEnd) {
            held.putIfAbsent(key, new double[] {cb.transactional ? (end - cb.afterNanos) / 1e6 : 0});
        }
        List<LockReport.HeldLock> locks = new ArrayList<>();
        for (Map.Entry<String, double[]> e : held.entrySet()) {
            String[] k = e.getKey().split("/", 2);
            long oid = Long.parseLong(k[0]);
            Table t = before.get(oid);
            if (t == null) {
                continue; // created by the migration itself: nobody else can have waited for it
            }
            String mode = k[1];
            locks.add(new LockReport.HeldLock(t.name(), mode, e.getValue()[0], BLOCKS_WRITERS.contains(mode), "AccessExclusiveLock".equals(mode)));
        }
        locks.sort(Comparator.comparing(LockReport.HeldLock::table).thenComparing(l -> -strength(l.mode())));

        List<LockReport.TableEffect> effects = new ArrayList<>();
        boolean rowWork = false;
        List<String> workDone = new ArrayList<>();
        for (long oid : touched) {
            Table b = before.get(oid);
            Table a = after.get(oid);
            boolean rewritten = a != null && b != null && a.relfilenode() != b.relfilenode();
            long[] s = cb.stats.getOrDefault(oid, new long[4]);
            effects.add(new LockReport.TableEffect(b.name(), rewritten, s[0], s[1], s[2], s[3]));
            long rowsThere = loaded.stream().filter(l -> l.table().equals(b.name())).mapToLong(LockReport.LoadedTable::rows).findFirst().orElse(0);
            if (rowsThere > 0 && (rewritten || s[0] > 0 || s[2] + s[3] > 0)) {
                rowWork = true;
                workDone.add((rewritten ? "rewrites " : s[0] > 0 ? "scans " : "changes rows of ") + b.name());
            }
        }
        LockReport.Probe w = writer.result();
        LockReport.Probe r = reader.result();
        List<String> over = new ArrayList<>();
        List<String> grows = new ArrayList<>();
        long budget = options.budget().toMillis();
        if (w.longestLockWaitMillis() > budget) {
            over.add(String.format(Locale.ROOT, "a writer waited %.0f ms for a lock (budget %d ms)", w.longestLockWaitMillis(), budget));
        }
        if (r.longestLockWaitMillis() > budget) {
            over.add(String.format(Locale.ROOT, "a reader waited %.0f ms for a lock (budget %d ms)", r.longestLockWaitMillis(), budget));
        }
        if (cb.transactional && rowWork) {
            // one verdict per migration: which loaded tables it locked against writers (and readers) while its
            // transaction did work that grows with the rows; the waits then grow with the table
            Set<String> writersBlocked = new java.util.TreeSet<>();
            Set<String> readersBlocked = new java.util.TreeSet<>();
            for (LockReport.HeldLock l : locks) {
                boolean loadedTable = loaded.stream().anyMatch(t -> t.table().equals(l.table()) && t.rows() > 0);
                if (loadedTable && l.blocksReaders()) {
                    readersBlocked.add(l.table());
                } else if (loadedTable && l.blocksWriters()) {
                    writersBlocked.add(l.table());
                }
            }
            writersBlocked.removeAll(readersBlocked);
            if (!writersBlocked.isEmpty() || !readersBlocked.isEmpty()) {
                List<String> parts = new ArrayList<>();
                if (!readersBlocked.isEmpty()) {
                    parts.add("blocks readers and writers of " + String.join(", ", readersBlocked));
                }
                if (!writersBlocked.isEmpty()) {
                    parts.add("blocks writers of " + String.join(", ", writersBlocked));
                }
                grows.add(String.join(" and ", parts) + " while its transaction " + String.join(", ", workDone) + ": the wait grows with the rows");
            }
        }
        return new LockReport.Migration(module.name(), script.version().toString(), script.fileName(), cb.transactional, total, loaded, locks, effects,
                w, r, over, grows, waiver);
    }

    static Optional<String> waiver(String text) {
        Matcher m = WAIVER.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static int strength(String mode) {
        return List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock", "ShareRowExclusiveLock",
                "ExclusiveLock", "AccessExclusiveLock").indexOf(mode);
    }

    /** Ordinary and partitioned tables outside the system schemas and the history tables. */
    private static Map<Long, Table> tables(Connection c) throws SQLException {
        Map<Long, Table> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT c.oid, format('%I.%I', n.nspname, c.relname), c.relfilenode
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                   AND n.nspname NOT LIKE 'pg_temp%' AND c.relname <> 'flyway_schema_history'
                """)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Table(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return out;
    }

    /** The existing tables whose name the script mentions (comments removed), whole words, any case. */
    private static Set<Long> touched(String text, java.util.Collection<Table> existing, Connection c) {
        String code = text.replaceAll("(?m)--.*$", " ").replaceAll("(?s)/\\*.*?\\*/", " ").toLowerCase(Locale.ROOT);
        Set<Long> out = new LinkedHashSet<>();
        for (Table t : existing) {
            String bare = t.name().substring(t.name().lastIndexOf('.') + 1).replace("\"", "").toLowerCase(Locale.ROOT);
            if (Pattern.compile("(?<![a-z0-9_$])" + Pattern.quote(bare) + "(?![a-z0-9_$])").matcher(code).find()) {
                out.add(t.oid());
            }
        }
        return out;
    }

    /** Flyway callback inside the migration's transaction: its backend, and at its end the locks it holds and its own statistics. */
    private static final class InTransaction implements Callback {
        final Set<Long> touched;
        volatile Poller poller;
        volatile boolean transactional;
        volatile long begin;
        volatile long afterNanos;
        final Set<String> heldAtEnd = new LinkedHashSet<>();
        final Map<Long, long[]> stats = new HashMap<>();
        final Map<Long, long[]> startStats = new HashMap<>();

        InTransaction(Set<Long> touched) {
            this.touched = touched;
        }

        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            Connection c = context.getConnection();
            try {
                if (event == Event.BEFORE_EACH_MIGRATE) {
                    begin = System.nanoTime();
                    transactional = !c.getAutoCommit();
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        poller.migrator = rs.getInt(1);
                    }
                    // the backend's counters may still hold earlier transactions' counts (flushed at most once a second)
                    startStats.putAll(xactStats(c));
                    return;
                }
                afterNanos = System.nanoTime();
                if (!transactional) {
                    return;
                }
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                        "SELECT relation::bigint, mode FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND relation IS NOT NULL")) {
                    while (rs.next()) {
                        heldAtEnd.add(rs.getLong(1) + "/" + rs.getString(2));
                    }
                }
                for (Map.Entry<Long, long[]> e : xactStats(c).entrySet()) {
                    long[] before = startStats.getOrDefault(e.getKey(), new long[4]);
                    long[] now = e.getValue();
                    stats.put(e.getKey(), new long[] {now[0] - before[0], now[1] - before[1], now[2] - before[2], now[3] - before[3]});
                }
            } catch (SQLException e) {
                throw new IllegalStateException("lock report: reading the migration's locks failed: " + e.getMessage(), e);
            }
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

        @Override
        public String getCallbackName() {
            return "schema-modules-lock-report";
        }
    }

    /** Samples pg_locks: the migrating backend's table locks (first and last seen) and the probes' waits. */
    private static final class Poller {
        final HikariDataSource ds;
        final Duration interval;
        volatile int migrator;
        final Map<String, long[]> seen = new ConcurrentHashMap<>();
        final AtomicBoolean stop = new AtomicBoolean();
        Thread thread;
        int[] probePids;
        final Map<Integer, long[]> waits = new ConcurrentHashMap<>(); // pid -> {waiting since, longest}

        Poller(HikariDataSource ds, Duration interval) {
            this.ds = ds;
            this.interval = interval;
        }

        void start(Probe.Pid writer, Probe.Pid reader) {
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

    /** A concurrent client on the touched tables, one statement every 2-5 ms. */
    private static final class Probe {
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
        long longestNanos;
        Poller poller;
        final List<String[]> targets = new ArrayList<>(); // {table, column to update, key condition}
        final Map<String, List<String>> keys = new HashMap<>();
        final Map<String, String> inserts = new HashMap<>();
        final Map<String, Long> oids = new HashMap<>();

        Probe(HikariDataSource ds, String name, Set<Long> tables, RowGenerator rows, boolean writes) {
            this.ds = ds;
            this.name = name;
            this.tables = new ArrayList<>(tables);
            this.rows = rows;
            this.writes = writes;
        }

        void start(Connection loader, Map<Long, Table> known) throws SQLException, InterruptedException {
            for (long oid : tables) {
                Table t = known.get(oid);
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
                        if (firstError == null) {
                            firstError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                        }
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

        LockReport.Probe result() {
            return new LockReport.Probe(statements, longestNanos / 1e6, poller == null ? 0 : poller.longestWaitMillis(pid.value), errors,
                    Optional.ofNullable(firstError));
        }
    }
}
