package dev.schemamodules.core.api;

import java.util.List;

/**
 * Differences between each installed module's live schemas and what its applied migrations produce.
 *
 * @param modules one entry per installed module, in plan order
 */
public record DriftReport(List<ModuleDrift> modules) {

    public DriftReport {
        modules = List.copyOf(modules);
    }

    public boolean hasDrift() {
        return modules.stream().anyMatch(m -> !m.differences().isEmpty());
    }

    /** One module: the version compared at and what differs. */
    public record ModuleDrift(String module, String version, List<Difference> differences) {
        public ModuleDrift {
            differences = List.copyOf(differences);
        }
    }

    /**
     * One object: {@code missing} (migrations create it, the database lacks it), {@code extra} (the
     * database has it, no migration creates it) or {@code changed} (both have it, defined differently).
     *
     * @param object   {@code "<kind> <schema>.<name>"}, e.g. {@code index therapy.idx_admins_email}
     * @param expected definition the migrations produce (null when extra)
     * @param actual   definition in the database (null when missing)
     */
    public record Difference(String change, String object, String expected, String actual) {
    }
}
