package dev.schemamodules.core.api;

import java.time.Duration;

/** Progress of a run, one call per event; the runner prints them, tests may record them. */
public interface MigrationListener {

    /** A listener that ignores every event. */
    MigrationListener NONE = new MigrationListener() {
    };

    /**
     * The run waits for something (the run-wide lock), and says for what.
     *
     * @param message what the run waits for, and who holds it
     */
    default void waiting(String message) {
    }

    /**
     * Something the run did on its own that the user should know about (e.g. recovering a failed migration).
     *
     * @param message what was done
     */
    default void note(String message) {
    }

    /**
     * A module's migrations start.
     *
     * @param module            the module as planned
     * @param pendingMigrations how many of its migrations are pending
     */
    default void moduleStarted(PlannedModule module, int pendingMigrations) {
    }

    /**
     * One migration (or seed script, version "R") starts; long ones can be shown as running.
     *
     * @param module      the module's name
     * @param version     the migration's version
     * @param description the migration's description (from its file name)
     */
    default void migrationStarted(String module, String version, String description) {
    }

    /**
     * While a migration runs, what it has done so far, sampled every second or so from another connection: an
     * index build ({@code pg_stat_progress_create_index}: "index x: building index", tuples or blocks) or the
     * module's progress query for that migration (rows).
     *
     * @param module  the module's name
     * @param version the migration's version
     * @param what    what is being done, e.g. "index x: building index"
     * @param done    units done so far
     * @param total   units to do (0 or less: unknown)
     * @param unit    what a unit is, plural (tuples, blocks, rows)
     */
    default void migrationProgress(String module, String version, String what, long done, long total, String unit) {
    }

    /**
     * One migration (or seed script) was applied, inside its transaction, before commit.
     *
     * @param module      the module's name
     * @param version     the migration's version
     * @param description the migration's description (from its file name)
     * @param duration    how long it took
     */
    default void migrationApplied(String module, String version, String description, Duration duration) {
    }

    /**
     * A module's migrations ended.
     *
     * @param outcome what was applied to the module
     */
    default void moduleFinished(ModuleOutcome outcome) {
    }

    /**
     * One migration was undone (its undo script ran and its history row was deleted).
     *
     * @param module      the module's name
     * @param version     the undone migration's version
     * @param description its description
     * @param duration    how long the undo script took
     */
    default void undone(String module, String version, String description, Duration duration) {
    }

    /**
     * One verify script ran.
     *
     * @param result whether it passed, and why not
     */
    default void verified(VerifyResult result) {
    }
}
