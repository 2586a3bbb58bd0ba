package dev.schemamodules.core.api;

/**
 * Applying, validating, verifying or undoing migrations failed against the database. The message
 * names the module, the script and, where PostgreSQL reports it, the line.
 */
public final class MigrationException extends SchemaModulesException {

    private final String module;

    public MigrationException(String module, String message) {
        super(message);
        this.module = module;
    }

    public MigrationException(String module, String message, Throwable cause) {
        super(message, cause);
        this.module = module;
    }

    /** The module the failure belongs to, or {@code null} when it concerns the whole run. */
    public String module() {
        return module;
    }
}
