package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.Progress;
import java.time.Duration;

/**
 * Progress of long work as the runner shows it: on a terminal one live line (done, total, rate, time
 * left) redrawn a few times a second; in a pipe or file a plain line every {@code every}; in the
 * {@code --log-file} a plain line every {@code every} too, and the final figures always.
 */
public final class LiveProgress implements Progress {

    private static final long REDRAW_NANOS = 200_000_000L;

    private final Console console;
    private final long everyNanos;

    public LiveProgress(Console console, Duration every) {
        this.console = console;
        this.everyNanos = every.toNanos();
    }

    @Override
    public Meter start(String label, long total, String unit) {
        long start = System.nanoTime();
        return new Meter() {
            private long done;
            private long lastDraw;
            private long lastLine = start;

            @Override
            public void advance(long n) {
                done += n;
                long now = System.nanoTime();
                String text = label + ": " + Progress.describe(done, total, unit, now - start);
                if (now - lastLine >= everyNanos) {
                    lastLine = now;
                    if (console.terminal()) {
                        console.log(text);
                    } else {
                        console.info(text);
                    }
                }
                if (console.terminal() && now - lastDraw >= REDRAW_NANOS) {
                    lastDraw = now;
                    console.live(text);
                }
            }

            @Override
            public void close() {
                if (done == 0 && total <= 0) {
                    console.clearLive();
                    return;   // there was nothing to do: the work's own summary says so
                }
                console.info(label + ": " + Progress.describe(done, total, unit, System.nanoTime() - start).replaceFirst(", about .* left$", "")
                        + " in " + Progress.duration((System.nanoTime() - start) / 1_000_000_000L));
            }
        };
    }
}
