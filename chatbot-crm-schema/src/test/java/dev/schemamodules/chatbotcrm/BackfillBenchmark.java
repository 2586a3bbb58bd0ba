package dev.schemamodules.chatbotcrm;

import dev.schemamodules.core.api.TaskContext;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Measures backfill-public-ids on N legacy patients (public_id NULL, as V1 leaves rows that existed before it)
 * while a concurrent writer inserts and updates patients and a reader reads them; prints a Markdown table:
 * rows/s, the writer's and the reader's longest statement and their longest lock wait (pg_stat_activity sampled
 * every {@value Probe#SAMPLE_MILLIS} ms), the load average before and after, and the CPU time of the server's processes
 * (the backfill's connections and the background processes; the probes' backends apart). Each variant runs on its own
 * freshly loaded database (vacuumed, analyzed and checkpointed before the run starts), in the same run, so a busy
 * machine slows all of them alike; {@code --runs=N} repeats every variant N times (interleaved) and ends with the
 * minimum, median and maximum of each. Variants: {@code default} (the task with its defaults),
 * task options such as {@code workers=2} or {@code target-batch-ms=50} (comma-separated), {@code schema=1.0.0} (the
 * task on the triggers of release 1.0.0: V32 undone first), {@code redundant-indexes=dropped} (without
 * {@code idx_patients_email} and {@code idx_patients_public_id}, which the UNIQUE indexes of email and public_id
 * cover: what dropping them would save), {@code previous} (the task's statement before the
 * set-based rewrite: one {@code generate_public_id} call per row, a join the planner turns into a full scan per
 * batch at size, fixed batches of 500). Not part of the test run:
 *
 * <pre>
 * bench/run.sh --no-build backfill --rows=1000000 --runs=3 "--variants=default;workers=2"
 * </pre>
 */
public final class BackfillBenchmark {

    private BackfillBenchmark() {
    }

    /** One measured run of one variant. */
    record Result(String variant, double rowsPerSecond, double writerLongestStatementMillis, double writerLongestLockWaitMillis) {
    }

    public static void main(String[] args) throws Exception {
        int rows = 1_000_000;
        int runs = 1;
        List<String> variants = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--runs=")) {
                runs = Integer.parseInt(arg.substring("--runs=".length()));
            } else if (arg.matches("[0-9_,]+")) {
                rows = Integer.parseInt(arg.replace("_", "").replace(",", ""));
            } else {
                variants.add(arg);
            }
        }
        if (variants.isEmpty()) {
            variants = List.of("default", "workers=2");
        }
        System.out.printf(Locale.ROOT, "| variant | run | rows | time | rows/s | batches | writer rounds | writer longest statement | writer longest lock wait"
                + " | reader longest statement | reader longest lock wait | rows left | load average before / after | CPU: server + client"
                + " | of the server's, background processes | CPU per row | rows per CPU-second | probes' server CPU |%n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|%n");
        List<Result> results = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            for (String variant : variants) {
                results.add(run(rows, variant, r));
            }
        }
        if (runs > 1) {
            System.out.printf(Locale.ROOT, "%n| variant | runs | rows/s min / median / max | writer longest statement, max | writer longest lock wait, max |%n|---|---|---|---|---|%n");
            for (String variant : variants) {
                List<Result> of = results.stream().filter(x -> x.variant().equals(variant)).toList();
                List<Double> rates = of.stream().map(Result::rowsPerSecond).sorted().toList();
                double median = rates.size() % 2 == 1 ? rates.get(rates.size() / 2) : (rates.get(rates.size() / 2 - 1) + rates.get(rates.size() / 2)) / 2;
                System.out.printf(Locale.ROOT, "| %s | %d | %,.0f / **%,.0f** / %,.0f | %.0f ms | %.0f ms |%n", variant, of.size(), rates.get(0), median,
                        rates.get(rates.size() - 1), of.stream().mapToDouble(Result::writerLongestStatementMillis).max().orElse(0),
                        of.stream().mapToDouble(Result::writerLongestLockWaitMillis).max().orElse(0));
            }
        }
        System.out.printf(Locale.ROOT, "%nMachine: %d cores, load average %.1f at the end; server: %s%n", Runtime.getRuntime().availableProcessors(),
                loadAverage(), server);
        System.exit(0);
    }

    /** CPU time of this JVM (all threads), in nanoseconds. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The postmaster's pid: the parent of this session's backend (Linux /proc; the benchmark's server is local). */
    private static int postmasterPid(TestDatabase db) throws Exception {
        int backend = ((Number) db.scalar("SELECT pg_backend_pid()")).intValue();
        return Integer.parseInt(procStat(backend)[1]);
    }

    /** utime + stime (ms) of every child process of the postmaster: backends and background workers. */
    private static Map<Integer, Long> serverCpuMillis(int postmaster) throws java.io.IOException {
        Map<Integer, Long> cpu = new HashMap<>();
        try (java.nio.file.DirectoryStream<java.nio.file.Path> procs = java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc"), "[0-9]*")) {
            for (java.nio.file.Path proc : procs) {
                int pid = Integer.parseInt(proc.getFileName().toString());
                String[] f = procStat(pid);
                if (f != null && Integer.parseInt(f[1]) == postmaster) {
                    cpu.put(pid, (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / CLOCK_TICKS);
                }
            }
        }
        return cpu;
    }

    /** Whether a child of the postmaster is a background process (checkpointer, autovacuum worker, ...), not a client's backend. */
    private static boolean background(int pid, String database) {
        try {
            String cmd = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
            // a backend's title is "postgres: <user> <database> <client> ..."; an autovacuum worker's names its database later
            return !cmd.matches("postgres: \\S+ " + java.util.regex.Pattern.quote(database) + " .*");
        } catch (java.io.IOException | RuntimeException e) {
            return true;    // gone by now: backends of this run outlive the measurement, so it was a worker
        }
    }

    /** Kernel clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
    private static final long CLOCK_TICKS = 100;

    /** The fields of /proc/pid/stat after the command name (index 0: state, 1: ppid, 11: utime, 12: stime), null when gone. */
    private static String[] procStat(int pid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc", String.valueOf(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** Puts back the update triggers of release 1.0.0 (V32's undo script, as the runner would run it). */
    private static void releasedTriggers(TestDatabase db) throws Exception {
        String undo;
        try (java.io.InputStream in = BackfillBenchmark.class.getClassLoader()
                .getResourceAsStream("db/chatbot-crm/undo/U32__skip_no_op_triggers_of_public_id_backfill.sql")) {
            if (in == null) {
                throw new IllegalStateException("undo script U32 not on the class path");
            }
            undo = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        db.execute("BEGIN; SET LOCAL search_path = chatbot_crm; " + undo.replace("${schema.platform}", "platform").replace("${schema}", "chatbot_crm") + " COMMIT;");
    }

    /** The server's version and the settings that weigh on the figures, as the first run saw them. */
    private static String server = "?";

    private static Result run(int rows, String variant, int runNo) throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            server = String.valueOf(db.scalar("SELECT 'PostgreSQL ' || current_setting('server_version') || ', shared_buffers '"
                    + " || current_setting('shared_buffers') || ', fsync ' || current_setting('fsync') || ', full_page_writes '"
                    + " || current_setting('full_page_writes')"));
            if (variant.contains("schema=1.0.0")) {
                releasedTriggers(db);
            }
            if (variant.contains("redundant-indexes=dropped")) {
                // the two indexes of patients that another one covers: the email UNIQUE constraint's and public_id's
                db.execute("DROP INDEX chatbot_crm.idx_patients_email; DROP INDEX chatbot_crm.idx_patients_public_id");
            }
            db.execute("ALTER TABLE chatbot_crm.patients DISABLE TRIGGER audit_patients_trigger;"
                    + "INSERT INTO chatbot_crm.patients (first_name, last_name, email, phone, public_id) SELECT 'First' || g, 'Last' || g,"
                    + " 'p' || g || '@bench.test', '+1555' || g, NULL FROM generate_series(1, " + rows + ") g;"
                    + "ALTER TABLE chatbot_crm.patients ENABLE TRIGGER audit_patients_trigger");
            db.execute("VACUUM ANALYZE chatbot_crm.patients");
            // the load's WAL is flushed to the data files before the backfill starts, so that a checkpoint the load
            // made due does not fall into the run (the backfill's own checkpoints do, and count)
            try {
                db.execute("CHECKPOINT");
            } catch (java.sql.SQLException e) {
                // CHECKPOINT needs a superuser or pg_checkpoint (PostgreSQL 15+); the run goes on without it, and says so
                System.err.println("no checkpoint before run " + runNo + " of " + variant + ": " + e.getMessage());
                server = server + ", no CHECKPOINT before the run (not allowed for this user)";
            }
            List<String> ids = db.column("SELECT id::text FROM chatbot_crm.patients TABLESAMPLE SYSTEM (5) LIMIT 20000");
            Collections.shuffle(ids);
            try (Probe writer = new Probe(db, "writer", (c, i) -> {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('W', 'W')");
                     PreparedStatement upd = c.prepareStatement("UPDATE chatbot_crm.patients SET address = ? WHERE id = ?::uuid")) {
                    if (i % 2 == 0) {
                        ins.executeUpdate();
                    } else {
                        upd.setString(1, "moved " + i);
                        upd.setString(2, ids.get(i % ids.size()));
                        upd.executeUpdate();
                    }
                }
            });
                 Probe reader = new Probe(db, "reader", (c, i) -> {
                     try (PreparedStatement sel = c.prepareStatement("SELECT public_id, address FROM chatbot_crm.patients WHERE id = ?::uuid")) {
                         sel.setString(1, ids.get((i * 7) % ids.size()));
                         try (ResultSet rs = sel.executeQuery()) {
                             rs.next();
                         }
                     }
                 })) {
                writer.start();
                reader.start();
                Thread.sleep(500);
                writer.resetMax();
                reader.resetMax();
                double loadBefore = loadAverage();
                Set<Integer> probes = new HashSet<>(writer.pids());
                probes.addAll(reader.pids());
                int postmaster = postmasterPid(db);
                Map<Integer, Long> serverBefore = serverCpuMillis(postmaster);
                long clientBefore = processCpuNanos() - writer.cpuNanos() - reader.cpuNanos();
                long start = System.nanoTime();
                StringWriter log = new StringWriter();
                int batches;
                if (variant.equals("previous")) {
                    batches = previous(db, 500);
                } else {
                    Map<String, String> options = new LinkedHashMap<>();
                    options.put("tables", "patients");
                    if (!variant.equals("default")) {
                        for (String kv : variant.split(",")) {
                            String[] p = kv.split("=", 2);
                            if (p[0].trim().equals("redundant-indexes")) {
                                continue;
                            }
                            if (p[0].trim().equals("schema")) {
                                if (!p[1].trim().equals("1.0.0")) {
                                    throw new IllegalArgumentException("variant " + variant + ": only schema=1.0.0 is known");
                                }
                                continue;
                            }
                            options.put(p[0].trim(), p[1].trim());
                        }
                    }
                    int code = new BackfillPublicIdsTask().run(new TaskContext(db.dataSource(), db.plan().module("chatbot-crm").orElseThrow(),
                            options, false, new PrintWriter(log)));
                    if (code != 0) {
                        throw new IllegalStateException("backfill exit code " + code + ":\n" + log);
                    }
                    String summary = log.toString().lines().filter(l -> l.startsWith("patients: ") && l.contains(" batch(es)")).findFirst().orElse("");
                    batches = Integer.parseInt(summary.replaceAll(".* in (\\d+) batch\\(es\\).*", "$1"));
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double clientCpu = (processCpuNanos() - writer.cpuNanos() - reader.cpuNanos() - clientBefore) / 1e9;
                Map<Integer, Long> serverAfter = serverCpuMillis(postmaster);
                double serverCpu = 0;
                double backgroundCpu = 0;
                double probesCpu = 0;
                String database = String.valueOf(db.scalar("SELECT current_database()"));
                for (Map.Entry<Integer, Long> e : serverAfter.entrySet()) {
                    double d = (e.getValue() - serverBefore.getOrDefault(e.getKey(), 0L)) / 1e3;
                    if (probes.contains(e.getKey())) {
                        probesCpu += d;
                    } else {
                        serverCpu += d;
                        if (background(e.getKey(), database)) {
                            backgroundCpu += d;
                        }
                    }
                }
                writer.stop();
                reader.stop();
                long left = db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL");
                System.out.printf(Locale.ROOT, "| %s | %d | %,d | %.1f s | **%,.0f** | %,d | %,d | %.0f ms | %.0f ms | %.0f ms | %.0f ms | %d | %.1f / %.1f"
                                + " | %.1f s + %.1f s | %.1f s | %.1f µs | %,.0f | %.1f s |%n", variant,
                        runNo, rows, seconds, rows / seconds, batches, writer.rounds(), writer.maxStatementMillis(), writer.maxLockWaitMillis(),
                        reader.maxStatementMillis(), reader.maxLockWaitMillis(), left, loadBefore, loadAverage(), serverCpu, clientCpu,
                        backgroundCpu, (serverCpu + clientCpu) * 1e6 / rows, rows / (serverCpu + clientCpu), probesCpu);
                System.out.flush();
                return new Result(variant, rows / seconds, writer.maxStatementMillis(), writer.maxLockWaitMillis());
            }
        }
    }

    /**
     * The task's batch loop as it was before the set-based rewrite (commit 15589ac), for comparison in the
     * same run: fixed batches, one round trip for {@code SET LOCAL lock_timeout} and one for the batch.
     */
    private static int previous(TestDatabase db, int batchSize) throws Exception {
        String t = "chatbot_crm.patients";
        String sql = "WITH batch AS (SELECT id FROM " + t + " WHERE public_id IS NULL AND (?::uuid IS NULL OR id > ?::uuid)"
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED),"
                + " updated AS (UPDATE " + t + " t SET public_id = platform.generate_public_id(?)"
                + " FROM batch WHERE t.id = batch.id RETURNING t.id)"
                + " SELECT count(*), (SELECT id FROM updated ORDER BY id DESC LIMIT 1) FROM updated";
        int batches = 0;
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            String cursor = null;
            while (true) {
                st.execute("SET LOCAL lock_timeout = '2s'");
                ps.setString(1, cursor);
                ps.setString(2, cursor);
                ps.setInt(3, batchSize);
                ps.setString(4, "pat");
                long n;
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    n = rs.getLong(1);
                    cursor = rs.getString(2);
                }
                c.commit();
                if (n == 0) {
                    return batches;
                }
                batches++;
            }
        }
    }

    /**
     * A client on its own connection running one statement after another (2-5 ms apart), recording its longest
     * statement; a sampler on another connection records its longest continuous lock wait from pg_stat_activity.
     */
    static final class Probe implements AutoCloseable {

        /** How often a sampler looks at its client's wait event: a lock wait is seen to within this. */
        static final int SAMPLE_MILLIS = 2;

        interface Op {
            void run(Connection c, int i) throws Exception;
        }

        private final TestDatabase db;
        private final String name;
        private final Op op;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Thread> threads = new ArrayList<>();
        private volatile long maxStatementNanos;
        private volatile long maxLockWaitNanos;
        private volatile int pid;
        private volatile int samplerPid;
        private volatile long rounds;
        private volatile String error;

        Probe(TestDatabase db, String name, Op op) {
            this.db = db;
            this.name = name;
            this.op = op;
        }

        /** Probes use connections of their own, outside the database's small pool (which the task uses). */
        private Connection connect() throws java.sql.SQLException {
            dev.schemamodules.core.db.ConnectionSettings s = db.settings();
            return java.sql.DriverManager.getConnection(s.jdbcUrl(), s.user().orElse(null), s.password().orElse(null));
        }

        void start() throws InterruptedException {
            Thread client = new Thread(() -> {
                try (Connection c = connect()) {
                    c.setAutoCommit(true);
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        pid = rs.getInt(1);
                    }
                    int i = 0;
                    while (!stop.get()) {
                        long t = System.nanoTime();
                        op.run(c, i++);
                        long took = System.nanoTime() - t;
                        if (took > maxStatementNanos) {
                            maxStatementNanos = took;
                        }
                        rounds++;
                        Thread.sleep(ThreadLocalRandom.current().nextInt(2, 6));
                    }
                } catch (Exception e) {
                    error = name + " failed: " + e;
                }
            }, name);
            client.start();
            threads.add(client);
            while (pid == 0 && error == null) {
                Thread.sleep(5);
            }
            Thread sampler = new Thread(() -> {
                try (Connection c = connect();
                     PreparedStatement ps = c.prepareStatement("SELECT wait_event_type = 'Lock' FROM pg_stat_activity WHERE pid = ?")) {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
                        rs.next();
                        samplerPid = rs.getInt(1);
                    }
                    ps.setInt(1, pid);
                    long waitingSince = 0;
                    while (!stop.get()) {
                        boolean waiting;
                        try (ResultSet rs = ps.executeQuery()) {
                            waiting = rs.next() && rs.getBoolean(1);
                        }
                        long now = System.nanoTime();
                        if (waiting) {
                            if (waitingSince == 0) {
                                waitingSince = now;
                            }
                            maxLockWaitNanos = Math.max(maxLockWaitNanos, now - waitingSince);
                        } else {
                            waitingSince = 0;
                        }
                        Thread.sleep(SAMPLE_MILLIS);
                    }
                } catch (Exception e) {
                    error = name + " sampler failed: " + e;
                }
            }, name + "-sampler");
            sampler.start();
            threads.add(sampler);
        }

        /** The backends of the client and of its sampler. */
        List<Integer> pids() throws InterruptedException {
            while (samplerPid == 0 && error == null) {
                Thread.sleep(5);
            }
            return List.of(pid, samplerPid);
        }

        /** CPU time of the client's and the sampler's threads so far (JVM side). */
        long cpuNanos() {
            java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
            long sum = 0;
            for (Thread t : threads) {
                long n = mx.getThreadCpuTime(t.getId());
                sum += Math.max(0, n);
            }
            return sum;
        }

        void resetMax() {
            maxStatementNanos = 0;
            maxLockWaitNanos = 0;
            rounds = 0;
        }

        void stop() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            if (error != null) {
                throw new IllegalStateException(error);
            }
        }

        long rounds() {
            return rounds;
        }

        double maxStatementMillis() {
            return maxStatementNanos / 1e6;
        }

        double maxLockWaitMillis() {
            return maxLockWaitNanos / 1e6;
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                for (Thread t : threads) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
