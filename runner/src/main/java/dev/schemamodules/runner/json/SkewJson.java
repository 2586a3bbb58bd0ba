package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.VersionSkew;

/**
 * A module whose history in the database is ahead of the release this runner carries ({@code info}, and {@code plan}'s
 * preflight).
 *
 * @param state              always {@code ahead}
 * @param databaseVersion    the schema version the database's history reached
 * @param runnerVersion      the newest schema version of the release this runner carries
 * @param runnerRelease      that release's version
 * @param releaseThatReached the module release the deploy history recorded when the database reached {@code databaseVersion};
 *                           {@code null} when no deploy recorded it
 */
public record SkewJson(String state, String databaseVersion, String runnerVersion, String runnerRelease, String releaseThatReached) {

    /** {@code null} for {@code null}. */
    public static SkewJson of(VersionSkew k) {
        return k == null ? null : new SkewJson("ahead", k.databaseVersion(), k.runnerVersion(), k.runnerRelease(), k.releaseThatReached().orElse(null));
    }
}
