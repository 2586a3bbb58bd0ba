package dev.schemamodules.core.api;

import java.util.Objects;

/**
 * "This module needs module {@code module} installed at schema version {@code minimumVersion} or
 * later". The schema version of a module is the version of its newest migration.
 */
public record Requirement(String module, Version minimumVersion) {

    public Requirement {
        Objects.requireNonNull(module, "module");
        Objects.requireNonNull(minimumVersion, "minimumVersion");
    }

    public static Requirement of(String module, String minimumVersion) {
        return new Requirement(module, Version.parse(minimumVersion));
    }

    @Override
    public String toString() {
        return module + ">=" + minimumVersion;
    }
}
