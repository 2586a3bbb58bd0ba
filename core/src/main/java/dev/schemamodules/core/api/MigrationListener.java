package dev.schemamodules.core.api;

import java.time.Duration;

/** Progress of a run, one call per event; the runner prints them, tests may record them. */
public interface MigrationListener {

    MigrationListener NONE = new MigrationListener() {
    };

    /** The run waits for something (the run-wide lock), and says for what. */
    default void waiting(String message) {
    }

    /** Something the run did on its own that the user should know about (e.g. recovering a failed migration). */
    default void note(String message) {
    }

    default void moduleStarted(PlannedModule module, int pendingMigrations) {
    }

    /** One migration (or seed script, version "R") starts; long ones can be shown as running. */
    default void migrationStarted(String module, String version, String description) {
    }

    /**
     * While a migration runs, what it has done so far, sampled every second or so from another connection: an
     * index build ({@code pg_stat_progress_create_index}: "index x: building index", tuples or blocks) or the
     * module's progress query for that migration (rows). {@code total} 0 or less: unknown.
     */
    default void migrationProgress(String module, String version, String what, long done, long total, String unit) {
    }

    /** One migration (or seed script) was applied, inside its transaction, before commit. */
    default void migrationApplied(String module, String version, String description, Duration duration) {
    }

    default void moduleFinished(ModuleOutcome outcome) {
    }

    default void undone(String module, String version, String description, Duration duration) {
    }

    default void verified(VerifyResult result) {
    }
}
