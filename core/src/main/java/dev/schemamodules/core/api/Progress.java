package dev.schemamodules.core.api;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Progress of long work with a known amount (rows of a backfill or data migration): the work says how
 * much it has done; the front end shows rows done, rate and time left (the runner: a live line on a
 * terminal, plain periodic lines in a log).
 */
public interface Progress {

    /**
     * Starts a meter, e.g. {@code start("patients", 1_000_000, "rows")}.
     *
     * @param label what is worked on
     * @param total units to do (0 or less: unknown)
     * @param unit  what a unit is, plural
     * @return the meter; close it when done
     */
    Meter start(String label, long total, String unit);

    /** One piece of work being metered; close it when done. */
    interface Meter extends AutoCloseable {

        /**
         * Reports that more units are done.
         *
         * @param n units done since the last call
         */
        void advance(long n);

        /** The work ended (done, stopped or failed). */
        @Override
        void close();
    }

    /**
     * Progress as a line per {@link Meter#advance}, with done, total, rate and time left.
     *
     * @param out where the lines go
     * @return the progress
     */
    static Progress lines(PrintWriter out) {
        return (label, total, unit) -> new Meter() {
            private final long start = System.nanoTime();
            private long done;

            @Override
            public void advance(long n) {
                done += n;
                out.println(label + ": " + describe(done, total, unit, System.nanoTime() - start));
                out.flush();
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Describes progress, e.g. "500 of 1,234 rows (41 %), 2,500 rows/s, about 1 s left" (total unknown: no
     * share and no time left).
     *
     * @param done         units done
     * @param total        units to do (0 or less: unknown)
     * @param unit         what a unit is, plural
     * @param elapsedNanos time since the start
     * @return the description
     */
    static String describe(long done, long total, String unit, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%,d", done));
        if (total > 0) {
            b.append(String.format(Locale.ROOT, " of %,d %s (%d %%)", total, unit, Math.min(100, done * 100 / total)));
        } else {
            b.append(' ').append(unit);
        }
        b.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
        if (total > 0 && rate > 0 && done < total) {
            b.append(", about ").append(duration((long) Math.ceil((total - done) / rate))).append(" left");
        }
        return b.toString();
    }

    /**
     * A duration as people read it: "45 s", "3 min 20 s", "2 h 05 min".
     *
     * @param seconds the duration
     * @return the text
     */
    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return String.format(Locale.ROOT, "%d h %02d min", seconds / 3600, seconds % 3600 / 60);
    }
}
