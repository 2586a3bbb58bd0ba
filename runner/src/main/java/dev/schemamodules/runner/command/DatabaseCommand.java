package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.DatabaseOptions;
import dev.schemamodules.runner.support.ModuleCatalog;
import dev.schemamodules.runner.support.ModuleOptions;
import dev.schemamodules.runner.support.Target;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** A command that plans modules and works on a database (given by URL, or the embedded default). */
abstract class DatabaseCommand implements Callable<Integer> {

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

    Console console() {
        return new Console(env(), json(), root.logFile());
    }

    Target openTarget(Console console) {
        return Target.open(database, env(), console);
    }

    Plan plan(Console console) {
        return ModuleCatalog.plan(modules, console);
    }

    Engine engine(Target target) {
        return Engine.on(target.dataSource(), EngineOptions.defaults().withLockTimeout(Duration.ofSeconds(database.lockTimeoutSeconds())));
    }

    static void printOrder(Console console, Plan plan) {
        console.info("plan: " + String.join(" -> ", plan.modules().stream().map(DatabaseCommand::label).toList())
                + plan.seedEnvironment().map(s -> "   (seed: " + s + ")").orElse(""));
    }

    static String label(PlannedModule m) {
        return m.name() + (m.requested() ? "" : "*");
    }
}
