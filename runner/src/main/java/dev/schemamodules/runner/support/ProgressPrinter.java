package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleOutcome;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import java.time.Duration;

/** One line per migration, undo or verify script, with its duration. */
public final class ProgressPrinter implements MigrationListener {

    private final Console console;

    public ProgressPrinter(Console console) {
        this.console = console;
    }

    @Override
    public void waiting(String message) {
        console.info("  ... " + message);
    }

    @Override
    public void note(String message) {
        console.info("  @|yellow note|@     " + Console.plain(message));
    }

    @Override
    public void moduleStarted(PlannedModule module, int pendingMigrations) {
        console.info("@|bold " + module.name() + "|@ (" + String.join(", ", module.schemas()) + "): "
                + (pendingMigrations == 0 ? "nothing to apply" : pendingMigrations + " to apply"));
    }

    @Override
    public void migrationApplied(String module, String version, String description, Duration duration) {
        String label = "R".equals(version) ? "seed" : "V" + version;
        console.info(String.format("  @|green applied|@  %-6s %-48s %8s", label, Console.plain(description), millis(duration)));
    }

    @Override
    public void moduleFinished(ModuleOutcome outcome) {
        // the summary at the end says it all
    }

    @Override
    public void undone(String module, String version, String description, Duration duration) {
        console.info(String.format("  @|yellow undone|@   %-14s V%-6s %-40s %8s", module, version, Console.plain(description), millis(duration)));
    }

    @Override
    public void verified(VerifyResult result) {
        if (result.passed()) {
            console.info(String.format("  @|green ok|@       %-14s %s", result.module(), result.script()));
        } else {
            console.info(String.format("  @|red FAILED|@   %-14s %s: %s", result.module(), result.script(), Console.plain(result.failure().orElse(""))));
        }
    }

    public static String millis(Duration d) {
        return d.toMillis() + " ms";
    }
}
