package dev.schemamodules.core.api;

import java.util.List;

/**
 * Differences between each installed module's live schemas and what its applied migrations produce.
 *
 * @param modules one entry per installed module, in plan order
 */
public record DriftReport(List<ModuleDrift> modules) {

    /**
     * Copies the list.
     *
     * @param modules see {@link #modules()}
     */
    public DriftReport {
        modules = List.copyOf(modules);
    }

    /** {@return whether any module differs} */
    public boolean hasDrift() {
        return modules.stream().anyMatch(m -> !m.differences().isEmpty());
    }

    /**
     * One module: the version compared at and what differs.
     *
     * @param module      the module's name
     * @param version     its installed schema version, at which the catalogs were compared
     * @param differences what differs (empty: no drift)
     */
    public record ModuleDrift(String module, String version, List<Difference> differences) {
        /**
         * Copies the list.
         *
         * @param module      see {@link #module()}
         * @param version     see {@link #version()}
         * @param differences see {@link #differences()}
         */
        public ModuleDrift {
            differences = List.copyOf(differences);
        }
    }

    /**
     * One object: {@code missing} (migrations create it, the database lacks it), {@code extra} (the
     * database has it, no migration creates it) or {@code changed} (both have it, defined differently).
     *
     * @param change   {@code missing}, {@code extra} or {@code changed}
     * @param object   {@code "<kind> <schema>.<name>"}, e.g. {@code index therapy.idx_admins_email}
     * @param expected definition the migrations produce (null when extra)
     * @param actual   definition in the database (null when missing)
     */
    public record Difference(String change, String object, String expected, String actual) {
    }
}
