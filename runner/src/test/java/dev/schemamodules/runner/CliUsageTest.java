package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a new user meets it: help, usage errors, exit codes, summaries (issue 19). */
class CliUsageTest {

    /** Nothing listens on port 1: any attempt to connect would fail with "cannot connect". */
    private static final String NO_SERVER = "postgresql://app:hunter2@127.0.0.1:1/appdb";

    private static final List<String> COMMANDS = List.of("plan", "migrate", "info", "validate", "verify", "undo", "dry-run", "drift",
            "baseline", "lint", "run-task", "modules", "repair", "history", "locks");

    @TempDir
    Path work;

    @Test
    void help_command_prints_one_commands_help_with_examples_and_exits_0() {
        CliRun r = CliRun.run(work, "help", "migrate");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("Usage: schema-modules migrate").contains("Examples:").contains("schema-modules migrate --seed dev");
    }

    @Test
    void every_command_has_a_one_line_summary_that_is_a_whole_sentence_and_examples_in_its_help() {
        CliRun top = CliRun.run(work, "--help");
        assertThat(top.exitCode()).isZero();
        List<String> listed = new ArrayList<>();
        boolean inCommands = false;
        for (String line : top.out().split("\n")) {
            if (line.equals("Commands:")) {
                inCommands = true;
                continue;
            }
            if (inCommands && line.isBlank()) {
                break;
            }
            if (inCommands) {
                assertThat(line).as("one line per command, no continuation").matches("  [a-z-]+(, [a-z]+)? +[A-Z].*");
                assertThat(line).as("a whole sentence").endsWith(".");
                listed.add(line.strip().split("[ ,]")[0]);
            }
        }
        assertThat(listed).containsAll(COMMANDS);
        for (String command : COMMANDS) {
            CliRun help = CliRun.run(work, command, "--help");
            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command + " --help").contains("Examples:").contains("schema-modules " + command);
        }
    }

    @Test
    void an_unknown_option_is_one_error_line_and_a_pointer_to_help_exit_2() {
        CliRun r = CliRun.run(work, "migrate", "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        String[] lines = r.err().strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("error: Unknown option: '--no-such-option'");
        assertThat(lines[1]).isEqualTo("Run 'schema-modules migrate --help' for the options and examples.");

        CliRun command = CliRun.run(work, "migrat");
        assertThat(command.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.err().strip().split("\n")).hasSize(2);
        assertThat(command.err()).startsWith("error: unknown command 'migrat' (did you mean migrate");
    }

    @Test
    void undo_of_an_unknown_module_is_a_plan_error_exit_3_before_connecting() {
        CliRun r = CliRun.run(work, "undo", "--module", "nosuch", "--url", NO_SERVER);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.PLAN);
        assertThat(r.err()).contains("--module nosuch: unknown module; available: chatbot-crm").doesNotContain("connect");
    }

    @Test
    void baseline_with_a_malformed_version_is_a_usage_error_before_connecting() {
        CliRun r = CliRun.run(work, "baseline", "--module", "therapy", "--version", "abc", "--url", NO_SERVER);
        assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).startsWith("error: --version abc: not a migration version").doesNotContain("connect").doesNotContain("Exception");
        assertThat(r.err().strip().split("\n")).hasSize(2);
    }

    @Test
    void run_task_names_the_missing_task_and_the_unknown_module() {
        CliRun noTask = CliRun.run(work, "run-task", "chatbot-crm", "--url", NO_SERVER);
        assertThat(noTask.exitCode()).as(noTask.all()).isEqualTo(ExitCodes.USAGE);
        assertThat(noTask.err()).contains("run-task chatbot-crm: which task? available: backfill-public-ids").doesNotContain("null");

        CliRun wrongTask = CliRun.run(work, "run-task", "chatbot-crm", "nosuch", "--url", NO_SERVER);
        assertThat(wrongTask.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrongTask.err()).contains("module chatbot-crm has no task 'nosuch'; available: backfill-public-ids");

        CliRun noModule = CliRun.run(work, "run-task", "nosuch", "x", "--url", NO_SERVER);
        assertThat(noModule.exitCode()).isEqualTo(ExitCodes.PLAN);
        assertThat(noModule.err()).contains("unknown module 'nosuch'").doesNotContain("connect");
    }

    @Test
    void modules_table_columns_line_up() {
        CliRun r = CliRun.run(work, "modules");
        assertThat(r.exitCode()).isZero();
        String[] lines = r.out().split("\n");
        String header = lines[0];
        for (String column : List.of("RELEASE", "SCHEMAS", "REQUIRES", "SCHEMA VERSION")) {
            int at = header.indexOf(column);
            for (int i = 1; i < lines.length; i++) {
                assertThat(lines[i].length()).as(lines[i]).isGreaterThan(at);
                assertThat(lines[i].charAt(at - 1)).as("column %s starts at %d in: %s", column, at, lines[i]).isEqualTo(' ');
                assertThat(lines[i].charAt(at)).as("column %s starts at %d in: %s", column, at, lines[i]).isNotEqualTo(' ');
            }
        }
    }

    @Test
    void the_summary_counts_seed_scripts_instead_of_saying_nothing_to_migrate() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "medication", "--url", db.uri()).exitCode()).isZero();
            CliRun seeded = CliRun.run(work, "migrate", "--modules", "medication", "--seed", "dev", "--url", db.uri());
            assertThat(seeded.exitCode()).as(seeded.all()).isZero();
            assertThat(seeded.out()).contains("no migration and 2 seed script(s) applied").doesNotContain("nothing to migrate");
            CliRun again = CliRun.run(work, "migrate", "--modules", "medication", "--seed", "dev", "--url", db.uri());
            assertThat(again.out()).contains("nothing to migrate: every module is up to date");
        }
    }

    @Test
    void the_embedded_server_as_root_fails_before_planning_with_exit_1() {
        String user = System.getProperty("user.name");
        System.setProperty("user.name", "root");
        try {
            CliRun r = CliRun.run(work, "migrate", "--modules", "nosuch");
            assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).as("said before planning: the unknown module is not reached")
                    .contains("the embedded PostgreSQL cannot run as root").contains("--url").doesNotContain("nosuch");
        } finally {
            System.setProperty("user.name", user);
        }
    }

    @Test
    void keep_running_prints_the_commands_own_output_first_then_keeps_the_server_up_until_interrupted() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger code = new AtomicInteger(-1);
        Thread run = new Thread(() -> code.set(Cli.run(new String[] {"info", "--modules", "platform", "--embedded-port", "0", "--keep-running"},
                new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), work, false))));
        run.start();
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (!err.toString().contains("keeps running") && run.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        try {
            assertThat(err.toString()).as(out + "\n" + err).contains("embedded PostgreSQL keeps running on localhost:").contains("psql postgresql://postgres@localhost:");
            assertThat(out.toString()).as("the info table is printed before the server is kept up").contains("MODULE").contains("platform");
            assertThat(run.isAlive()).as("still running").isTrue();
        } finally {
            run.interrupt();
            run.join(60_000);
        }
        assertThat(run.isAlive()).isFalse();
        assertThat(code.get()).isZero();
    }
}
