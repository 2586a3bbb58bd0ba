package dev.schemamodules.core.api;

import java.util.Objects;
import java.util.Optional;

/**
 * A module whose history in the database is ahead of the release this run carries: a newer release of the
 * module migrated the database further than this release's newest migration. Such a module is never changed
 * by this run (README, "Version skew").
 *
 * @param module             the module
 * @param databaseVersion    the schema version the database's history has reached
 * @param runnerVersion      the newest schema version of the module release this run carries
 * @param runnerRelease      that release's version (e.g. {@code 1.0.0})
 * @param releaseThatReached the module release recorded when the database reached {@code databaseVersion},
 *                           when a record of it exists (the runner's deploy history)
 */
public record VersionSkew(String module, String databaseVersion, String runnerVersion, String runnerRelease, Optional<String> releaseThatReached) {

    /**
     * Checks the arguments.
     *
     * @param module             see {@link #module()}
     * @param databaseVersion    see {@link #databaseVersion()}
     * @param runnerVersion      see {@link #runnerVersion()}
     * @param runnerRelease      see {@link #runnerRelease()}
     * @param releaseThatReached see {@link #releaseThatReached()}
     */
    public VersionSkew {
        Objects.requireNonNull(module);
        Objects.requireNonNull(databaseVersion);
        Objects.requireNonNull(runnerVersion);
        Objects.requireNonNull(releaseThatReached);
    }

    /** {@return the state as {@code info} shows it: {@code ahead: database at 9, this runner has 8}} */
    public String state() {
        return "ahead: database at " + databaseVersion + ", this runner has " + runnerVersion;
    }

    /** {@return which release the module needs, as one clause} */
    public String needs() {
        return releaseThatReached.map(r -> "it needs " + module + " " + r + " or newer (the release recorded when the database reached " + databaseVersion + ")")
                .orElse("it needs a release of " + module + " that has V" + databaseVersion + " (no deploy recorded which release reached it)");
    }

    /** {@return one sentence naming the module, both versions and the release it needs} */
    public String describe() {
        return "module " + module + " is ahead of this runner: the database is at " + databaseVersion + ", this runner's " + module + " "
                + runnerRelease + " has up to " + runnerVersion + "; " + needs();
    }

    /**
     * This skew with the release that reached the database's version filled in.
     *
     * @param release the release, if known
     * @return a copy
     */
    public VersionSkew withReleaseThatReached(Optional<String> release) {
        return new VersionSkew(module, databaseVersion, runnerVersion, runnerRelease, release);
    }
}
