package dev.schemamodules.runner.support;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the release of a module that a run uses came from: recorded in {@code info --json}, the migrate
 * summary and the deploy history.
 *
 * @param kind     {@code built-in} (the runner jar), {@code dir} ({@code --modules-dir}) or {@code manifest}
 * @param location the runner version, the jar's path, or the manifest's {@code groupId:artifactId:version}
 * @param sha256   the jar's SHA-256 (manifest releases; null otherwise)
 */
public record ModuleSource(String kind, String location, String sha256) {

    public static final String BUILT_IN = "built-in";
    public static final String DIR = "dir";
    public static final String MANIFEST = "manifest";

    public Map<String, Object> toJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("kind", kind);
        o.put("location", location);
        if (sha256 != null) {
            o.put("sha256", sha256);
        }
        return o;
    }

    @Override
    public String toString() {
        return kind.equals(BUILT_IN) ? "built-in" : kind + " " + location;
    }
}
