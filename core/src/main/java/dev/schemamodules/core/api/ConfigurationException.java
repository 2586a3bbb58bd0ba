package dev.schemamodules.core.api;

/** Bad input from the user: an unparsable database URL, an unknown option value. Exit code 2. */
public final class ConfigurationException extends SchemaModulesException {

    public ConfigurationException(String message) {
        super(message);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
