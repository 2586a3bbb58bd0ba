package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.DriftReport;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.ScratchDatabase;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.core.db.EmbeddedServer;
import dev.schemamodules.core.db.SameServerScratch;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.DriftJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import java.time.Duration;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "drift",
        header = "Compare the live schemas with what the applied migrations build.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules drift",
            "  schema-modules drift --modules medication --json",
            "  # no CREATEDB on the server: rebuild in a throw-away embedded PostgreSQL",
            "  schema-modules drift --scratch embedded --url postgresql://app@db:5432/app"}, mixinStandardHelpOptions = true,
        description = {"Compare each installed module's live schemas with what its applied migrations produce on a scratch database:",
            "missing / extra / changed tables, columns, types, defaults, constraints, indexes, functions, policies, triggers, grants.",
            "Exit 1 when anything drifted."})
final class DriftCommand extends JsonDatabaseCommand {

    enum Scratch { server, embedded }

    @Option(names = "--scratch", description = "Where to rebuild the expected catalog: server (a scratch database next to the live one, needs CREATEDB) "
            + "or embedded (a throw-away embedded PostgreSQL). Default: ${DEFAULT-VALUE}.", defaultValue = "server")
    Scratch scratch;


    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        DriftReport report;
        try (Target target = openTarget(console); ScratchDatabase s = scratch(target)) {
            console.info("drift: rebuilding the expected catalog in " + s.description());
            report = engine(target).drift(plan, s, new ProgressPrinter(console));
        }
        if (json) {
            console.json(DriftJson.of(report));
        } else {
            for (DriftReport.ModuleDrift m : report.modules()) {
                console.line((m.differences().isEmpty() ? "@|green no drift|@ " : "@|red DRIFT|@    ") + " " + m.module() + " (at V" + m.version() + ")"
                        + (m.differences().isEmpty() ? "" : ": " + m.differences().size() + " difference(s)"));
                for (DriftReport.Difference d : m.differences()) {
                    String value = d.change().equals("extra") ? d.actual() : d.change().equals("missing") ? d.expected() : null;
                    boolean shortValue = value != null && !value.isEmpty() && value.length() <= 80 && !value.contains("\n");
                    console.line("    " + d.change() + " " + Console.plain(d.object()) + (shortValue ? ": " + Console.plain(value) : ""));
                    if (d.change().equals("changed")) {
                        console.line("        expected: " + Console.plain(d.expected()));
                        console.line("        actual:   " + Console.plain(d.actual()));
                    }
                }
            }
            if (report.modules().isEmpty()) {
                console.line("no installed modules");
            }
        }
        return report.hasDrift() ? ExitCodes.FAILURE : ExitCodes.OK;
    }

    private ScratchDatabase scratch(Target target) {
        if (scratch == Scratch.server) {
            return SameServerScratch.create(target.dataSource(), target.settings());
        }
        EmbeddedServer server = EmbeddedServer.start(null, 0, false);
        var ds = DataSources.create(server.settings("postgres"), "schema-modules-scratch", Duration.ofSeconds(30));
        return new ScratchDatabase() {
            @Override
            public DataSource dataSource() {
                return ds;
            }

            @Override
            public String description() {
                return "a throw-away embedded PostgreSQL " + server.serverVersion();
            }

            @Override
            public void close() {
                ds.close();
                server.close();
            }
        };
    }
}
