package dev.schemamodules.runner.command;

import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.HistoryJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.DeployHistory;
import dev.schemamodules.runner.support.Inputs;
import dev.schemamodules.runner.support.ModuleSource;
import dev.schemamodules.runner.support.Target;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history",
        header = "Show which runner and module releases were deployed, when, by whom.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules history",
            "  schema-modules history --limit 5 --json --url postgresql://app@db:5432/app"}, mixinStandardHelpOptions = true,
        description = {"Show the newest runs recorded in schema_modules.deploy_history (written by every migrate and undo): runner release,",
            "each module's release and where it came from (built-in, --modules-dir jar, --manifest coordinates), schema versions",
            "before and after, database user, client host and application, outcome. Changes nothing."})
final class HistoryCommand extends JsonDatabaseCommand {

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", converter = Inputs.PositiveCount.class,
            description = "How many runs, newest first (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() {
        Console console = console();
        List<DeployHistory.Deploy> runs;
        try (Target target = openTarget(console)) {
            runs = DeployHistory.recent(target.dataSource(), limit);
        }
        if (json) {
            console.json(new HistoryJson(runs));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            console.line("no deploy recorded (" + DeployHistory.TABLE + " is created by the first migrate)");
        }
        for (DeployHistory.Deploy r : runs) {
            console.line("@|bold deploy " + r.id() + "|@  " + r.startedAt() + "  " + r.command() + "  " + r.outcome() + "  runner " + r.runnerVersion()
                    + "  by " + r.databaseUser() + " from " + (r.clientHost() == null ? r.clientAddr() : r.clientHost())
                    + (r.osUser() == null ? "" : " (" + r.osUser() + ")")
                    + (r.manifest() == null ? "" : "  manifest " + r.manifest()));
            for (DeployHistory.Module m : r.modules()) {
                ModuleSource source = m.source();
                console.line(String.format("    %-14s %-12s %-10s %s%s", m.name(), m.release(),
                        (m.fromVersion() == null ? "-" : m.fromVersion()) + " -> " + (m.toVersion() == null ? "-" : m.toVersion()),
                        source == null ? "-" : source.kind() + (ModuleSource.BUILT_IN.equals(source.kind()) ? "" : " " + source.location()),
                        m.state() == null || "migrated".equals(m.state()) || "up to date".equals(m.state()) ? "" : "  (" + m.state() + ")"));
            }
            if (r.error() != null) {
                console.line("    @|red error|@ " + Console.plain(r.error()));
            }
        }
        return ExitCodes.OK;
    }
}
