package dev.schemamodules.runner.command;

import dev.schemamodules.runner.Launcher;
import dev.schemamodules.runner.RunnerEnvironment;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

@Command(name = "schema-modules",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Composes PostgreSQL schema modules into one ordered plan, checks their dependencies before touching the database, applies it and reports.",
            "",
            "schema-modules stands for: java -jar runner/target/schema-modules-runner.jar"},
        footerHeading = "%nExamples:%n",
        footer = {"  # every module plus development data, into the embedded PostgreSQL",
            "  schema-modules migrate --seed dev",
            "  # one command's options and examples",
            "  schema-modules help migrate",
            "  # a server of your own; the password is read from the variable --password-env names",
            "  # (exported beforehand, e.g. by your secret store), never written in the URL",
            "  schema-modules info --url postgresql://app@db:5432/app --password-env APP_DB_PASSWORD",
            "",
            "Exit codes:",
            "  0  success",
            "  1  a migration, undo, verify, validation, repair or connection failed",
            "  2  usage: unknown option, malformed URL or value (nothing was changed)",
            "  3  plan: unknown module, missing, cyclic or too old dependency, duplicate module (nothing was changed)"})
public final class RunnerCommand implements Runnable {

    /** The commands, in the order the usage lists them (added by {@link #commandLine}, not by the annotation). */
    static final List<Class<?>> COMMANDS = List.of(picocli.CommandLine.HelpCommand.class, PlanCommand.class,
            MigrateCommand.class, InfoCommand.class, ValidateCommand.class, VerifyCommand.class, UndoCommand.class, DryRunCommand.class,
            DriftCommand.class, BaselineCommand.class, RepairCommand.class, LintCommand.class, RunTaskCommand.class, ModulesCommand.class,
            HistoryCommand.class, LocksCommand.class);

    private final RunnerEnvironment environment;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print the Java stack trace of an error.")
    boolean stacktrace;

    @Option(names = "--log-file", scope = ScopeType.INHERIT, paramLabel = "FILE", description = "Also append everything printed (passwords masked, no colour) to FILE.")
    java.nio.file.Path logFile;

    @Option(names = "--progress-every", scope = ScopeType.INHERIT, paramLabel = "SECONDS", defaultValue = "30",
            description = "Long work (a migration still running, a backfill) reports progress: a live line on a terminal; "
                    + "in a pipe or --log-file a line every SECONDS (default: ${DEFAULT-VALUE}).")
    int progressEverySeconds;

    public RunnerCommand(RunnerEnvironment environment) {
        this.environment = environment;
    }

    /**
     * The command line for {@code args}: this command and, when the arguments name one of {@link #COMMANDS}, that
     * command only; all of them when they name none, {@code help} or one that does not exist (the usage lists them
     * and a misspelt name gets suggestions). picocli builds a command's model from the annotations of all its options
     * when the command is added: all sixteen cost a JVM that has just started about twice as much as one
     * (docs/benchmarks.md), and every run of the jar is such a JVM.
     */
    public static picocli.CommandLine commandLine(RunnerCommand root, String[] args) {
        picocli.CommandLine cli = new picocli.CommandLine(root);
        String word = Launcher.commandWord(args);
        Class<?> named = null;
        for (Class<?> c : COMMANDS) {
            Command command = c.getAnnotation(Command.class);
            if (named == null && word != null && !word.equals("help")
                    && (command.name().equals(word) || Arrays.asList(command.aliases()).contains(word))) {
                named = c;
            }
        }
        for (Class<?> c : COMMANDS) {
            if (named == null || c == named) {
                cli.addSubcommand(c);
            }
        }
        return cli;
    }

    public RunnerEnvironment environment() {
        return environment;
    }

    public java.nio.file.Path logFile() {
        return logFile == null ? null : environment.workingDirectory().resolve(logFile);
    }

    /** A command with options that can be wrong without a database: checked before anything connects (exit 2). */
    public interface CheckedBeforeConnecting {
        /** Throws {@link picocli.CommandLine.ParameterException} for a bad value. */
        void checkBeforeConnecting(picocli.CommandLine commandLine);
    }

    private dev.schemamodules.core.db.EmbeddedServer keptRunning;
    private dev.schemamodules.runner.support.Console keptRunningConsole;

    /** {@code --keep-running}: the embedded server stays up after the command has printed everything. */
    public void keepRunning(dev.schemamodules.core.db.EmbeddedServer server, dev.schemamodules.runner.support.Console console) {
        this.keptRunning = server;
        this.keptRunningConsole = console;
    }

    /** Blocks until Ctrl-C (or interruption) while a kept server runs, then stops it. */
    public void awaitKeptRunning() {
        if (keptRunning == null) {
            return;
        }
        dev.schemamodules.core.db.EmbeddedServer server = keptRunning;
        keptRunningConsole.note("embedded PostgreSQL keeps running on localhost:" + server.port() + "; connect: "
                + server.psqlCommand(dev.schemamodules.runner.support.Target.EMBEDDED_DATABASE) + "   (Ctrl-C stops it)");
        Thread hook = new Thread(server::close, "embedded-postgres-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            interrupted = true;
        } finally {
            stopKeptRunning();   // with the interrupt flag clear: pg_ctl stop must be waited for
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or ran: it stops the server
            }
        }
    }

    /** Stops a kept server without waiting (the command failed). */
    public void stopKeptRunning() {
        if (keptRunning != null) {
            dev.schemamodules.core.db.EmbeddedServer server = keptRunning;
            keptRunning = null;
            server.close();
        }
    }

    public java.time.Duration progressEvery() {
        return java.time.Duration.ofSeconds(Math.max(1, progressEverySeconds));
    }

    public boolean stacktrace() {
        return stacktrace;
    }

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "a command is required: "
                + String.join(", ", spec.subcommands().keySet().stream().filter(n -> !n.equals("down")).toList()));
    }
}
