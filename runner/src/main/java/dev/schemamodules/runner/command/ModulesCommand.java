package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.internal.ModuleScripts;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ModuleCatalog;
import dev.schemamodules.runner.support.ModuleOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "modules", mixinStandardHelpOptions = true, description = "List the available modules (no database needed).")
final class ModulesCommand implements Callable<Integer> {

    @ParentCommand
    RunnerCommand root;

    @Mixin
    ModuleOptions modules;

    @Override
    public Integer call() {
        Console console = new Console(root.environment(), false, root.logFile());
        ModuleRegistry registry = ModuleCatalog.registry(modules, console);
        console.line(String.format("@|bold %-14s %-16s %-20s %-22s %s|@", "MODULE", "RELEASE", "SCHEMAS", "REQUIRES", "SCHEMA VERSION"));
        for (ModuleDescriptor d : registry.all()) {
            console.line(String.format("%-14s %-16s %-20s %-22s %s", d.name(), d.version(), String.join(",", d.schemas()),
                    d.requires().isEmpty() ? "-" : String.join(",", d.requires().stream().map(Object::toString).toList()),
                    ModuleScripts.of(d).latestVersion()));
        }
        return ExitCodes.OK;
    }
}
