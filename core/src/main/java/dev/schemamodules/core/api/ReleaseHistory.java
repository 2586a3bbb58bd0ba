package dev.schemamodules.core.api;

import java.util.Optional;

/**
 * Where a caller keeps which module release brought a database to a schema version (the runner: its deploy
 * history). The engine asks it only to name the release a module that is ahead of this run needs.
 */
@FunctionalInterface
public interface ReleaseHistory {

    /** Knows nothing. */
    ReleaseHistory NONE = (module, schemaVersion) -> Optional.empty();

    /**
     * The release of a module recorded when the database reached a schema version.
     *
     * @param module        the module
     * @param schemaVersion the schema version
     * @return the release, if known
     */
    Optional<String> releaseThatReached(String module, String schemaVersion);
}
