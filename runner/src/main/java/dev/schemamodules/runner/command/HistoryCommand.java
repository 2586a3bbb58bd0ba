package dev.schemamodules.runner.command;

import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.DeployHistory;
import dev.schemamodules.runner.support.Inputs;
import dev.schemamodules.runner.support.Target;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history",
        header = "Show which runner and module releases were deployed, when, by whom.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules history",
            "  schema-modules history --limit 5 --json --url postgresql://app@db:5432/app"}, mixinStandardHelpOptions = true,
        description = {"Show the newest runs recorded in schema_modules.deploy_history (written by every migrate): runner release,",
            "each module's release and where it came from (built-in, --modules-dir jar, --manifest coordinates), schema versions",
            "before and after, database user, client host and application, outcome. Changes nothing."})
final class HistoryCommand extends JsonDatabaseCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", converter = Inputs.PositiveCount.class,
            description = "How many runs, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    @SuppressWarnings("unchecked")
    public Integer call() {
        Console console = console();
        List<Map<String, Object>> runs;
        try (Target target = openTarget(console)) {
            runs = DeployHistory.recent(target.dataSource(), limit);
        }
        if (json) {
            console.json(Map.of("deploys", runs));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            console.line("no deploy recorded (" + DeployHistory.TABLE + " is created by the first migrate)");
        }
        for (Map<String, Object> r : runs) {
            console.line("@|bold deploy " + r.get("id") + "|@  " + r.get("startedAt") + "  " + r.get("outcome") + "  runner " + r.get("runnerVersion")
                    + "  by " + r.get("databaseUser") + " from " + (r.get("clientHost") == null ? r.get("clientAddr") : r.get("clientHost"))
                    + (r.get("osUser") == null ? "" : " (" + r.get("osUser") + ")")
                    + (r.get("manifest") == null ? "" : "  manifest " + r.get("manifest")));
            for (Map<String, Object> m : (List<Map<String, Object>>) r.get("modules")) {
                Map<String, Object> source = (Map<String, Object>) m.get("source");
                console.line(String.format("    %-14s %-12s %-10s %s", m.get("name"), m.get("release"),
                        (m.get("fromVersion") == null ? "-" : m.get("fromVersion")) + " -> " + (m.get("toVersion") == null ? "-" : m.get("toVersion")),
                        source.get("kind") + ("built-in".equals(source.get("kind")) ? "" : " " + source.get("location"))));
            }
            if (r.get("error") != null) {
                console.line("    @|red error|@ " + Console.plain(String.valueOf(r.get("error"))));
            }
        }
        return ExitCodes.OK;
    }
}
