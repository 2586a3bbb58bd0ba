package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.Optional;

/**
 * What migrate did to one module.
 *
 * @param module       module name
 * @param fromVersion  schema version before the run (empty: not installed)
 * @param toVersion    schema version after the run
 * @param migrations   versioned migrations applied
 * @param seeds        seed scripts applied (repeatables, re-applied only when changed)
 * @param duration     wall time for the module
 */
public record ModuleOutcome(String module, Optional<String> fromVersion, Optional<String> toVersion, int migrations, int seeds, Duration duration) {
}
