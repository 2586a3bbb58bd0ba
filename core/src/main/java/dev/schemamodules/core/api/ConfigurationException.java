package dev.schemamodules.core.api;

/** Bad input from the user: an unparsable database URL, an unknown option value. */
public final class ConfigurationException extends SchemaModulesException {

    public ConfigurationException(String message) {
        super(message);
    }
}
