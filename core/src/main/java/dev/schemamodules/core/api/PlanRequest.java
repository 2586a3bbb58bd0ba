package dev.schemamodules.core.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What to plan: the modules asked for (empty = every available module; dependencies are always pulled
 * in), schema name overrides ({@code default name -> deployed name}, e.g. {@code therapy -> public}),
 * and the seed environment to apply ({@code dev}, {@code test}, ...; {@code common} seeds come with
 * any environment).
 *
 * @param modules         the modules asked for (empty: every available module)
 * @param schemaOverrides default schema name to deployed name
 * @param seedEnvironment the seed environment to apply (empty: no seeds)
 */
public record PlanRequest(List<String> modules, Map<String, String> schemaOverrides, Optional<String> seedEnvironment) {

    /**
     * Checks and copies the values.
     *
     * @param modules         see {@link #modules()}
     * @param schemaOverrides see {@link #schemaOverrides()}
     * @param seedEnvironment see {@link #seedEnvironment()}
     */
    public PlanRequest {
        modules = List.copyOf(Objects.requireNonNull(modules));
        schemaOverrides = Map.copyOf(Objects.requireNonNull(schemaOverrides));
        Objects.requireNonNull(seedEnvironment);
    }

    /** {@return a request for every available module, default schema names, no seeds} */
    public static PlanRequest all() {
        return new PlanRequest(List.of(), Map.of(), Optional.empty());
    }

    /**
     * A request for some modules (and what they require).
     *
     * @param modules the modules' names
     * @return the request, with default schema names and no seeds
     */
    public static PlanRequest of(String... modules) {
        return new PlanRequest(List.of(modules), Map.of(), Optional.empty());
    }

    /**
     * Sets the seed environment.
     *
     * @param environment e.g. {@code dev} ({@code null}: no seeds)
     * @return a copy with that environment
     */
    public PlanRequest withSeed(String environment) {
        return new PlanRequest(modules, schemaOverrides, Optional.ofNullable(environment));
    }

    /**
     * Sets the schema name overrides.
     *
     * @param overrides default schema name to deployed name
     * @return a copy with these overrides
     */
    public PlanRequest withSchemaOverrides(Map<String, String> overrides) {
        return new PlanRequest(modules, overrides, seedEnvironment);
    }
}
