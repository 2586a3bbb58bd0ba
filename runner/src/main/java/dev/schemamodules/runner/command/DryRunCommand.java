package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.DryRunReport;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.DryRunJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "dry-run",
        header = "Write the SQL script that migrate would run, changing nothing.",
        footerHeading = "%nExamples:%n",
        footer = {"  # the script, then run it yourself",
            "  schema-modules dry-run --modules telehealth --seed dev > telehealth.sql",
            "  psql -v ON_ERROR_STOP=1 -f telehealth.sql postgresql://app@db:5432/app",
            "  schema-modules dry-run --json --modules messaging"}, mixinStandardHelpOptions = true,
        description = {"Writes to standard output one SQL script that builds what migrate would build now: per module in plan order,",
            "CREATE SCHEMA for its missing schemas, SET search_path to its schema, each pending migration (and new or changed seed",
            "for --seed) with placeholders resolved, in its own BEGIN/COMMIT as migrate runs it, scripts Flyway runs outside a",
            "transaction (CREATE INDEX CONCURRENTLY) without one. History rows are left out unless --with-history. Notes go to",
            "standard error. Changes nothing."})
final class DryRunCommand extends JsonDatabaseCommand {

    @Option(names = "--with-history", description = "Also create the modules' history tables and insert a row per script, as migrate records them, "
            + "so that a later migrate or info sees the script's migrations as applied.")
    boolean withHistory;

    @Override
    boolean resultOnStdout() {
        return true;
    }

    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        DryRunReport report;
        String database;
        try (Target target = openTarget(console)) {
            report = engine(target).dryRun(plan);
            database = target.settings().masked();
        }
        if (json) {
            console.json(DryRunJson.of(report));
            return ExitCodes.OK;
        }
        String script = DryRunScript.render(report, plan, database, withHistory);
        env().out().print(script);
        env().out().flush();
        dev.schemamodules.runner.support.Console.appendToLog(root.logFile(), "dry-run: wrote " + script.length() + " characters of SQL to standard output");
        int total = report.modules().stream().mapToInt(m -> m.scripts().size()).sum();
        console.note("dry run: " + total + " script(s) would run; nothing was changed. History rows "
                + (withHistory ? "included (a later migrate sees them as applied)." : "left out (add --with-history to include them).")
                + " Run it with: psql -v ON_ERROR_STOP=1 -f FILE URL");
        return ExitCodes.OK;
    }
}
