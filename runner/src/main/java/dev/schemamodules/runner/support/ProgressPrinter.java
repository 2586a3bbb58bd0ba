package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleOutcome;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import java.time.Duration;

/**
 * One line per migration, undo or verify script, with its duration. While a migration runs: on a terminal a
 * live "running" line with the time so far; in a pipe or log a "still running" line every {@code every}. When
 * the engine samples how far it has come (an index build, a data migration's progress query), the line adds
 * it: done of total, rate and time left.
 */
public final class ProgressPrinter implements MigrationListener, AutoCloseable {

    private final Console console;
    private final Duration every;
    private java.util.concurrent.ScheduledExecutorService ticker;
    private java.util.concurrent.ScheduledFuture<?> running;
    /** The running migration's latest progress sample, or null; its rate counts from the first sample of the same kind. */
    private volatile Sample sample;

    private record Sample(String what, String unit, long done, long total, long firstDone, long firstNanos, long nanos) {

        String describe() {
            StringBuilder b = new StringBuilder(what.isEmpty() ? "" : what + ", ");
            if (total <= 0 && done <= 0) {
                return what;
            }
            b.append(String.format(java.util.Locale.ROOT, "%,d", done));
            b.append(total > 0 ? String.format(java.util.Locale.ROOT, " of %,d %s (%d %%)", total, unit, Math.min(100, done * 100 / total)) : " " + unit);
            double seconds = (nanos - firstNanos) / 1e9;
            if (seconds >= 1 && done > firstDone) {
                double rate = (done - firstDone) / seconds;
                b.append(String.format(java.util.Locale.ROOT, ", %,.0f %s/s", rate, unit));
                if (total > done) {
                    b.append(", about ").append(dev.schemamodules.core.api.Progress.duration((long) Math.ceil((total - done) / rate))).append(" left");
                }
            }
            return b.toString();
        }
    }

    public ProgressPrinter(Console console) {
        this(console, Duration.ofSeconds(30));
    }

    public ProgressPrinter(Console console, Duration every) {
        this.console = console;
        this.every = every;
    }

    @Override
    public synchronized void migrationStarted(String module, String version, String description) {
        stopTicking();
        String label = ("R".equals(version) ? "seed " : "V" + version + " ") + Console.plain(description);
        long start = System.nanoTime();
        long period = console.terminal() ? 1000 : Math.max(1, every.toMillis());
        if (ticker == null) {
            ticker = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "migration-progress");
                t.setDaemon(true);
                return t;
            });
        }
        running = ticker.scheduleAtFixedRate(() -> {
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            Sample now = sample;
            String text = "  running  " + module + " " + label + "  " + dev.schemamodules.core.api.Progress.duration(seconds) + " so far"
                    + (now == null ? "" : ": " + now.describe());
            if (console.terminal()) {
                console.live(text);
                if (seconds > 0 && seconds % Math.max(1, every.toSeconds()) == 0) {
                    console.log(text);
                }
            } else {
                console.info(text);
            }
        }, period, period, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public void migrationProgress(String module, String version, String what, long done, long total, String unit) {
        Sample last = sample;
        long nanos = System.nanoTime();
        sample = last != null && last.what().equals(what) && last.unit().equals(unit)
                ? new Sample(what, unit, done, total, last.firstDone(), last.firstNanos(), nanos)
                : new Sample(what, unit, done, total, done, nanos, nanos);
    }

    private synchronized void stopTicking() {
        sample = null;
        if (running != null) {
            running.cancel(false);
            running = null;
        }
        console.clearLive();
    }

    @Override
    public synchronized void close() {
        stopTicking();
        if (ticker != null) {
            ticker.shutdownNow();
        }
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
        stopTicking();
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
