package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.runner.support.ModuleCatalog;
import dev.schemamodules.core.api.ModuleTask;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.TaskContext;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run-task",
        header = "Run an operation a module ships besides its migrations.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules run-task --list",
            "  schema-modules run-task chatbot-crm backfill-public-ids --dry-run",
            "  schema-modules run-task chatbot-crm backfill-public-ids --option batch-size=1000"}, mixinStandardHelpOptions = true,
        description = {"Run an operation a module ships besides its migrations (e.g. chatbot-crm backfill-public-ids).",
            "--list shows them all."})
final class RunTaskCommand extends DatabaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "MODULE")
    String module;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TASK")
    String task;

    @Option(names = "--list", description = "List the available tasks.")
    boolean list;

    @Option(names = "--dry-run", description = "Report what the task would change and change nothing.")
    boolean dryRun;

    @Option(names = "--option", paramLabel = "KEY=VALUE", description = "A task option, e.g. --option batch-size=1000 (repeatable).")
    Map<String, String> options = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Console console = console();
        ModuleRegistry registry = ModuleCatalog.registry(modules, env(), console);
        List<ModuleTask> tasks = ModuleCatalog.tasks(registry);
        if (list || module == null) {
            List<ModuleTask> shown = tasks.stream().filter(t -> module == null || t.module().equals(module)).toList();
            shown.forEach(t -> console.line(String.format("%-14s %-24s %s", t.module(), t.name(), Console.plain(t.description()))));
            if (shown.isEmpty()) {
                console.line(module == null ? "no tasks available" : "module " + module + " has no tasks");
            }
            return ExitCodes.OK;
        }
        if (registry.find(module).isEmpty()) {
            throw new PlanException("unknown module '" + module + "'; available: " + String.join(", ", registry.names()));
        }
        List<String> names = tasks.stream().filter(t -> t.module().equals(module)).map(ModuleTask::name).toList();
        if (task == null) {
            throw new ConfigurationException("run-task " + module + ": which task? " + (names.isEmpty() ? "module " + module + " has none"
                    : "available: " + String.join(", ", names)) + " (run-task --list describes them)");
        }
        ModuleTask chosen = tasks.stream().filter(t -> t.module().equals(module) && t.name().equals(task)).findFirst()
                .orElseThrow(() -> new ConfigurationException("module " + module + " has no task '" + task + "'; "
                        + (names.isEmpty() ? "it has none" : "available: " + String.join(", ", names)) + " (run-task --list describes them)"));
        modules.modules().clear();
        modules.modules().add(module);
        Plan plan = plan(console);
        PlannedModule m = plan.module(module).orElseThrow();
        try (Target target = openTarget(console)) {
            TaskContext context = new TaskContext(target.dataSource(), m, options, dryRun, env().out(),
                    new dev.schemamodules.runner.support.LiveProgress(console, root.progressEvery()));
            if (chosen.exclusive()) {
                return engine(target).exclusively(new ProgressPrinter(console), () -> chosen.run(context));
            }
            return chosen.run(context);
        }
    }
}
