package dev.schemamodules.core.api;

/**
 * The requested modules cannot be composed into a plan: a missing dependency, a cycle, a dependency
 * below the required version, a duplicate module name, an invalid descriptor. Always raised before
 * any database connection is opened.
 */
public final class PlanException extends SchemaModulesException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming the module
     */
    public PlanException(String message) {
        super(message);
    }
}
