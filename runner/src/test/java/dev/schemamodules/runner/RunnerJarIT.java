package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the real fat jar as users do: {@code java -jar runner/target/schema-modules-runner.jar ...}. */
class RunnerJarIT {

    private static final Path JAR = Path.of("target", "schema-modules-runner.jar").toAbsolutePath();

    @TempDir
    Path work;

    private record Result(int exit, String output) {
    }

    private Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("runner finished").isTrue();
        return new Result(p.exitValue(), output);
    }

    @Test
    void jar_migrates_the_embedded_default_and_info_json_reports_the_platform_module() throws Exception {
        Result migrate = java("migrate", "--modules", "platform", "--embedded-port", "0");
        assertThat(migrate.exit()).as(migrate.output()).isZero();
        assertThat(migrate.output()).contains("embedded PostgreSQL").contains("3 migration(s) applied");

        Result info = java("info", "--json", "--modules", "platform", "--embedded-port", "0");
        assertThat(info.exit()).as(info.output()).isZero();
        assertThat(info.output()).contains("\"installedVersion\": \"3\"");
    }

    @Test
    void jar_help_lists_commands_and_exit_codes() throws Exception {
        Result help = java("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.output()).contains("migrate").contains("undo").contains("Exit codes");
    }
}
