package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.ModuleTask;
import dev.schemamodules.core.api.TaskContext;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The backfill task on a database whose core tables had rows before V1 (public_id NULL). */
class BackfillPublicIdsTaskTest {

    static final Map<String, String> PREFIX = Map.of("patients", "pat", "doctors", "doc", "appointments", "apt", "sessions", "ses",
            "insurance_claims", "clm");

    /** Rows as they exist before the backfill: public_id NULL, as V1 leaves pre-existing rows. */
    static void legacyRows(TestDatabase db, int patients) throws Exception {
        db.execute("ALTER TABLE chatbot_crm.patients DISABLE TRIGGER audit_patients_trigger;"
                + "INSERT INTO chatbot_crm.patients (first_name, last_name, public_id) SELECT 'P' || g, 'L', NULL FROM generate_series(1, " + patients + ") g;"
                + "ALTER TABLE chatbot_crm.patients ENABLE TRIGGER audit_patients_trigger;"
                + "INSERT INTO chatbot_crm.doctors (first_name, last_name, public_id) SELECT 'D' || g, 'L', NULL FROM generate_series(1, 7) g;"
                + "INSERT INTO chatbot_crm.appointments (appointment_date, appointment_time, public_id) SELECT current_date, '09:00', NULL FROM generate_series(1, 5) g;"
                + "INSERT INTO chatbot_crm.sessions (session_date, session_time, public_id) SELECT current_date, '09:00', NULL FROM generate_series(1, 3) g;"
                + "INSERT INTO chatbot_crm.insurance_claims (claim_number, public_id) SELECT 'C' || g, NULL FROM generate_series(1, 2) g;");
    }

    record Run(int exitCode, String output) {
    }

    static Run run(TestDatabase db, boolean dryRun, Map<String, String> options) throws Exception {
        StringWriter text = new StringWriter();
        TaskContext context = new TaskContext(db.dataSource(), db.plan().module("chatbot-crm").orElseThrow(), options, dryRun, new PrintWriter(text));
        int code = new BackfillPublicIdsTask().run(context);
        return new Run(code, text.toString());
    }

    static long missing(TestDatabase db) throws Exception {
        return db.count("SELECT (SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL)"
                + " + (SELECT count(*) FROM chatbot_crm.doctors WHERE public_id IS NULL)"
                + " + (SELECT count(*) FROM chatbot_crm.appointments WHERE public_id IS NULL)"
                + " + (SELECT count(*) FROM chatbot_crm.sessions WHERE public_id IS NULL)"
                + " + (SELECT count(*) FROM chatbot_crm.insurance_claims WHERE public_id IS NULL)");
    }

    @Test
    void task_is_registered_for_the_runner() {
        List<ModuleTask> tasks = new ArrayList<>();
        ServiceLoader.load(ModuleTask.class).forEach(tasks::add);
        assertThat(tasks).as("ModuleTask services").anySatisfy(t -> {
            assertThat(t.module()).as("module").isEqualTo("chatbot-crm");
            assertThat(t.name()).as("name").isEqualTo("backfill-public-ids");
            assertThat(t.exclusive()).as("online task, no run-wide lock").isFalse();
        });
    }

    @Test
    void v1_leaves_existing_rows_null_and_dry_run_reports_counts_and_changes_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 1234);
            assertThat(missing(db)).as("rows without public_id before the backfill").isEqualTo(1234 + 7 + 5 + 3 + 2);
            Run run = run(db, true, Map.of());
            assertThat(run.exitCode()).as("dry-run exit code").isZero();
            assertThat(run.output()).as("dry-run report")
                    .contains("patients: would set public_id (prefix pat_) on 1234 row(s)")
                    .contains("doctors: would set public_id (prefix doc_) on 7 row(s)")
                    .contains("insurance_claims: would set public_id (prefix clm_) on 2 row(s)")
                    .contains("nothing was changed");
            assertThat(run.output().lines().filter(l -> l.contains("would set"))).as("one count line per table").hasSize(5);
            assertThat(missing(db)).as("rows without public_id after dry-run").isEqualTo(1234 + 7 + 5 + 3 + 2);
        }
    }

    @Test
    void backfill_fills_every_row_in_batches_of_500_with_the_right_prefix_and_a_rerun_changes_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 1234);
            db.execute("ALTER TABLE chatbot_crm.patients DISABLE TRIGGER USER; UPDATE chatbot_crm.patients SET updated_at = '2000-01-01';"
                    + "ALTER TABLE chatbot_crm.patients ENABLE TRIGGER USER");
            long auditBefore = db.count("SELECT count(*) FROM chatbot_crm.audit_logs");
            Run run = run(db, false, Map.of("batch-size", "500", "max-batch-size", "500", "target-batch-ms", "100000"));
            assertThat(run.exitCode()).as("exit code").isZero();
            assertThat(run.output()).as("progress lines").contains("patients: 500 of 1,234 rows (40 %), ")
                    .contains("patients: 1234 row(s) updated with prefix pat_ in 3 batch(es)")
                    .contains("doctors: 7 row(s) updated with prefix doc_ in 1 batch(es)")
                    .contains("done: 1251 row(s) updated");
            assertThat(missing(db)).as("rows without public_id after the backfill").isZero();
            for (Map.Entry<String, String> e : PREFIX.entrySet()) {
                assertThat(db.count("SELECT count(*) FROM chatbot_crm." + e.getKey() + " WHERE public_id !~ ?", "^" + e.getValue() + "_[a-z][a-z0-9]{23}$"))
                        .as("%s rows whose public_id lacks prefix %s_", e.getKey(), e.getValue()).isZero();
            }
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.audit_logs")).as("public-id assignment is not audited").isEqualTo(auditBefore);
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE updated_at = '2000-01-01'"))
                    .as("backfilled rows whose updated_at was not bumped by the platform trigger").isZero();
            List<String> before = db.column("SELECT id || '=' || public_id FROM chatbot_crm.patients ORDER BY id");

            Run again = run(db, false, Map.of());
            assertThat(again.exitCode()).as("second run exit code").isZero();
            assertThat(again.output()).as("second run").contains("done: 0 row(s) updated").doesNotContain(" of 1,234 rows");
            assertThat(db.column("SELECT id || '=' || public_id FROM chatbot_crm.patients ORDER BY id")).as("ids after rerun").isEqualTo(before);
        }
    }

    @Test
    void batches_grow_towards_the_target_time_and_two_workers_split_the_key_range() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 8_000);
            Run run = run(db, false, Map.of("batch-size", "100", "tables", "patients", "target-batch-ms", "10000", "workers", "2"));
            assertThat(run.exitCode()).as("exit code").isZero();
            assertThat(missing(db)).as("rows without public_id after a two-worker backfill").isEqualTo(2 + 3 + 5 + 7);
            assertThat(db.count("SELECT count(DISTINCT public_id) FROM chatbot_crm.patients")).as("distinct public ids").isEqualTo(8_000);
            // batches fast against a 10 s target double each time: 100, 200, 400, ... per worker, so far fewer than the 80 batches of a fixed size
            String summary = run.output().lines().filter(l -> l.startsWith("patients: 8000 row(s) updated")).findFirst().orElseThrow();
            int batches = Integer.parseInt(summary.replaceAll(".* in (\\d+) batch\\(es\\).*", "$1"));
            assertThat(batches).as("batches of a growing batch size (%s)", summary).isBetween(2, 20);
        }
    }

    @Test
    void ids_the_task_generates_have_the_platform_format_uniformly_distributed() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            PublicIdBodies bodies = new PublicIdBodies();
            List<String> ids = List.of(bodies.next("", 20000));
            // the same pattern the platform's generator is checked against (its verify script), applied by PostgreSQL
            assertThat(db.count("SELECT count(*) FROM unnest(?::text[]) id WHERE id !~ '^[a-z][a-z0-9]{23}$'", (Object) ids.toArray(String[]::new)))
                    .as("ids off the platform format").isZero();
            assertThat(ids).as("ids").hasSize(20000).doesNotHaveDuplicates();
            assertThat(bodies.next("pat_")).as("prefixed id").matches("pat_[a-z][a-z0-9]{23}");
            long[] first = new long[26];
            long[] rest = new long[36];
            String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
            for (String id : ids) {
                first[id.charAt(0) - 'a']++;
                for (int i = 1; i < id.length(); i++) {
                    rest[alphabet.indexOf(id.charAt(i))]++;
                }
            }
            // chi-square against uniform; the bounds are the 1e-6 upper quantiles (df 25 and 35), so a correct generator fails once in a million runs
            assertThat(chiSquare(first)).as("chi-square of the first letter over 26 letters").isLessThan(75.0);
            assertThat(chiSquare(rest)).as("chi-square of the other characters over 36 symbols").isLessThan(92.0);
        }
    }

    @Test
    void a_column_default_of_another_format_makes_the_statement_call_generate_public_id_row_by_row() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 10);
            // a platform generator of another format (still the default of the column): the task must give exactly what it gives
            db.execute("CREATE OR REPLACE FUNCTION platform.generate_public_id(prefix text DEFAULT '') RETURNS text LANGUAGE sql VOLATILE"
                    + " SET search_path = pg_catalog AS $$ SELECT CASE WHEN coalesce(prefix, '') = '' THEN '' ELSE prefix || '_' END"
                    + " || 'x' || lpad((random() * 1e9)::bigint::text, 10, '0') $$");
            Run run = run(db, false, Map.of("tables", "patients,doctors"));
            assertThat(run.exitCode()).as("exit code").isZero();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id !~ '^pat_x[0-9]{10}$'")).as("patients off that format").isZero();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.doctors WHERE public_id !~ '^doc_x[0-9]{10}$'")).as("doctors off that format").isZero();
        }
    }

    private static double chiSquare(long[] counts) {
        long total = java.util.Arrays.stream(counts).sum();
        double expected = (double) total / counts.length;
        double chi = 0;
        for (long c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    @Test
    void a_session_waiting_on_a_batch_shrinks_the_next_batch_and_pauses_the_backfill() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 2000);
            // the backfill's update of one row takes 600 ms, while its batch holds that row's lock
            db.execute("UPDATE chatbot_crm.patients SET first_name = 'slow' WHERE id = (SELECT id FROM chatbot_crm.patients ORDER BY id LIMIT 1 OFFSET 10);"
                    + "CREATE FUNCTION public.slow_backfill() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $$"
                    + " BEGIN IF NEW.first_name = 'slow' AND OLD.public_id IS NULL AND NEW.public_id IS NOT NULL THEN PERFORM pg_sleep(0.6); END IF;"
                    + " RETURN NEW; END $$;"
                    + "CREATE TRIGGER slow BEFORE UPDATE ON chatbot_crm.patients FOR EACH ROW EXECUTE FUNCTION public.slow_backfill();");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            AtomicBoolean stop = new AtomicBoolean();
            try (Connection writer = db.connection()) {
                Future<Integer> writes = pool.submit(() -> {
                    int ok = 0;
                    try (Statement st = writer.createStatement()) {
                        while (!stop.get()) {
                            st.executeUpdate("UPDATE chatbot_crm.patients SET address = 'w' WHERE first_name = 'slow'");
                            ok++;
                            Thread.sleep(10);
                        }
                    }
                    return ok;
                });
                Run run = pool.submit(() -> run(db, false, Map.of("batch-size", "1000", "tables", "patients", "target-batch-ms", "10000")))
                        .get(120, TimeUnit.SECONDS);
                stop.set(true);
                assertThat(writes.get(30, TimeUnit.SECONDS)).as("writer updates").isPositive();
                assertThat(run.exitCode()).as("exit code").isZero();
                assertThat(run.output()).as("throttle report").containsPattern("patients: a session waited \\d+ ms on batch \\d+'s row locks: next batch 500, pause \\d+ ms");
                assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL")).as("patients left").isZero();
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
        }
    }

    @Test
    void a_batch_locks_its_rows_in_physical_order_and_updates_them_by_ctid() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 2_000);
            db.execute("ANALYZE chatbot_crm.patients");
            String table = "\"chatbot_crm\".\"patients\"";
            try (Connection c = db.connection(); Statement st = c.createStatement()) {
                // the plan the task's prepared statements settle on after a few batches: the generic one
                st.execute("SET plan_cache_mode = force_generic_plan; SET enable_hashjoin = off; SET enable_mergejoin = off");
                st.execute("PREPARE lock_batch(text, text, int) AS " + numbered(BackfillPublicIdsTask.lockSql(table)));
                st.execute("PREPARE update_batch(text[], text[]) AS " + numbered(BackfillPublicIdsTask.updateSql(table, null, true, true)));
                String lockPlan = plan(st, "EXPLAIN EXECUTE lock_batch('(0,0)', '(1000,0)', 500)");
                String updatePlan = plan(st, "EXPLAIN EXECUTE update_batch('{\"(0,1)\"}', '{pat_x}')");
                assertThat(lockPlan).as("the lock statement's plan").contains("Tid Range Scan").doesNotContain("Index").doesNotContain("Seq Scan")
                        .doesNotContain("Sort");
                assertThat(updatePlan).as("the update statement's plan").contains("Tid Scan").doesNotContain("Seq Scan").doesNotContain("Index");
                // rows come back in scan order, so the last one is a valid cursor for the next batch
                List<String> tids = new ArrayList<>();
                try (ResultSet rs = st.executeQuery("EXECUTE lock_batch('(0,0)', '(1000,0)', 700)")) {
                    while (rs.next()) {
                        tids.add(rs.getString(1));
                    }
                }
                assertThat(tids).as("rows locked by one batch").hasSize(700);
                List<String> sorted = db.column("SELECT u.t::text FROM unnest(?::text[]::tid[]) AS u(t) ORDER BY u.t", (Object) tids.toArray(String[]::new));
                assertThat(tids).as("ctids in the order the batch returns them").isEqualTo(sorted);
            }
        }
    }

    @Test
    void a_worker_left_without_pages_and_the_workers_that_ran_give_their_connections_back_as_they_found_them() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 20);   // one page: one chunk, so two of the three workers find nothing to take
            Run run = run(db, false, Map.of("tables", "patients", "workers", "3"));
            assertThat(run.exitCode()).as("exit code").isZero();
            assertThat(missing(db)).as("rows without public_id").isEqualTo(2 + 3 + 5 + 7);
            int size = db.dataSource().getMaximumPoolSize();
            String settings = "SELECT current_setting('synchronous_commit'), current_setting('lock_timeout'), current_setting('enable_hashjoin'),"
                    + " current_setting('enable_mergejoin')";
            List<String> fresh;
            try (Connection c = java.sql.DriverManager.getConnection(db.jdbcUrl(), db.settings().user().orElse(null), db.settings().password().orElse(null));
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery(settings)) {
                rs.next();
                fresh = List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            }
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < size; i++) {
                    Connection c = db.dataSource().getConnection();
                    held.add(c);
                    assertThat(c.getAutoCommit()).as("pooled connection %d: autocommit", i).isTrue();
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(settings)) {
                        rs.next();
                        assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                                .as("pooled connection %d: the task's session settings, against a new connection's", i).isEqualTo(fresh);
                    }
                }
            } finally {
                for (Connection c : held) {
                    c.close();
                }
            }
        }
    }

    @Test
    void workers_take_chunks_of_pages_in_order_until_every_page_is_handed_out() {
        BackfillPublicIdsTask.PageRanges ranges = new BackfillPublicIdsTask.PageRanges(10, 4);
        assertThat(ranges.next()).as("first chunk").containsExactly(0, 4);
        assertThat(ranges.next()).as("second chunk").containsExactly(4, 8);
        assertThat(ranges.next()).as("last chunk, cut at the table's end").containsExactly(8, 10);
        assertThat(ranges.next()).as("after the last page").isNull();
        assertThat(new BackfillPublicIdsTask.PageRanges(0, 4).next()).as("an empty table").isNull();
    }

    /** JDBC's {@code ?} placeholders as PREPARE's {@code $1, $2, ...}. */
    private static String numbered(String sql) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (char ch : sql.toCharArray()) {
            out.append(ch == '?' ? "$" + ++n : String.valueOf(ch));
        }
        return out.toString();
    }

    private static String plan(Statement st, String explain) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = st.executeQuery(explain)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    @Test
    void interrupted_run_resumes_where_it_stopped_and_keeps_ids_already_given() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 1000);
            Run first = run(db, false, Map.of("batch-size", "300", "max-batches", "1"));
            assertThat(first.exitCode()).as("interrupted run exit code").isZero();
            assertThat(first.output()).as("interrupted run").contains("stopped after max-batches=1");
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NOT NULL")).as("patients filled by one batch").isEqualTo(300);
            List<String> given = db.column("SELECT id || '=' || public_id FROM chatbot_crm.patients WHERE public_id IS NOT NULL ORDER BY id");

            Run resumed = run(db, false, Map.of("batch-size", "300"));
            assertThat(resumed.exitCode()).as("resumed run exit code").isZero();
            assertThat(resumed.output()).as("resumed run picks up the remaining 700 patients").contains("patients: 700 row(s) updated");
            assertThat(missing(db)).as("rows without public_id after resuming").isZero();
            assertThat(db.column("SELECT id || '=' || public_id FROM chatbot_crm.patients WHERE id::text IN ("
                    + "SELECT split_part(x, '=', 1) FROM unnest(?::text[]) x) ORDER BY id", (Object) given.toArray(String[]::new)))
                    .as("ids given by the interrupted run are kept").isEqualTo(given);
        }
    }

    @Test
    void tables_option_limits_the_backfill_and_unknown_tables_are_refused() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 10);
            Run run = run(db, false, Map.of("tables", "doctors, sessions"));
            assertThat(run.exitCode()).as("exit code").isZero();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.doctors WHERE public_id IS NULL")).as("doctors left").isZero();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.sessions WHERE public_id IS NULL")).as("sessions left").isZero();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL")).as("patients untouched").isEqualTo(10);
            assertThatThrownBy(() -> run(db, false, Map.of("tables", "nope"))).as("unknown table")
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("nope");
            assertThatThrownBy(() -> run(db, false, Map.of("batch-size", "0"))).as("batch-size 0")
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("batch-size");
            assertThatThrownBy(() -> run(db, false, Map.of("batch-size", "600", "max-batch-size", "500"))).as("max below start")
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("max-batch-size=500 is below batch-size=600");
            assertThatThrownBy(() -> run(db, false, Map.of("workers", "0"))).as("workers 0")
                    .isInstanceOf(ConfigurationException.class).hasMessageContaining("workers=0");
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL")).as("patients untouched by refused runs").isEqualTo(10);
        }
    }

    @Test
    void failing_batch_is_rolled_back_and_the_task_exits_non_zero() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 10);
            db.execute("CREATE FUNCTION public.refuse_update() RETURNS trigger LANGUAGE plpgsql SET search_path = pg_catalog AS $$"
                    + " BEGIN RAISE EXCEPTION 'refused by test'; END $$;"
                    + "CREATE TRIGGER refuse BEFORE UPDATE ON chatbot_crm.doctors FOR EACH ROW EXECUTE FUNCTION public.refuse_update();");
            Run run = run(db, false, Map.of());
            assertThat(run.exitCode()).as("exit code on failure").isEqualTo(1);
            assertThat(run.output()).as("error report").contains("doctors: batch failed and was rolled back").contains("refused by test");
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL")).as("patients done before the failure").isZero();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.doctors WHERE public_id IS NULL")).as("failed batch rolled back").isEqualTo(7);
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.appointments WHERE public_id IS NULL")).as("stops at the failure").isEqualTo(5);
        }
    }

    @Test
    void concurrent_writer_keeps_working_and_a_row_it_holds_is_skipped_not_waited_for() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            // 5,000 rows: several batches (from 1,000 rows), so the writer runs between them and the held row lies
            // inside one; the writer takes one core for as long as the backfill runs, so no more rows than that
            legacyRows(db, 5_000);
            String held = (String) db.scalar("SELECT id::text FROM chatbot_crm.patients ORDER BY id LIMIT 1 OFFSET 1250");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            AtomicBoolean stop = new AtomicBoolean();
            try (Connection holder = db.connection(); Connection writer = db.connection()) {
                holder.setAutoCommit(false);
                try (Statement st = holder.createStatement()) {
                    st.executeUpdate("UPDATE chatbot_crm.patients SET address = 'held' WHERE id = '" + held + "'");
                }
                Future<Integer> writes = pool.submit(() -> {
                    int ok = 0;
                    try (Statement st = writer.createStatement()) {
                        st.execute("SET lock_timeout = '1s'");
                        while (!stop.get()) {
                            // the writer updates the row it just inserted (ids are random uuids: "the newest by id" would
                            // be an arbitrary legacy row, which SKIP LOCKED may then pass over while the writer holds it)
                            String id;
                            try (ResultSet rs = st.executeQuery("INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('W', 'W') RETURNING id::text")) {
                                rs.next();
                                id = rs.getString(1);
                            }
                            st.executeUpdate("UPDATE chatbot_crm.patients SET address = 'w' WHERE id = '" + id + "'");
                            ok++;
                        }
                    }
                    return ok;
                });
                long start = System.nanoTime();
                Future<Run> backfill = pool.submit(() -> run(db, false, Map.of("batch-size", "1000", "tables", "patients")));
                Run run = backfill.get(120, TimeUnit.SECONDS);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                stop.set(true);
                int writerStatements = writes.get(30, TimeUnit.SECONDS);
                assertThat(run.exitCode()).as("backfill exit code").isZero();
                assertThat(writerStatements).as("writer rounds that succeeded during the backfill (none failed with lock_timeout)").isPositive();
                assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL")).as("only the held row is left").isEqualTo(1);
                assertThat(run.output()).as("report of the held row").contains("1 still without public_id");
                assertThat(took).as("backfill does not wait for the held row").isLessThan(Duration.ofSeconds(60));
                holder.commit();
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            Run rerun = run(db, false, Map.of("tables", "patients"));
            assertThat(rerun.output()).as("rerun after the lock is released").contains("patients: 1 row(s) updated");
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL")).as("rows left").isZero();
        }
    }

    @Test
    void a_writer_updating_legacy_rows_throughout_loses_nothing_and_ids_it_sets_itself_are_kept() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            legacyRows(db, 2_000);
            List<String> targets = db.column("SELECT id::text FROM chatbot_crm.patients ORDER BY random() LIMIT 50");
            Map<String, String> lastAddress = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, String> ownIds = new java.util.concurrent.ConcurrentHashMap<>();
            ExecutorService pool = Executors.newFixedThreadPool(2);
            AtomicBoolean stop = new AtomicBoolean();
            try (Connection writer = db.connection()) {
                Future<Integer> writes = pool.submit(() -> {
                    int i = 0;
                    try (java.sql.PreparedStatement address = writer.prepareStatement("UPDATE chatbot_crm.patients SET address = ? WHERE id = ?::uuid");
                         java.sql.PreparedStatement ownId = writer.prepareStatement(
                                 "UPDATE chatbot_crm.patients SET public_id = ? WHERE id = ?::uuid AND public_id IS NULL")) {
                        while (!stop.get() || i < 2 * targets.size()) {
                            String id = targets.get(i % targets.size());
                            if (i % 10 == 3 && !ownIds.containsKey(id)) {
                                String mine = "pat_writer" + String.format("%014d", i);
                                ownId.setString(1, mine);
                                ownId.setString(2, id);
                                if (ownId.executeUpdate() == 1) {
                                    ownIds.put(id, mine);
                                }
                            } else {
                                String value = "written " + i;
                                address.setString(1, value);
                                address.setString(2, id);
                                assertThat(address.executeUpdate()).as("rows updated by the writer").isEqualTo(1);
                                lastAddress.put(id, value);
                            }
                            i++;
                        }
                    }
                    return i;
                });
                // small batches, so that the writer's statements fall between and inside many of them
                Run run = pool.submit(() -> run(db, false, Map.of("batch-size", "100", "max-batch-size", "100", "tables", "patients")))
                        .get(120, TimeUnit.SECONDS);
                stop.set(true);
                int rounds = writes.get(60, TimeUnit.SECONDS);
                assertThat(run.exitCode()).as("backfill exit code (%s)", run.output()).isZero();
                assertThat(rounds).as("writer rounds").isGreaterThanOrEqualTo(2 * targets.size());
            } finally {
                stop.set(true);
                pool.shutdownNow();
            }
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL")).as("rows left without public_id").isZero();
            for (Map.Entry<String, String> e : lastAddress.entrySet()) {
                assertThat(db.scalar("SELECT address FROM chatbot_crm.patients WHERE id = ?::uuid", e.getKey())).as("last address written to %s", e.getKey())
                        .isEqualTo(e.getValue());
            }
            assertThat(ownIds).as("ids the writer set itself").isNotEmpty();
            for (Map.Entry<String, String> e : ownIds.entrySet()) {
                assertThat(db.scalar("SELECT public_id FROM chatbot_crm.patients WHERE id = ?::uuid", e.getKey())).as("public id the writer gave %s", e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
    }
}
