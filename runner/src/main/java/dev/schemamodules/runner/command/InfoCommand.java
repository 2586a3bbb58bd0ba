package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.VersionSkew;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.InfoJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "info",
        header = "Show installed and latest versions, applied and pending migrations.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules info",
            "  schema-modules info --verbose --modules therapy",
            "  schema-modules info --json"}, mixinStandardHelpOptions = true, description = "Show each module's installed and latest schema version, applied and pending migrations. Changes nothing.")
final class InfoCommand extends JsonDatabaseCommand {


    @Option(names = {"-v", "--verbose"}, description = "List every applied migration too.")
    boolean verbose;

    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        List<ModuleStatus> statuses;
        Map<String, VersionSkew> skews = new LinkedHashMap<>();
        try (Target target = openTarget(console)) {
            statuses = engine(target).status(plan);
            for (ModuleStatus s : statuses) {
                s.skew().ifPresent(k -> skews.put(s.module(), k.withReleaseThatReached(releases(target).releaseThatReached(k.module(), k.databaseVersion()))));
            }
        }
        if (json) {
            console.json(InfoJson.of(statuses, this::source, skews::get));
        } else {
            int schemasWidth = Math.max(7, statuses.stream().mapToInt(s -> String.join(",", s.schemas()).length()).max().orElse(0));
            int releaseWidth = Math.max(7, statuses.stream().mapToInt(s -> s.moduleVersion().length()).max().orElse(0));
            String row = "%-14s %-" + schemasWidth + "s %-" + releaseWidth + "s %-9s %-9s %s";
            console.line("@|bold " + String.format(row, "MODULE", "SCHEMAS", "RELEASE", "INSTALLED", "LATEST", "STATE") + "|@");
            for (ModuleStatus s : statuses) {
                console.line(String.format(row, s.module(), String.join(",", s.schemas()), s.moduleVersion(),
                        s.installedVersion().orElse("-"), s.latestVersion(), s.state()));
                if (verbose) {
                    s.applied().forEach(a -> console.line("    applied  V" + a.version() + " " + Console.plain(a.description()) + "  " + a.installedOn()));
                }
                s.pending().forEach(p -> console.line("    pending  " + (p.version() == null ? "seed " : "V" + p.version() + " ") + Console.plain(p.description())));
                s.problems().forEach(p -> console.line("    @|red problem|@  " + Console.plain(p)));
                Optional.ofNullable(skews.get(s.module())).ifPresent(k -> console.line("    @|yellow ahead|@    " + Console.plain(k.needs())
                        + "; migrate leaves it as it is, validate fails"));
            }
        }
        return statuses.stream().anyMatch(s -> !s.problems().isEmpty()) ? ExitCodes.FAILURE : ExitCodes.OK;
    }
}
