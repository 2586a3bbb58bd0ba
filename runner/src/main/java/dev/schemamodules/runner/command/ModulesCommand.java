package dev.schemamodules.runner.command;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ModuleCatalog;
import dev.schemamodules.runner.support.ModuleOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

@Command(name = "modules",
        header = "List the available modules without a database.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules modules",
            "  schema-modules modules --modules-dir releases/"}, mixinStandardHelpOptions = true, description = "List the available modules (no database needed).")
final class ModulesCommand implements Callable<Integer> {

    @ParentCommand
    RunnerCommand root;

    @Mixin
    ModuleOptions modules;

    @Override
    public Integer call() {
        Console console = new Console(root.environment(), false, root.logFile());
        ModuleRegistry registry = ModuleCatalog.registry(modules, root.environment(), console);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"MODULE", "RELEASE", "SCHEMAS", "REQUIRES", "SCHEMA VERSION"});
        for (ModuleDescriptor d : registry.all()) {
            rows.add(new String[] {d.name(), d.version(), String.join(",", d.schemas()),
                d.requires().isEmpty() ? "-" : String.join(",", d.requires().stream().map(Object::toString).toList()),
                Planner.latestVersion(d).toString()});
        }
        int[] widths = new int[5];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder line = new StringBuilder();
            String[] r = rows.get(n);
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format("%-" + (widths[i] + 2) + "s", r[i]));
            }
            console.line(n == 0 ? "@|bold " + line.toString().stripTrailing() + "|@" : Console.plain(line.toString().stripTrailing()));
        }
        return ExitCodes.OK;
    }
}
