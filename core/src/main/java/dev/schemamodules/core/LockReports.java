package dev.schemamodules.core;

import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.LockReportOptions;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.db.ConnectionSettings;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.core.db.SameServerScratch;
import dev.schemamodules.core.api.Progress;
import dev.schemamodules.core.internal.LockReporter;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The lock report (see {@link LockReport}): applies migrations to a scratch database loaded with generated
 * rows while a writer and a reader run, and reports the locks each migration took, for how long, and what
 * the writer and reader waited.
 */
public final class LockReports {

    private LockReports() {
    }

    /**
     * On a scratch database created on the same server as {@code live} ({@code CREATE DATABASE}, the role needs
     * CREATEDB), dropped afterwards, also when the report fails. The live database is only read from (nothing).
     */
    public static LockReport nextTo(ConnectionSettings live, Plan plan, LockReportOptions options, Consumer<String> progress) {
        return nextTo(live, plan, options, progress, NO_PROGRESS);
    }

    /**
     * As {@link #nextTo(ConnectionSettings, Plan, LockReportOptions, Consumer)}, with each table's row load metered on
     * {@code loads} (label: module, version, its place among the pending migrations, the table).
     */
    public static LockReport nextTo(ConnectionSettings live, Plan plan, LockReportOptions options, Consumer<String> progress, Progress loads) {
        try (var liveDs = DataSources.create(live, "schema-modules-lock-report", Duration.ofSeconds(30));
             SameServerScratch scratch = SameServerScratch.create(liveDs, live)) {
            return new LockReporter(scratch.settings(), options, progress, loads).run(plan);
        }
    }

    /** On an empty database you provide and throw away afterwards (tests, or a server of your own). */
    public static LockReport onEmptyDatabase(ConnectionSettings empty, Plan plan, LockReportOptions options, Consumer<String> progress) {
        return onEmptyDatabase(empty, plan, options, progress, NO_PROGRESS);
    }

    /** As {@link #onEmptyDatabase(ConnectionSettings, Plan, LockReportOptions, Consumer)}, with the row loads metered on {@code loads}. */
    public static LockReport onEmptyDatabase(ConnectionSettings empty, Plan plan, LockReportOptions options, Consumer<String> progress, Progress loads) {
        return new LockReporter(empty, options, progress, loads).run(plan);
    }

    private static final Progress NO_PROGRESS = (label, total, unit) -> new Progress.Meter() {
        @Override
        public void advance(long n) {
        }

        @Override
        public void close() {
        }
    };
}
