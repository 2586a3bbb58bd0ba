package dev.schemamodules.core.api;

/** Base of every error this project raises on purpose (configuration, plan or migration failure). */
public abstract class SchemaModulesException extends RuntimeException {

    /**
     * Creates the exception.
     *
     * @param message what failed, for the user
     */
    protected SchemaModulesException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what failed, for the user
     * @param cause   the underlying failure
     */
    protected SchemaModulesException(String message, Throwable cause) {
        super(message, cause);
    }

}
