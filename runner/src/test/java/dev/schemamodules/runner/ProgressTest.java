package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long work shows progress: live on a terminal, plain periodic lines in a pipe and in --log-file (issue 19). */
class ProgressTest {

    @TempDir
    Path work;

    private Path slowModule() throws Exception {
        Path dir = Files.createDirectories(work.resolve("modules"));
        ModuleJarBuilder.module("slowpoke", "1.0.0", "slowpoke")
                .migration(1, "copy_slowly", "CREATE TABLE ${schema}.t (id int);\nSELECT pg_sleep(2.5);\n", "DROP TABLE ${schema}.t;", "SELECT 1;")
                .writeTo(dir);
        return dir;
    }

    @Test
    void a_long_migration_prints_still_running_lines_in_a_pipe_and_in_the_log_file() throws Exception {
        Path dir = slowModule();
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun r = CliRun.run(work, "migrate", "--modules", "slowpoke", "--modules-dir", dir.toString(), "--progress-every", "1",
                    "--log-file", "run.log", "--url", db.uri());
            assertThat(r.exitCode()).as(r.all()).isZero();
            List<String> running = r.out().lines().filter(l -> l.contains("running  slowpoke V1 copy slowly")).toList();
            assertThat(running).as(r.out()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(running.get(0)).endsWith("s so far");
            assertThat(r.out()).doesNotContain("\r").contains("applied  V1");
            assertThat(Files.readString(work.resolve("run.log"))).contains("running  slowpoke V1 copy slowly");
        }
    }

    @Test
    void a_data_migration_with_a_progress_query_shows_rows_done_of_the_total_while_it_runs() throws Exception {
        Path dir = Files.createDirectories(work.resolve("modules"));
        ModuleJarBuilder.module("copier", "1.0.0", "copier")
                .migration(1, "create_tables", "CREATE TABLE ${schema}.src AS SELECT g AS id FROM generate_series(1, 40) g;\n"
                        + "CREATE TABLE ${schema}.dst (id int);\n", "DROP TABLE ${schema}.dst;\nDROP TABLE ${schema}.src;", "SELECT 1;")
                // a batched copy outside a transaction: 4 batches of 10 rows, each committed, a second apart
                .migration(2, "copy_rows", "DO $$\nBEGIN\n    FOR i IN 0..3 LOOP\n"
                        + "        INSERT INTO ${schema}.dst SELECT id FROM ${schema}.src WHERE id > i * 10 AND id <= (i + 1) * 10;\n"
                        + "        COMMIT;\n        PERFORM pg_sleep(1);\n    END LOOP;\nEND\n$$;\n", "TRUNCATE ${schema}.dst;", "SELECT 1;")
                .file("migration/V2__copy_rows.sql.conf", "executeInTransaction=false\n")
                .file("progress/V2__copy_rows.sql", "SELECT (SELECT count(*) FROM ${schema}.dst), (SELECT count(*) FROM ${schema}.src)\n")
                .writeTo(dir);
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun r = CliRun.run(work, "migrate", "--modules", "copier", "--modules-dir", dir.toString(), "--progress-every", "1",
                    "--url", db.uri());
            assertThat(r.exitCode()).as(r.all()).isZero();
            List<String> running = r.out().lines().filter(l -> l.contains("running  copier V2 copy rows")).toList();
            assertThat(running).as(r.out()).anySatisfy(l -> assertThat(l).containsPattern("s so far: [0-4]?0 of 40 rows \\([0-9]+ %\\)"));
            assertThat(r.out()).contains("applied  V2");
        }
    }

    @Test
    void on_a_terminal_the_running_line_is_redrawn_in_place() throws Exception {
        Path dir = slowModule();
        try (TestDatabase db = TestDatabase.empty()) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Cli.run(new String[] {"migrate", "--modules", "slowpoke", "--modules-dir", dir.toString(), "--url", db.uri()},
                    new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), work, true));
            assertThat(code).as(out + "\n" + err).isZero();
            assertThat(out.toString()).contains("\r").contains("running  slowpoke V1 copy slowly").contains("\u001b[K");
        }
    }

    @Test
    void a_backfill_reports_rows_done_of_the_total_and_the_rate() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "chatbot-crm", "--url", db.uri()).exitCode()).isZero();
            db.execute("INSERT INTO chatbot_crm.doctors (first_name, last_name, public_id) SELECT 'D' || g, 'L', NULL FROM generate_series(1, 30) g");
            CliRun r = CliRun.run(work, "run-task", "chatbot-crm", "backfill-public-ids", "--option", "tables=doctors", "--option", "batch-size=7",
                    "--url", db.uri());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).containsPattern("doctors: 30 of 30 rows \\(100 %\\), [0-9,]+ rows/s in [0-9]+ s");
        }
    }
}
