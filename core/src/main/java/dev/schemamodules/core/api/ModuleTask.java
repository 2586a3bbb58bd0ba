package dev.schemamodules.core.api;

/**
 * An operation a module ships besides its migrations (a data backfill, a maintenance job), run by the
 * runner as {@code run-task <module> <task> [--dry-run] [--option key=value ...]} under the run-wide
 * lock only if the task asks for it ({@link #exclusive()}). Found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.schemamodules.core.api.ModuleTask}).
 */
public interface ModuleTask {

    /** The module this task belongs to (its schemas and placeholders come from the plan). */
    String module();

    /** Task name, e.g. {@code backfill-public-ids}. */
    String name();

    /** One line for {@code run-task --list}. */
    String description();

    /** Whether to hold the run-wide migration lock while running (false for online backfills). */
    default boolean exclusive() {
        return false;
    }

    /** Runs the task; returns the process exit code (0 ok). Progress goes to {@link TaskContext#out()}. */
    int run(TaskContext context) throws Exception;
}
