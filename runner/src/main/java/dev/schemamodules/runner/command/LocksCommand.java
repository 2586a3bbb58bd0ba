package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.LockReportOptions;
import dev.schemamodules.core.LockReports;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.LocksJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "locks",
        header = "Measure the locks pending migrations take on a loaded scratch copy.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules locks --modules messaging",
            "  schema-modules locks --modules chatbot-crm --rows 1000000 --json",
            "  # every migration, as on an empty database",
            "  schema-modules locks --all --rows 2000"}, mixinStandardHelpOptions = true,
        description = {"Builds a scratch database next to the target (CREATE DATABASE, needs CREATEDB; dropped afterwards, also on failure)",
            "up to each module's installed version, then applies the pending migrations of the requested modules one by one. Before each,",
            "the existing tables it names get --rows generated rows (and the tables their foreign keys need); a writer (insert / update by key)",
            "and a reader (read by key) run on those tables while it is applied. Reports per migration: the table locks it took and how long",
            "it held them, the longest lock wait the writer and the reader saw, total time, and per table: rewritten, sequential scans, rows",
            "changed. Exit 1 when a migration is over budget (a wait over --budget-ms, or a lock blocking writers held while it did work that",
            "grows with the rows) without a '-- lock-budget:waive <reason>' line. The target database itself is not changed."})
final class LocksCommand extends JsonDatabaseCommand {

    @Option(names = "--rows", description = "Rows generated per table a migration touches. Default: ${DEFAULT-VALUE}.", defaultValue = "100000")
    long rows;

    @Option(names = "--budget-ms", description = "Longest acceptable writer or reader wait. Default: ${DEFAULT-VALUE}.", defaultValue = "200")
    long budgetMillis;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--all", description = "Measure every migration of the requested modules, not only those pending on the target.")
    boolean all;

    @Override
    public Integer call() {
        if (rows < 1) {
            throw usage(spec.commandLine(), "--rows must be at least 1, not " + rows);
        }
        if (budgetMillis < 1) {
            throw usage(spec.commandLine(), "--budget-ms must be at least 1, not " + budgetMillis);
        }
        Console console = console();
        Plan plan = plan(console);
        LockReport report;
        try (Target target = openTarget(console)) {
            Map<String, String> installed = new LinkedHashMap<>();
            if (!all) {
                for (ModuleStatus s : engine(target).status(plan)) {
                    s.installedVersion().ifPresent(v -> installed.put(s.module(), v));
                }
            }
            Set<String> measured = new LinkedHashSet<>();
            for (PlannedModule m : plan.modules()) {
                if (m.requested()) {
                    measured.add(m.name());
                }
            }
            LockReportOptions options = LockReportOptions.defaults().withRows(rows).withBudget(Duration.ofMillis(budgetMillis))
                    .withModules(measured).withInstalled(installed);
            console.info("locks: " + String.format(Locale.ROOT, "%,d", rows) + " rows per touched table, budget " + budgetMillis + " ms; scratch database next to "
                    + target.settings().masked());
            report = LockReports.nextTo(target.settings(), plan, options, line -> console.info("  " + line),
                    new dev.schemamodules.runner.support.LiveProgress(console, root.progressEvery()));
        }
        if (json) {
            console.json(LocksJson.of(report));
        } else {
            print(console, report);
        }
        return report.unwaivedOverBudget().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    private static void print(Console console, LockReport report) {
        for (LockReport.Migration m : report.migrations()) {
            console.line(String.format(Locale.ROOT, "%s V%s (%s): %.0f ms%s", m.module(), m.version(), m.script(), m.totalMillis(),
                    m.transactional() ? "" : ", not in a transaction"));
            for (LockReport.LoadedTable t : m.tables()) {
                console.line(String.format(Locale.ROOT, "    loaded   %s: %,d rows%s", t.table(), t.rows(), t.failure().map(f -> " (" + f + ")").orElse("")));
            }
            for (LockReport.HeldLock l : m.locks()) {
                console.line(String.format(Locale.ROOT, "    lock     %-22s on %s held %.0f ms%s", l.mode(), l.table(), l.heldMillis(),
                        l.blocksReaders() ? "  (blocks readers and writers)" : l.blocksWriters() ? "  (blocks writers)" : ""));
            }
            for (LockReport.TableEffect e : m.effects()) {
                console.line("    effect   " + effect(e));
            }
            for (LockReport.StatementEffect st : m.statements()) {
                for (LockReport.TableEffect e : st.effects()) {
                    console.line(String.format(Locale.ROOT, "      by statement %d (%.0f ms, %s): %s", st.number(), st.millis(), Console.plain(st.statement()), effect(e)));
                }
            }
            probe(console, "writer", m.writer());
            probe(console, "reader", m.reader());
            for (String why : java.util.stream.Stream.concat(m.waitsOverBudget().stream(), m.growsWithRows().stream()).toList()) {
                console.line("    " + (m.waiver().isPresent() ? "over budget (waived): " : "@|red OVER BUDGET|@: ") + Console.plain(why));
            }
            m.waiver().ifPresent(w -> console.line("    waiver   " + Console.plain(w)));
        }
        long over = report.migrations().stream().filter(LockReport.Migration::overBudget).count();
        console.line(String.format(Locale.ROOT, "%d migration(s) measured at %,d rows per table: %d over the %d ms budget, %d of them waived",
                report.migrations().size(), report.rowsPerTable(), over, report.budgetMillis(), over - report.unwaivedOverBudget().size()));
    }

    private static String effect(LockReport.TableEffect e) {
        return String.format(Locale.ROOT, "%s: %s%d sequential scan(s), %d inserted, %d updated, %d deleted", e.table(), e.rewritten() ? "REWRITTEN, " : "",
                e.seqScans(), e.rowsInserted(), e.rowsUpdated(), e.rowsDeleted());
    }

    private static void probe(Console console, String name, LockReport.Probe p) {
        if (p.statements() == 0) {
            return;
        }
        console.line(String.format(Locale.ROOT, "    %s   longest lock wait %.0f ms, longest statement %.0f ms, %d statement(s), %d error(s)%s", name,
                p.longestLockWaitMillis(), p.longestStatementMillis(), p.statements(), p.errors(),
                p.firstError().map(e -> " (first: " + Console.plain(e) + ")").orElse("")));
    }
}
