package dev.schemamodules.core.api;

/**
 * Applying, validating, verifying or undoing migrations failed against the database. The message
 * names the module, the script and, where PostgreSQL reports it, the line.
 */
public final class MigrationException extends SchemaModulesException {

    /** The module the failure belongs to ({@code null}: the whole run). */
    private final String module;

    /**
     * Creates the exception.
     *
     * @param module  the module the failure belongs to ({@code null}: the whole run)
     * @param message what failed, naming the script and line where known
     */
    public MigrationException(String module, String message) {
        super(message);
        this.module = module;
    }

    /**
     * Creates the exception with its cause.
     *
     * @param module  the module the failure belongs to ({@code null}: the whole run)
     * @param message what failed, naming the script and line where known
     * @param cause   the underlying failure
     */
    public MigrationException(String module, String message, Throwable cause) {
        super(message, cause);
        this.module = module;
    }

    /** {@return the module the failure belongs to, or {@code null} when it concerns the whole run} */
    public String module() {
        return module;
    }
}
