package dev.schemamodules.runner.support;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the release of a module that a run uses came from: recorded in {@code info --json}, the migrate
 * summary and the deploy history.
 *
 * @param kind     {@code built-in} (the runner jar), {@code dir} ({@code --modules-dir}) or {@code manifest}
 * @param location the runner version, the jar's path, or the manifest's {@code groupId:artifactId:version}
 * @param sha256   the jar's SHA-256 (manifest releases; null otherwise)
 */
public record ModuleSource(String kind, String location, @JsonInclude(JsonInclude.Include.NON_NULL) String sha256) {

    public static final String BUILT_IN = "built-in";
    public static final String DIR = "dir";
    public static final String MANIFEST = "manifest";

    @Override
    public String toString() {
        return kind.equals(BUILT_IN) ? "built-in" : kind + " " + location;
    }
}
