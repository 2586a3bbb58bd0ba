package dev.schemamodules.runner;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.SchemaModulesException;

/** The runner's exit codes, a documented contract (README, "Exit codes"). */
public final class ExitCodes {

    /** Success (for verify/validate/drift: everything passed). */
    public static final int OK = 0;
    /** A migration, undo, verify, validation or connection failed. */
    public static final int FAILURE = 1;
    /** Bad command line or configuration (unknown option, malformed URL). */
    public static final int USAGE = 2;
    /** The modules cannot be planned: missing, cyclic or too old dependency, duplicate module. */
    public static final int PLAN = 3;

    /** The exit code for an error the engine raised on purpose. */
    public static int of(SchemaModulesException e) {
        if (e instanceof ConfigurationException) {
            return USAGE;
        }
        if (e instanceof PlanException) {
            return PLAN;
        }
        return FAILURE;
    }

    private ExitCodes() {
    }
}
