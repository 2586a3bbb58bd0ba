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
 */
public record PlanRequest(List<String> modules, Map<String, String> schemaOverrides, Optional<String> seedEnvironment) {

    public PlanRequest {
        modules = List.copyOf(Objects.requireNonNull(modules));
        schemaOverrides = Map.copyOf(Objects.requireNonNull(schemaOverrides));
        Objects.requireNonNull(seedEnvironment);
    }

    public static PlanRequest all() {
        return new PlanRequest(List.of(), Map.of(), Optional.empty());
    }

    public static PlanRequest of(String... modules) {
        return new PlanRequest(List.of(modules), Map.of(), Optional.empty());
    }

    public PlanRequest withSeed(String environment) {
        return new PlanRequest(modules, schemaOverrides, Optional.ofNullable(environment));
    }

    public PlanRequest withSchemaOverrides(Map<String, String> overrides) {
        return new PlanRequest(modules, overrides, seedEnvironment);
    }
}
