package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.Progress;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.LiveProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The form progress of long work (a backfill's rows) takes: in a pipe plain lines at most every
 * {@code --progress-every}, each with rows done of the total, rate and time left, then a final line;
 * on a terminal a live line redrawn in place, with the periodic lines going to the log file only (issue 19).
 * No database: this is the runner's rendering of what a task reports through {@link Progress}.
 */
class LiveProgressTest {

    @TempDir
    Path work;

    private final StringWriter out = new StringWriter();

    private Console console(boolean terminal, Path log) {
        return new Console(new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Map.of(), work, terminal),
                false, log);
    }

    @Test
    void in_a_pipe_each_period_gives_one_plain_line_with_rows_done_rate_and_time_left() {
        try (Progress.Meter meter = new LiveProgress(console(false, null), Duration.ZERO).start("patients", 1000, "rows")) {
            for (int i = 0; i < 4; i++) {
                meter.advance(100);
            }
        }
        List<String> lines = out.toString().lines().toList();
        assertThat(out.toString()).doesNotContain("\r").doesNotContain("\u001b[");
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).matches("patients: 100 of 1,000 rows \\(10 %\\), [0-9,]+ rows/s, about [0-9].* left");
        assertThat(lines.get(3)).startsWith("patients: 400 of 1,000 rows (40 %), ").endsWith(" left");
        assertThat(lines.get(4)).as("final line: done, rate and time taken, no time left")
                .matches("patients: 400 of 1,000 rows \\(40 %\\), [0-9,]+ rows/s in [0-9]+ s");
    }

    @Test
    void in_a_pipe_nothing_is_printed_between_periods_except_the_final_line() {
        try (Progress.Meter meter = new LiveProgress(console(false, null), Duration.ofHours(1)).start("doctors", 300, "rows")) {
            for (int i = 0; i < 3; i++) {
                meter.advance(100);
            }
        }
        assertThat(out.toString().lines().toList()).singleElement().asString().matches("doctors: 300 of 300 rows \\(100 %\\), [0-9,]+ rows/s in [0-9]+ s");
    }

    @Test
    void work_with_nothing_to_do_prints_no_progress_line() {
        Progress.Meter meter = new LiveProgress(console(false, null), Duration.ZERO).start("patients", 0, "rows");
        meter.close();
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void on_a_terminal_the_line_is_redrawn_in_place_and_the_log_file_gets_plain_periodic_lines() throws Exception {
        Path log = work.resolve("run.log");
        try (Progress.Meter meter = new LiveProgress(console(true, log), Duration.ZERO).start("sessions", 200, "rows")) {
            meter.advance(50);
            meter.advance(50);
        }
        assertThat(out.toString()).contains("\rsessions: 50 of 200 rows (25 %)").contains("\u001b[K");
        List<String> logged = Files.readAllLines(log);
        assertThat(logged).hasSize(3);
        assertThat(logged.get(0)).contains("sessions: 50 of 200 rows (25 %), ").endsWith(" left").doesNotContain("\r").doesNotContain("\u001b");
        assertThat(logged.get(2)).contains("sessions: 100 of 200 rows (50 %), ").contains(" in ");
    }
}
