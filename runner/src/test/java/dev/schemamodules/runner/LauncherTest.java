package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.runner.command.RunnerCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Which command line the launcher takes for a deploy, whose class-sharing archive serves every command, and which commands a run builds. */
class LauncherTest {

    @Test
    void a_migrate_is_found_after_the_top_level_options_in_either_form() {
        assertThat(Launcher.deploys(new String[] {"migrate", "--url", "postgresql://h/db"})).isTrue();
        assertThat(Launcher.deploys(new String[] {"--stacktrace", "--log-file", "deploy.log", "--progress-every", "5", "migrate"})).isTrue();
        assertThat(Launcher.deploys(new String[] {"--log-file=deploy.log", "migrate"})).isTrue();
        assertThat(Launcher.deploys(new String[] {"--log-file", "migrate", "plan"})).as("a file named migrate").isFalse();
        assertThat(Launcher.deploys(new String[] {"plan", "migrate"})).isFalse();
        assertThat(Launcher.deploys(new String[] {"modules"})).isFalse();
        assertThat(Launcher.deploys(new String[] {})).isFalse();
    }

    @Test
    void the_command_line_holds_only_the_command_the_arguments_name_and_it_reads_as_in_the_whole_one() {
        CommandLine whole = RunnerCommand.commandLine(root(), new String[] {});
        assertThat(whole.getSubcommands()).hasSize(17).containsKeys("help", "migrate", "plan", "undo", "down", "locks");
        for (String[] args : List.of(new String[] {"help", "migrate"}, new String[] {"migrat"}, new String[] {"--help"},
                new String[] {"--log-file", "migrate"})) {
            assertThat(RunnerCommand.commandLine(root(), args).getSubcommands().keySet()).as(String.join(" ", args))
                    .isEqualTo(whole.getSubcommands().keySet());
        }
        for (String name : whole.getSubcommands().keySet()) {
            if (name.equals("help")) {
                continue;   // help lists the commands: it gets all of them (above)
            }
            CommandLine one = RunnerCommand.commandLine(root(), new String[] {"--stacktrace", "--log-file", "deploy.log", name, "--help"});
            CommandLine command = one.getSubcommands().get(name);
            assertThat(one.getSubcommands().values()).as(name).containsOnly(command);
            assertThat(command.getUsageMessage()).as(name).isEqualTo(whole.getSubcommands().get(name).getUsageMessage());
            assertThat(command.getCommandSpec().options()).as(name + ": the top-level options it inherits")
                    .anySatisfy(o -> assertThat(o.longestName()).isEqualTo("--log-file"));
        }
    }

    private static RunnerCommand root() {
        StringWriter sink = new StringWriter();
        return new RunnerCommand(new RunnerEnvironment(new PrintWriter(sink), new PrintWriter(sink), Map.of(), Path.of("."), false));
    }

    @Test
    void the_launcher_knows_every_top_level_option_that_takes_a_value() {
        StringWriter sink = new StringWriter();
        RunnerEnvironment environment = new RunnerEnvironment(new PrintWriter(sink), new PrintWriter(sink), Map.of(), Path.of("."), false);
        CommandLine cli = new CommandLine(new RunnerCommand(environment));
        assertThat(cli.getCommandSpec().options()).isNotEmpty().allSatisfy(o -> {
            for (String name : o.names()) {
                assertThat(Launcher.takesValue(name)).as(name).isEqualTo(o.arity().max() > 0);
            }
        });
    }

    @Test
    void options_before_the_jar_pass_on_unless_they_choose_an_archive_or_cache_or_there_is_no_jar() {
        assertThat(Launcher.jvmOptions(List.of("java", "-jar", "r.jar", "migrate"))).isEmpty();
        assertThat(Launcher.jvmOptions(List.of("java", "-Xmx200m", "-Dx=1", "-jar", "r.jar", "-Xshare:off"))).as("after -jar: the command's")
                .containsExactly("-Xmx200m", "-Dx=1");
        for (String chooses : List.of("-Xshare:off", "-Xshare:on", "-XX:SharedArchiveFile=a.jsa", "-XX:ArchiveClassesAtExit=a.jsa",
                "-XX:+AutoCreateSharedArchive", "-XX:SharedClassListFile=c.lst", "-XX:DumpLoadedClassList=c.lst",
                // JDK 24 and later: the JVM will not start with an ahead-of-time cache beside the launcher's archive
                "-XX:AOTCache=r.aot", "-XX:AOTCacheOutput=r.aot", "-XX:AOTMode=record", "-XX:AOTConfiguration=r.aotconf")) {
            assertThat(Launcher.jvmOptions(List.of("java", "-Xmx200m", chooses, "-jar", "r.jar", "migrate"))).as(chooses).isNull();
        }
        assertThat(Launcher.jvmOptions(List.of("java", "-cp", "r.jar", "dev.schemamodules.runner.Launcher"))).as("no -jar").isNull();
        assertThat(Launcher.jvmOptions(List.of("java", "-Xmx200m"))).as("no -jar").isNull();
    }
}
