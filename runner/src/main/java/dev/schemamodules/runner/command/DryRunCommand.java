package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.DryRunReport;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Target;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dry-run",
        header = "Write the SQL script that migrate would run, changing nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  # the script, then run it yourself",
            "  schema-modules dry-run --modules telehealth --seed dev > telehealth.sql",
            "  psql -v ON_ERROR_STOP=1 -f telehealth.sql postgresql://app@db:5432/app",
            "  schema-modules dry-run --json --modules messaging"}, mixinStandardHelpOptions = true,
        description = {"Print, per module in plan order, the exact SQL migrate would run (pending migrations, new or changed seeds",
            "for --seed), placeholders resolved. Changes nothing."})
final class DryRunCommand extends JsonDatabaseCommand {

    @Override
    boolean resultOnStdout() {
        return true;
    }


    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        DryRunReport report;
        try (Target target = openTarget(console)) {
            report = engine(target).dryRun(plan);
        }
        if (json) {
            console.json(Map.of("modules", report.modules().stream().map(m -> {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", m.module());
                o.put("scripts", m.scripts().stream().map(s -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("version", s.version());
                    x.put("script", s.script());
                    x.put("sql", s.sql());
                    return x;
                }).toList());
                return o;
            }).toList()));
            return ExitCodes.OK;
        }
        int total = 0;
        for (DryRunReport.ModuleScripts m : report.modules()) {
            console.line("-- ================= module " + m.module() + ": " + (m.scripts().isEmpty() ? "nothing to apply" : m.scripts().size() + " script(s)"));
            for (DryRunReport.Script s : m.scripts()) {
                console.line("-- ----------------- " + m.module() + " " + s.script());
                console.line(Console.plain(s.sql().stripTrailing()));
                total++;
            }
        }
        console.line("-- dry run: " + total + " script(s) would run; nothing was changed");
        return ExitCodes.OK;
    }
}
