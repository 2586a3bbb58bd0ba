package dev.schemamodules.core.api;

import java.util.Objects;

/**
 * "This module needs module {@code module} installed at schema version {@code minimumVersion} or
 * later". The schema version of a module is the version of its newest migration.
 *
 * @param module         the required module's name
 * @param minimumVersion the lowest schema version that satisfies it
 */
public record Requirement(String module, Version minimumVersion) {

    /**
     * Checks that both values are given.
     *
     * @param module         see {@link #module()}
     * @param minimumVersion see {@link #minimumVersion()}
     */
    public Requirement {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(minimumVersion, "minimumVersion");
    }

    /**
     * A requirement from text.
     *
     * @param module         the required module's name
     * @param minimumVersion the lowest schema version, e.g. {@code 3} or {@code 1.2}
     * @return the requirement
     * @throws IllegalArgumentException when the version is not a schema version
     */
    public static Requirement of(String module, String minimumVersion) {
        return new Requirement(module, Version.parse(minimumVersion));
    }

    @Override
    public String toString() {
        return module + ">=" + minimumVersion;
    }
}
