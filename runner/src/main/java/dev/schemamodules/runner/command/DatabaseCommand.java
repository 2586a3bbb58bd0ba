package dev.schemamodules.runner.command;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.DatabaseOptions;
import dev.schemamodules.runner.support.ModuleCatalog;
import dev.schemamodules.runner.support.ModuleOptions;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A command that plans modules and works on a database (given by URL, or the embedded default). */
abstract class DatabaseCommand implements Callable<Integer>, RunnerCommand.CheckedBeforeConnecting {

    @ParentCommand
    RunnerCommand root;

    @Mixin
    DatabaseOptions database;

    @Mixin
    ModuleOptions modules;

    /** Whether standard output carries JSON (progress then goes to standard error). */
    boolean json() {
        return false;
    }

    RunnerEnvironment env() {
        return root.environment();
    }

    /** Whether standard output carries the command's result (JSON, an SQL script): progress and notes then go to standard error. */
    boolean resultOnStdout() {
        return json();
    }

    Console console() {
        return new Console(env(), resultOnStdout(), root.logFile());
    }

    Target openTarget(Console console) {
        return Target.open(database, env(), console, server -> root.keepRunning(server, console));
    }

    /** Before planning or connecting: whether the embedded server can run at all (it cannot as root). */
    @Override
    public void checkBeforeConnecting(CommandLine commandLine) {
        Target.checkEmbeddedPossible(database, env());
    }

    static CommandLine.ParameterException usage(CommandLine commandLine, String message) {
        return new CommandLine.ParameterException(commandLine, message);
    }

    /** The modules this run may use and where each release came from (set by {@link #plan}). */
    ModuleCatalog.Loaded catalog;

    Plan plan(Console console) {
        catalog = ModuleCatalog.load(modules, env(), console);
        return ModuleCatalog.plan(catalog.registry(), modules, false);
    }

    /** Where the release of {@code module} that this run uses came from. */
    dev.schemamodules.runner.support.ModuleSource source(String module) {
        return catalog.source(module);
    }

    /** The module releases this database's deploy history recorded (names the release a module that is ahead needs). */
    static dev.schemamodules.core.api.ReleaseHistory releases(Target target) {
        return (module, version) -> dev.schemamodules.runner.support.DeployHistory.releaseThatReached(target.dataSource(), module, version);
    }

    Engine engine(Target target) {
        return Engine.on(target.dataSource(), engineOptions());
    }

    /** The engine options every database option names: lock waits, each migration's lock_timeout and statement_timeout. */
    EngineOptions engineOptions() {
        return EngineOptions.defaults().withLockTimeout(Duration.ofSeconds(database.lockTimeoutSeconds()))
                .withDdlLockTimeout(Duration.ofSeconds(database.ddlLockTimeoutSeconds()), database.ddlLockRetries())
                .withConcurrentLockTimeout(Duration.ofSeconds(database.concurrentLockTimeoutSeconds()))
                .withStatementTimeout(database.statementTimeoutSeconds().map(Duration::ofSeconds));
    }

    /** Progress of the run's migrations, undo and verify scripts; close it when the work is done. */
    ProgressPrinter progress(Console console) {
        return new ProgressPrinter(console, root.progressEvery());
    }

    static void printOrder(Console console, Plan plan) {
        console.info("plan: " + String.join(" -> ", plan.modules().stream().map(DatabaseCommand::label).toList())
                + plan.seedEnvironment().map(s -> "   (seed: " + s + ")").orElse(""));
    }

    static String label(PlannedModule m) {
        return m.name() + (m.requested() ? "" : "*");
    }
}
