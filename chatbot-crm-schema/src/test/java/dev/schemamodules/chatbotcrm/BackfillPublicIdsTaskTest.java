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
            long auditBefore = db.count("SELECT count(*) FROM chatbot_crm.audit_logs");
            Run run = run(db, false, Map.of());
            assertThat(run.exitCode()).as("exit code").isZero();
            assertThat(run.output()).as("progress lines: rows done of the total, rate").contains("patients: 500 of 1,234 rows (40 %), ")
                    .contains("patients: 1,000 of 1,234 rows (81 %), ").contains("patients: 1,234 of 1,234 rows (100 %), ").contains(" rows/s")
                    .contains("done: 1251 row(s) updated");
            assertThat(missing(db)).as("rows without public_id after the backfill").isZero();
            for (Map.Entry<String, String> e : PREFIX.entrySet()) {
                assertThat(db.count("SELECT count(*) FROM chatbot_crm." + e.getKey() + " WHERE public_id !~ ?", "^" + e.getValue() + "_[a-z][a-z0-9]{23}$"))
                        .as("%s rows whose public_id lacks prefix %s_", e.getKey(), e.getValue()).isZero();
            }
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.audit_logs")).as("public-id assignment is not audited").isEqualTo(auditBefore);
            List<String> before = db.column("SELECT id || '=' || public_id FROM chatbot_crm.patients ORDER BY id");

            Run again = run(db, false, Map.of());
            assertThat(again.exitCode()).as("second run exit code").isZero();
            assertThat(again.output()).as("second run").contains("done: 0 row(s) updated").doesNotContain(" of 1,234 rows");
            assertThat(db.column("SELECT id || '=' || public_id FROM chatbot_crm.patients ORDER BY id")).as("ids after rerun").isEqualTo(before);
        }
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
            legacyRows(db, 20_000);
            String held = (String) db.scalar("SELECT id::text FROM chatbot_crm.patients ORDER BY id LIMIT 1 OFFSET 5000");
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
                            st.executeUpdate("INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('W', 'W')");
                            st.executeUpdate("UPDATE chatbot_crm.patients SET address = 'w' WHERE id = (SELECT id FROM chatbot_crm.patients ORDER BY id DESC LIMIT 1)");
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
}
