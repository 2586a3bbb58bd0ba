package dev.schemamodules.runner;

import dev.schemamodules.core.api.SchemaModulesException;
import dev.schemamodules.core.internal.ConnectionStrings;
import dev.schemamodules.runner.command.RunnerCommand;
import picocli.CommandLine;

/** Builds the command line, runs one command, maps every outcome to an exit code. */
public final class Cli {

    private Cli() {
    }

    public static int run(String[] args, RunnerEnvironment environment) {
        RunnerCommand root = new RunnerCommand(environment);
        CommandLine cli = new CommandLine(root)
                .setOut(environment.out())
                .setErr(environment.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setColorScheme(CommandLine.Help.defaultColorScheme(environment.terminal() ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> {
                    boolean trace = root.stacktrace();
                    dev.schemamodules.runner.support.Console.appendToLog(root.logFile(), "error: " + e.getMessage());
                    if (e instanceof SchemaModulesException s) {
                        environment.err().println("error: " + ConnectionStrings.mask(s.getMessage()));
                        if (trace) {
                            e.printStackTrace(environment.err());
                        }
                        environment.err().flush();
                        return s.exitCode();
                    }
                    environment.err().println("error: " + e.getClass().getSimpleName() + ": " + ConnectionStrings.mask(String.valueOf(e.getMessage())));
                    if (trace) {
                        e.printStackTrace(environment.err());
                    } else {
                        environment.err().println("(run with --stacktrace for details)");
                    }
                    environment.err().flush();
                    return ExitCodes.FAILURE;
                });
        cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        int code = cli.execute(args);
        environment.out().flush();
        environment.err().flush();
        return code;
    }
}
