package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.lint.Lint;
import dev.schemamodules.core.lint.LintFinding;
import dev.schemamodules.core.lint.Linter;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.LintJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ModuleCatalog;
import dev.schemamodules.runner.support.ModuleOptions;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "lint",
        header = "Check the modules' scripts for risky SQL without a database.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules lint",
            "  schema-modules lint --modules messaging --show-waived",
            "  schema-modules lint --json"}, mixinStandardHelpOptions = true,
        description = {"Check the modules' migration, seed and undo scripts without a database: destructive or locking statements,",
            "locking DDL without its online pattern (NOT VALID, CONCURRENTLY, lock_timeout, no type change or rename),",
            "non-idempotent seeds, functions without a pinned search_path, grants to PUBLIC, schemas of modules not required",
            "(rules SM000-SM014).",
            "Waive a finding in the script: -- lint:ignore SM002 <reason>. Exit 1 if any finding is not waived."})
final class LintCommand implements Callable<Integer> {

    @ParentCommand
    RunnerCommand root;

    @Mixin
    ModuleOptions modules;

    @Option(names = "--json", description = "Machine-readable output on standard output: {passed, scripts, findings: [{module, file, line, rule, message, waived, waivedReason}]} (docs/json.md).")
    boolean json;

    @Option(names = "--show-waived", description = "Also print waived findings, with their reason.")
    boolean showWaived;

    @Override
    public Integer call() {
        Console console = new Console(root.environment(), json);
        ModuleRegistry registry = ModuleCatalog.registry(modules, root.environment(), console);
        List<Linter.Report> reports = Lint.select(registry, modules.modules()).stream().map(m -> Linter.report(m, registry)).toList();
        List<LintFinding> findings = reports.stream().flatMap(r -> r.findings().stream()).toList();
        int scripts = reports.stream().mapToInt(Linter.Report::scripts).sum();
        long unwaived = findings.stream().filter(f -> !f.waived()).count();
        if (json) {
            console.json(LintJson.of(scripts, findings));
        } else {
            return Lint.print(reports, showWaived, text -> console.line(Console.plain(text))) == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
        }
        return unwaived == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
