package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleTask;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.TaskContext;
import dev.schemamodules.testing.PartialMigration;
import dev.schemamodules.testing.TemplateDatabases;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.Writer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Item 5: data migrations at size, with a concurrent writer whose longest single statement is the
 * "blocked" figure: chatbot-crm's public-id backfill task (patients) and messaging's V3 move of
 * sessions into the partitioned table. Not a test. Arguments: rows (default 100,000), batch sizes.
 */
public final class DataMigrationBenchmark {

    private DataMigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0].replace("_", "").replace(",", "")) : 100_000;
        int[] batches = args.length > 1 ? java.util.Arrays.stream(args).skip(1).mapToInt(Integer::parseInt).toArray() : new int[] {500};
        run(rows, batches);
    }

    static void run(int rows, int[] batchSizes) throws Exception {
        Bench.title("5. Data migrations at size, with a concurrent writer (" + Bench.n(rows) + " rows)");
        Bench.header("migration", "rows", "time", "rows/s", "writer ops during", "writer longest statement", "writer p99", "writer errors",
                "writer longest, idle baseline");
        for (int batch : batchSizes) {
            backfill(rows, batch);
        }
        partition(rows);
        Bench.note("Writer: one connection in autocommit; chatbot-crm: alternately inserts a patient and updates a random existing one; "
                + "messaging: inserts a session. 'Longest statement' is the longest single writer statement while the migration ran "
                + "(time blocked plus ~1 ms of work); baseline = the same writer for 2 s with nothing else running.");
    }

    private static void backfill(int rows, int batchSize) throws Exception {
        ModuleTask task = null;
        for (ModuleTask t : ServiceLoader.load(ModuleTask.class, Thread.currentThread().getContextClassLoader())) {
            if (t.module().equals("chatbot-crm") && t.name().equals("backfill-public-ids")) {
                task = t;
            }
        }
        if (task == null) {
            Bench.row("chatbot-crm backfill-public-ids", "not available on the class path", "", "", "", "", "", "", "");
            return;
        }
        Plan plan = TemplateDatabases.plan(List.of("chatbot-crm"), "");
        PlannedModule m = plan.module("chatbot-crm").orElseThrow();
        String t = "\"" + m.primarySchema() + "\".patients";
        try (TestDatabase db = TestDatabase.empty()) {
            Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false)).migrate(plan, MigrationListener.NONE);
            db.execute("INSERT INTO " + t + " (first_name, last_name, email, phone, public_id) SELECT 'First' || g, 'Last' || g, 'p' || g || '@bench.test', "
                    + "'+1555' || g, NULL FROM generate_series(1, " + rows + ") g; ANALYZE " + t);
            List<String> ids = new ArrayList<>();
            try (Connection c = db.connection(); var st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT id::text FROM " + t + " TABLESAMPLE SYSTEM (5) LIMIT 20000")) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            Collections.shuffle(ids);
            String insert = "INSERT INTO " + t + " (first_name, last_name, email) VALUES ('W', 'W', ?)";
            String update = "UPDATE " + t + " SET phone = ? WHERE id = ?::uuid";
            Writer.Op op = (c, i) -> {
                if (i % 2 == 0) {
                    try (PreparedStatement ps = c.prepareStatement(insert)) {
                        ps.setString(1, "w" + i + "-" + System.nanoTime() + "@bench.test");
                        ps.executeUpdate();
                    }
                } else {
                    try (PreparedStatement ps = c.prepareStatement(update)) {
                        ps.setString(1, "+1666" + i);
                        ps.setString(2, ids.get(i % ids.size()));
                        ps.executeUpdate();
                    }
                }
            };
            Writer.Stats idle = Writer.idle(db, op);
            ModuleTask backfill = task;
            Writer.Stats busy;
            double secs;
            try (Writer w = Writer.start(db, op)) {
                secs = Bench.seconds(() -> {
                    int rc = backfill.run(new TaskContext(db.dataSource(), m, Map.of("batch-size", String.valueOf(batchSize), "tables", "patients"), false,
                            new PrintWriter(java.io.Writer.nullWriter())));
                    if (rc != 0) {
                        throw new IllegalStateException("backfill exit code " + rc);
                    }
                });
                busy = w.stop();
            }
            long left = db.count("SELECT count(*) FROM " + t + " WHERE public_id IS NULL");
            if (left != 0) {
                throw new IllegalStateException(left + " patients still without public_id");
            }
            Bench.row("chatbot-crm `run-task chatbot-crm backfill-public-ids` (batch-size=" + batchSize + ")", Bench.n(rows), Bench.s(secs),
                    Bench.n((long) (rows / secs)), Bench.n(busy.ops), Bench.ms(busy.max), Bench.ms(busy.p99), busy.errors, Bench.ms(idle.max));
        }
    }

    private static void partition(int sessions) throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(TemplateDatabases.plan(List.of("platform"), ""), MigrationListener.NONE);
            Plan plan = TemplateDatabases.plan(List.of("messaging"), "");
            PlannedModule module = plan.module("messaging").orElseThrow();
            PartialMigration.migrateTo(module, db.dataSource(), "2");
            db.execute("""
                    INSERT INTO auth.users (id, email) SELECT gen_random_uuid(), 'bench' || g || '@example.test' FROM generate_series(1, 1000) g;
                    CREATE TEMP TABLE bench_users AS SELECT row_number() OVER () AS n, id FROM auth.users;
                    INSERT INTO messaging.sessions (id, user_id, title, status, language, level, last_accessed_at)
                    SELECT gen_random_uuid(), u.id, 'session ' || g,
                           (ARRAY['active', 'active', 'archived', 'deleted'])[1 + g %% 4]::messaging.session_status,
                           (ARRAY['en', 'es', 'fr', 'de'])[1 + g %% 4]::messaging.session_language,
                           (ARRAY['beginner', 'intermediate', 'advanced'])[1 + g %% 3]::messaging.session_level,
                           now() - (g %% 90) * interval '1 day'
                      FROM generate_series(1, %d) g JOIN bench_users u ON u.n = 1 + g %% 1000;
                    ALTER TABLE messaging.messages DISABLE TRIGGER messages_sequence_number_trigger;
                    INSERT INTO messaging.messages (session_id, user_id, content, type, sequence_number)
                    SELECT id, user_id, 'hello from ' || title, 'text', 1 FROM messaging.sessions;
                    ALTER TABLE messaging.messages ENABLE TRIGGER messages_sequence_number_trigger;
                    INSERT INTO messaging.message_feedback (message_id, pronunciation_score)
                    SELECT id, 50 FROM messaging.messages WHERE sequence_number = 1 AND abs(hashtext(id::text)) %% 10 = 0;
                    ANALYZE;
                    """.formatted(sessions));
            String user = db.query("SELECT id::text AS id FROM auth.users LIMIT 1").get(0).get("id").toString();
            Writer.Op op = (c, i) -> {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO messaging.sessions (user_id, title, status, language, level) VALUES (?::uuid, 'writer', 'active', 'en', 'beginner')")) {
                    ps.setString(1, user);
                    ps.executeUpdate();
                }
            };
            Writer.Stats idle = Writer.idle(db, op);
            Writer.Stats busy;
            double secs;
            String failure = null;
            try (Writer w = Writer.start(db, op)) {
                long t0 = System.nanoTime();
                try {
                    Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false)).migrate(plan, MigrationListener.NONE);
                } catch (dev.schemamodules.core.api.MigrationException e) {
                    failure = e.getMessage().lines().filter(l -> l.contains("ERROR:")).findFirst().orElse(e.getMessage().lines().findFirst().orElse("?")).trim();
                }
                secs = (System.nanoTime() - t0) / 1e9;
                busy = w.stop();
            }
            long after = db.count("SELECT count(*) FROM messaging.sessions");
            if (failure != null) {
                Bench.row("messaging V2.1-V7 (V3-V7: partitioning sessions online): **FAILED** under the writer: " + failure,
                        Bench.n(sessions) + " sessions + " + Bench.n(sessions) + " messages", Bench.s(secs) + " until the abort", "-",
                        Bench.n(busy.ops), Bench.ms(busy.max), Bench.ms(busy.p99), busy.errors, Bench.ms(idle.max));
                return;
            }
            Bench.row("messaging V2.1-V7 (V3-V7: partitioning sessions online)", Bench.n(sessions) + " sessions + " + Bench.n(sessions) + " messages", Bench.s(secs),
                    Bench.n((long) (sessions / secs)) + " sessions/s", Bench.n(busy.ops) + " (" + Bench.n(after - sessions) + " sessions kept)",
                    Bench.ms(busy.max), Bench.ms(busy.p99), busy.errors + (busy.firstError == null ? "" : " (" + busy.firstError + ")"), Bench.ms(idle.max));
        }
    }

    /** A concurrent writer on its own connection, recording each statement's duration. */
    static final class Writer implements AutoCloseable {

        interface Op {
            void run(Connection c, int i) throws Exception;
        }

        record Stats(long ops, double max, double p99, int errors, String firstError) {
        }

        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<Double> durations = Collections.synchronizedList(new ArrayList<>());
        private final Thread thread;
        private int errors;
        private String firstError;

        private Writer(TestDatabase db, Op op) {
            thread = new Thread(() -> {
                try (Connection c = db.connection()) {
                    c.setAutoCommit(true);
                    int i = 0;
                    while (!stop.get()) {
                        long t = System.nanoTime();
                        try {
                            op.run(c, i++);
                        } catch (Exception e) {
                            errors++;
                            if (firstError == null) {
                                firstError = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
                            }
                        }
                        durations.add((System.nanoTime() - t) / 1e9);
                        Thread.sleep(ThreadLocalRandom.current().nextInt(2, 6));
                    }
                } catch (Exception e) {
                    firstError = "writer died: " + e.getMessage();
                }
            }, "bench-writer");
            thread.start();
        }

        static Writer start(TestDatabase db, Op op) {
            return new Writer(db, op);
        }

        static Stats idle(TestDatabase db, Op op) throws Exception {
            try (Writer w = start(db, op)) {
                Thread.sleep(2000);
                return w.stop();
            }
        }

        Stats stop() throws InterruptedException {
            stop.set(true);
            thread.join();
            List<Double> d = new ArrayList<>(durations);
            Collections.sort(d);
            double max = d.isEmpty() ? 0 : d.get(d.size() - 1);
            double p99 = d.isEmpty() ? 0 : d.get(Math.min(d.size() - 1, (int) Math.floor(d.size() * 0.99)));
            return new Stats(d.size(), max, p99, errors, firstError);
        }

        @Override
        public void close() {
            stop.set(true);
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
