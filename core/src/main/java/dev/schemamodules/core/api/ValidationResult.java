package dev.schemamodules.core.api;

import java.util.List;

/** Flyway's validation of one module: applied scripts unchanged, nothing failed, nothing missing. */
public record ValidationResult(String module, boolean valid, List<String> errors) {

    public ValidationResult {
        errors = List.copyOf(errors);
    }
}
