package dev.schemamodules.core.api;

import java.util.List;
import java.util.Map;

/**
 * One module in a plan, with its schemas resolved to the names they get in this database.
 *
 * @param descriptor     the module
 * @param schemas        deployed schema names, primary first (same order as the descriptor's defaults)
 * @param placeholders   Flyway placeholders for its scripts: {@code schema} (own primary schema) and
 *                       {@code schema.<default name>} for each schema of the module and of the modules it
 *                       declares; an undeclared module's schema has no placeholder, so using it fails
 * @param allowedSchemas schemas its objects may reference: its own and its declared dependencies'
 * @param latestVersion  schema version once all its migrations are applied
 * @param requested      {@code true} when asked for, {@code false} when pulled in as a dependency
 * @param seedLocations  class-path locations of the seed scripts to apply (empty without a seed environment)
 */
public record PlannedModule(
        ModuleDescriptor descriptor,
        List<String> schemas,
        Map<String, String> placeholders,
        List<String> allowedSchemas,
        Version latestVersion,
        boolean requested,
        List<String> seedLocations) {

    /** {@return the module's name} */
    public String name() {
        return descriptor.name();
    }

    /** {@return the primary schema as deployed (it holds the module's history table)} */
    public String primarySchema() {
        return schemas.get(0);
    }
}
