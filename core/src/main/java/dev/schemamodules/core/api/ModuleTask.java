package dev.schemamodules.core.api;

/**
 * An operation a module ships besides its migrations (a data backfill, a maintenance job), run by the
 * runner as {@code run-task <module> <task> [--dry-run] [--option key=value ...]} under the run-wide
 * lock only if the task asks for it ({@link #exclusive()}). Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.schemamodules.core.api.ModuleTask}).
 */
public interface ModuleTask {

    /** {@return the name of the module this task belongs to (its schemas and placeholders come from the plan)} */
    String module();

    /** {@return the task's name, e.g. {@code backfill-public-ids}} */
    String name();

    /** {@return one line for {@code run-task --list}} */
    String description();

    /** {@return whether to hold the run-wide migration lock while running (false for online backfills)} */
    default boolean exclusive() {
        return false;
    }

    /**
     * Runs the task. Output and progress go to {@link TaskContext#out()} and {@link TaskContext#progress()}.
     *
     * @param context the database, the module as planned, the options
     * @return the process exit code (0: done)
     * @throws Exception when the task fails; the runner reports it and exits non-zero
     */
    int run(TaskContext context) throws Exception;
}
