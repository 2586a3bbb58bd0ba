package dev.schemamodules.core.api;

/** Bad input from the user: an unparsable database URL, an unknown option value. */
public final class ConfigurationException extends SchemaModulesException {

    /**
     * Creates the exception.
     *
     * @param message what is wrong and how to fix it
     */
    public ConfigurationException(String message) {
        super(message);
    }
}
