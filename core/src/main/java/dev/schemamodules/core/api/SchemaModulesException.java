package dev.schemamodules.core.api;

/** Base of every error this project raises on purpose; each kind maps to one documented exit code. */
public abstract class SchemaModulesException extends RuntimeException {

    protected SchemaModulesException(String message) {
        super(message);
    }

    protected SchemaModulesException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The runner's exit code for this kind of error (see README, "Exit codes"). */
    public abstract int exitCode();
}
