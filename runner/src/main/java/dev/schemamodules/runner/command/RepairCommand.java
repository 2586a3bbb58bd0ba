package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.RepairReport;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "repair", mixinStandardHelpOptions = true,
        header = "Clean up the history tables after a failure or an edited script.",
        description = {"Per module, under the run-wide lock: removes the history rows of failed migrations (and the INVALID indexes a failed",
            "CREATE INDEX CONCURRENTLY leaves), so that the next migrate runs them again; lists applied scripts whose text changed",
            "since they were applied and, only with --accept-changed-checksums, records their new checksums and descriptions.",
            "Applied migrations this release does not have (a newer release applied them) are listed and never touched.",
            "Exit 1 while a changed script is not accepted."},
        footerHeading = "%nExamples:%n",
        footer = {"  # after a failed migration: remove its history row, then fix the cause and migrate",
            "  schema-modules repair --modules messaging",
            "  # a comment was edited in an applied script: accept the new checksum",
            "  schema-modules repair --modules medication --accept-changed-checksums"})
final class RepairCommand extends DatabaseCommand {

    @Option(names = "--accept-changed-checksums", description = "Record the current checksum and description of every applied script that changed "
            + "(only when the edit does not change what the script builds: a comment, formatting).")
    boolean acceptChangedChecksums;

    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        RepairReport report;
        try (Target target = openTarget(console)) {
            report = engine(target).repair(plan, acceptChangedChecksums, new ProgressPrinter(console));
        }
        for (RepairReport.ModuleRepair m : report.modules()) {
            boolean nothing = m.removedFailedRows().isEmpty() && m.changedScripts().isEmpty() && m.notInThisRelease().isEmpty();
            console.line("@|bold " + m.module() + "|@:" + (nothing ? " nothing to repair" : ""));
            m.removedFailedRows().forEach(s -> console.line("  removed failed history row  " + Console.plain(s)));
            m.droppedInvalidIndexes().forEach(s -> console.line("  dropped INVALID index      " + Console.plain(s)));
            for (RepairReport.ChangedScript s : m.changedScripts()) {
                String what = (java.util.Objects.equals(s.appliedChecksum(), s.releaseChecksum()) ? ""
                        : "checksum " + s.appliedChecksum() + " -> " + s.releaseChecksum())
                        + (java.util.Objects.equals(s.appliedDescription(), s.releaseDescription()) ? ""
                        : (java.util.Objects.equals(s.appliedChecksum(), s.releaseChecksum()) ? "" : ", ") + "description '" + s.appliedDescription()
                        + "' -> '" + s.releaseDescription() + "'");
                console.line("  " + (m.changesAccepted() ? "@|green accepted|@ changed script " : "@|red changed|@ since applied    ") + " V" + s.version()
                        + " " + Console.plain(s.location()) + " (" + Console.plain(what) + ")");
            }
            m.notInThisRelease().forEach(s -> console.line("  @|yellow not in this release|@ (left as is)  " + Console.plain(s)));
        }
        if (report.needsAttention()) {
            console.line("changed scripts were not accepted: put them back as they were applied, or, if the edit does not change what they build,"
                    + " run: repair " + (modules.modules().isEmpty() ? "" : "--modules " + String.join(",", modules.modules()) + " ")
                    + "--accept-changed-checksums");
            return ExitCodes.FAILURE;
        }
        return ExitCodes.OK;
    }
}
