package dev.schemamodules.runner.command;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.PreflightReport;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.PlanJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Target;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan",
        header = "Show the modules in apply order and what each would apply.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules plan --modules messaging",
            "  schema-modules plan --offline",
            "  schema-modules plan --json --seed dev"}, mixinStandardHelpOptions = true,
        description = {"Show the modules in the order they would be applied (dependencies first, '*' = pulled in as a dependency)",
            "and, unless --offline, the migrations each would apply. Changes nothing."})
final class PlanCommand extends JsonDatabaseCommand {

    @Option(names = "--offline", description = "Do not connect: order, schemas and versions only.")
    boolean offline;


    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        List<ModuleStatus> statuses = null;
        PreflightReport preflight = null;
        if (!offline) {
            try (Target target = openTarget(console)) {
                Engine engine = engine(target);
                preflight = engine.preflight(plan, releases(target));
                if (preflight.problems().stream().noneMatch(p -> p.contains("would install a second copy") || p.contains("would share schema"))) {
                    plan = engine.withInstalledNames(plan);
                }
                statuses = engine.status(plan);
            }
        }
        int exit = preflight == null || preflight.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
        if (json) {
            console.json(PlanJson.of(plan, statuses, preflight));
            return exit;
        }
        printOrder(console, plan);
        for (int i = 0; i < plan.modules().size(); i++) {
            PlannedModule m = plan.modules().get(i);
            String requires = m.descriptor().requires().isEmpty() ? "-" : String.join(", ", m.descriptor().requires().stream().map(Object::toString).toList());
            console.line(String.format("%d. @|bold %s|@ %s  schemas: %s  requires: %s  schema version: %s", i + 1, m.name(), m.descriptor().version(),
                    String.join(",", m.schemas()), requires, m.latestVersion()));
            if (statuses != null) {
                ModuleStatus s = statuses.get(i);
                console.line("   installed: " + s.installedVersion().orElse("none") + ", pending: " + s.pending().size());
                for (ModuleStatus.MigrationRef p : s.pending()) {
                    console.line("     " + (p.version() == null ? "seed  " : "V" + p.version() + "  ") + Console.plain(p.script()));
                }
                s.problems().forEach(p -> console.line("   @|red problem:|@ " + Console.plain(p)));
            }
        }
        if (preflight != null) {
            preflight.notes().forEach(n -> console.line("note: " + Console.plain(n)));
            preflight.ahead().forEach(k -> console.line("@|yellow ahead:|@ " + Console.plain(k.describe()) + "; migrate would skip it (--strict: refuse the run)"));
            if (preflight.ok()) {
                console.line("preflight: no problems; migrate would start");
            } else {
                console.line("@|red preflight: " + preflight.problems().size() + " problem(s); migrate would change nothing and exit 1:|@");
                preflight.problems().forEach(p -> console.line("  - " + Console.plain(p)));
            }
        }
        return exit;
    }
}
