package dev.schemamodules.chatbotcrm;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.TaskContext;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Measures backfill-public-ids on N legacy patients (public_id NULL) while a concurrent writer inserts
 * and updates patients; prints rows/s and the writer's longest statement. Not part of the test run:
 *
 * <pre>
 * java -Dschemamodules.test.backend=embedded -cp target/classes:target/test-classes:$(cat cp.txt) \
 *     dev.schemamodules.chatbotcrm.BackfillBenchmark [rows=1000000] [batch-size=500]
 * </pre>
 */
public final class BackfillBenchmark {

    private BackfillBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String batchSize = args.length > 1 ? args[1] : "500";
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            // the realistic order: rows exist before V1, then V1..V31 are applied, then the backfill runs
            db.engine().undo(db.plan(), "chatbot-crm", MigrationVersion.fromVersion("0.2"), false, MigrationListener.NONE);
            long t0 = System.nanoTime();
            db.execute("INSERT INTO chatbot_crm.patients (first_name, last_name, email)"
                    + " SELECT 'P' || g, 'L' || g, 'p' || g || '@bench.test' FROM generate_series(1, " + rows + ") g");
            db.execute("VACUUM ANALYZE chatbot_crm.patients");
            System.out.printf("loaded %d patients (before V1) in %.1f s%n", rows, (System.nanoTime() - t0) / 1e9);
            long m0 = System.nanoTime();
            db.engine().migrate(db.plan(), MigrationListener.NONE);
            System.out.printf("V1..V31 applied on top of them in %.1f s%n", (System.nanoTime() - m0) / 1e9);

            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong maxNanos = new AtomicLong();
            AtomicLong ops = new AtomicLong();
            Thread writer = new Thread(() -> {
                try (Connection c = db.connection();
                     PreparedStatement ins = c.prepareStatement("INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('W', 'W')");
                     PreparedStatement upd = c.prepareStatement("UPDATE chatbot_crm.patients SET address = 'moved' WHERE email = ?")) {
                    while (!stop.get()) {
                        long s = System.nanoTime();
                        ins.executeUpdate();
                        upd.setString(1, "p" + ThreadLocalRandom.current().nextInt(1, rows + 1) + "@bench.test");
                        upd.executeUpdate();
                        long took = System.nanoTime() - s;
                        maxNanos.accumulateAndGet(took, Math::max);
                        ops.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "writer");
            writer.start();

            PrintWriter out = new PrintWriter(System.out, true);
            long start = System.nanoTime();
            int code = new BackfillPublicIdsTask().run(new TaskContext(db.dataSource(), db.plan().module("chatbot-crm").orElseThrow(),
                    Map.of("batch-size", batchSize, "tables", "patients"), false, new PrintWriter(new java.io.Writer() {
                        private long lines;
                        @Override public void write(char[] b, int off, int len) {
                            String s = new String(b, off, len);
                            lines += s.chars().filter(ch -> ch == '\n').count();
                            if (lines % 200 == 0 || !s.contains("batch")) {
                                out.print(s);
                                out.flush();
                            }
                        }
                        @Override public void flush() {
                        }
                        @Override public void close() {
                        }
                    })));
            double seconds = (System.nanoTime() - start) / 1e9;
            stop.set(true);
            writer.join();
            long left;
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                var rs = st.executeQuery("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL");
                rs.next();
                left = rs.getLong(1);
            }
            System.out.printf("exit %d; %d rows in %.1f s = %.0f rows/s (batch-size %s); rows left without public_id: %d%n",
                    code, rows, seconds, rows / seconds, batchSize, left);
            System.out.printf("concurrent writer: %d insert+update rounds, longest round %.1f ms%n", ops.get(), maxNanos.get() / 1e6);
        }
    }
}
