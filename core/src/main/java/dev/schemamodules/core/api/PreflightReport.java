package dev.schemamodules.core.api;

import java.util.List;

/**
 * What the checks before the first change found for a whole plan (the engine runs them at the start of
 * every migrate, and on request for {@code plan}).
 *
 * @param problems each one stops a migrate before anything changes: an applied script changed since, a
 *                 history with a failed migration recovery cannot redo, migrations applied that this release
 *                 does not have (missing, or a failed one from a newer release), a module with pending
 *                 migrations that a module ahead of this run requires, a schema name that conflicts with
 *                 the one recorded at installation, a schema the connected role may not change
 * @param notes    what the run will do on its own (reuse recorded schema names, recover a failed migration)
 * @param ahead    modules whose database history is ahead of the release this run carries: a migrate skips them
 *                 (or, with {@link EngineOptions#strictVersions()}, they are also among the problems)
 */
public record PreflightReport(List<String> problems, List<String> notes, List<VersionSkew> ahead) {

    /**
     * Copies the lists.
     *
     * @param problems see {@link #problems()}
     * @param notes    see {@link #notes()}
     * @param ahead    see {@link #ahead()}
     */
    public PreflightReport {
        problems = List.copyOf(problems);
        notes = List.copyOf(notes);
        ahead = List.copyOf(ahead);
    }

    /**
     * A report without modules ahead of this run's release.
     *
     * @param problems see {@link #problems()}
     * @param notes    see {@link #notes()}
     */
    public PreflightReport(List<String> problems, List<String> notes) {
        this(problems, notes, List.of());
    }

    /** {@return whether nothing stops a migrate} */
    public boolean ok() {
        return problems.isEmpty();
    }
}
