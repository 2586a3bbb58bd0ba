package dev.schemamodules.core;

import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.LockReportOptions;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.db.ConnectionSettings;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.core.db.SameServerScratch;
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
        try (var liveDs = DataSources.create(live, "schema-modules-lock-report", Duration.ofSeconds(30));
             SameServerScratch scratch = SameServerScratch.create(liveDs, live)) {
            return new LockReporter(scratch.settings(), options, progress).run(plan);
        }
    }

    /** On an empty database you provide and throw away afterwards (tests, or a server of your own). */
    public static LockReport onEmptyDatabase(ConnectionSettings empty, Plan plan, LockReportOptions options, Consumer<String> progress) {
        return new LockReporter(empty, options, progress).run(plan);
    }
}
