package dev.schemamodules.runner.command;

import dev.schemamodules.runner.RunnerEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "schema-modules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Composes PostgreSQL schema modules into one ordered plan, checks their dependencies before touching the database, applies it and reports.",
        subcommands = {PlanCommand.class, MigrateCommand.class, InfoCommand.class, ValidateCommand.class, VerifyCommand.class,
            UndoCommand.class, DryRunCommand.class, DriftCommand.class, BaselineCommand.class, LintCommand.class, RunTaskCommand.class, ModulesCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  success", "  1  a migration, undo, verify, validation or connection failed", "  2  usage: bad option or configuration",
            "  3  plan: missing, cyclic or too old dependency, duplicate module"})
public final class RunnerCommand implements Runnable {

    private final RunnerEnvironment environment;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the Java stack trace of an error.")
    boolean stacktrace;

    @Option(names = "--log-file", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Also append everything printed (passwords masked, no colour) to FILE.")
    java.nio.file.Path logFile;

    public RunnerCommand(RunnerEnvironment environment) {
        this.environment = environment;
    }

    public RunnerEnvironment environment() {
        return environment;
    }

    public java.nio.file.Path logFile() {
        return logFile == null ? null : environment.workingDirectory().resolve(logFile);
    }

    public boolean stacktrace() {
        return stacktrace;
    }

    @Override
    public void run() {
        environment.err().println("a command is required: plan, migrate, info, validate, verify, undo, dry-run, drift, baseline, lint, run-task, modules (--help for all)");
        environment.err().flush();
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "missing command");
    }
}
