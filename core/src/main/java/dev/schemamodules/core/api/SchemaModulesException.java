package dev.schemamodules.core.api;

/** Base of every error this project raises on purpose (configuration, plan or migration failure). */
public abstract class SchemaModulesException extends RuntimeException {

    protected SchemaModulesException(String message) {
        super(message);
    }

    protected SchemaModulesException(String message, Throwable cause) {
        super(message, cause);
    }

}
