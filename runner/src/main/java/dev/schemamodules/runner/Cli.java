package dev.schemamodules.runner;

import dev.schemamodules.core.api.SchemaModulesException;
import dev.schemamodules.core.db.ConnectionStrings;
import dev.schemamodules.runner.command.RunnerCommand;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Messages;
import picocli.CommandLine;

/** Builds the command line, runs one command, maps every outcome to an exit code. */
public final class Cli {

    private Cli() {
    }

    public static int run(String[] args, RunnerEnvironment environment) {
        RunnerCommand root = new RunnerCommand(environment);
        CommandLine cli = RunnerCommand.commandLine(root, args)
                .setOut(environment.out())
                .setErr(environment.err())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpWidth(100)
                .setColorScheme(CommandLine.Help.defaultColorScheme(environment.terminal() ? CommandLine.Help.Ansi.AUTO : CommandLine.Help.Ansi.OFF))
                .setExecutionStrategy(parseResult -> {
                    // options that can be wrong without a database are checked before anything connects
                    CommandLine.ParseResult last = parseResult;
                    while (last.hasSubcommand()) {
                        last = last.subcommand();
                    }
                    if (!last.isUsageHelpRequested() && !last.isVersionHelpRequested()
                            && last.commandSpec().userObject() instanceof RunnerCommand.CheckedBeforeConnecting c) {
                        try {
                            c.checkBeforeConnecting(last.commandSpec().commandLine());
                        } catch (SchemaModulesException e) {
                            throw new CommandLine.ExecutionException(last.commandSpec().commandLine(), e.getMessage(), e);
                        }
                    }
                    return new CommandLine.RunLast().execute(parseResult);
                })
                .setParameterExceptionHandler((e, arguments) -> usageError(e, root, environment))
                .setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, root, environment));
        cli.setExitCodeExceptionMapper(e -> ExitCodes.USAGE);
        int code = cli.execute(args);
        environment.out().flush();
        environment.err().flush();
        if (code == ExitCodes.OK) {
            root.awaitKeptRunning();
        } else {
            root.stopKeptRunning();
        }
        return code;
    }

    /** Bad command line: the error on one line and where to read more, never the whole usage. */
    private static int usageError(CommandLine.ParameterException e, RunnerCommand root, RunnerEnvironment environment) {
        String message = e.getMessage().strip().replaceAll("\\s*\\n\\s*", "; ");
        if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine().getCommandSpec().userObject() instanceof RunnerCommand
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'";
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", u.getSuggestions()) + "?)";
        }
        String help = e.getCommandLine().getCommandSpec().qualifiedName() + " --help";
        Console.appendToLog(root.logFile(), "error: " + message);
        environment.err().println("error: " + ConnectionStrings.mask(message));
        environment.err().println("Run '" + help + "' for the options and examples.");
        environment.err().flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, RunnerCommand root, RunnerEnvironment environment) {
        boolean trace = root.stacktrace();
        String message = e instanceof SchemaModulesException ? e.getMessage() : Messages.describe(e);
        int code = e instanceof SchemaModulesException s ? ExitCodes.of(s) : ExitCodes.FAILURE;
        Console.appendToLog(root.logFile(), "error: " + message);
        environment.err().println("error: " + ConnectionStrings.mask(message));
        if (trace) {
            e.printStackTrace(environment.err());
        } else if (!(e instanceof SchemaModulesException)) {
            environment.err().println("(run again with --stacktrace for the Java details)");
        }
        environment.err().flush();
        return code;
    }
}
