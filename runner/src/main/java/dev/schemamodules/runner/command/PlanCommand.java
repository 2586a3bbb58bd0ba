package dev.schemamodules.runner.command;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.PreflightReport;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
                preflight = engine.preflight(plan);
                if (preflight.problems().stream().noneMatch(p -> p.contains("would install a second copy") || p.contains("would share schema"))) {
                    plan = engine.withInstalledNames(plan);
                }
                statuses = engine.status(plan);
            }
        }
        int exit = preflight == null || preflight.ok() ? ExitCodes.OK : ExitCodes.FAILURE;
        if (json) {
            Map<String, Object> root = toJson(plan, statuses);
            if (preflight != null) {
                root.put("preflight", Map.of("ok", preflight.ok(), "problems", preflight.problems(), "notes", preflight.notes()));
            }
            console.json(root);
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
            if (preflight.ok()) {
                console.line("preflight: no problems; migrate would start");
            } else {
                console.line("@|red preflight: " + preflight.problems().size() + " problem(s); migrate would change nothing and exit 1:|@");
                preflight.problems().forEach(p -> console.line("  - " + Console.plain(p)));
            }
        }
        return exit;
    }

    static Map<String, Object> toJson(Plan plan, List<ModuleStatus> statuses) {
        List<Object> modules = new ArrayList<>();
        for (int i = 0; i < plan.modules().size(); i++) {
            PlannedModule m = plan.modules().get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", m.name());
            o.put("version", m.descriptor().version());
            o.put("schemas", m.schemas());
            o.put("requires", m.descriptor().requires().stream().map(r -> Map.of("module", r.module(), "minimumVersion", r.minimumVersion().toString())).toList());
            o.put("requested", m.requested());
            o.put("latestVersion", m.latestVersion().toString());
            if (statuses != null) {
                ModuleStatus s = statuses.get(i);
                o.put("installedVersion", s.installedVersion().orElse(null));
                o.put("pending", s.pending().stream().map(InfoCommand::ref).toList());
                o.put("problems", s.problems());
            }
            modules.add(o);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("seed", plan.seedEnvironment().orElse(null));
        root.put("modules", modules);
        return root;
    }
}
