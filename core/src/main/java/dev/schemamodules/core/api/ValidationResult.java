package dev.schemamodules.core.api;

import java.util.List;

/**
 * Flyway's validation of one module: applied scripts unchanged, nothing failed, nothing missing.
 *
 * @param module the module's name
 * @param valid  whether validation passed
 * @param errors what failed, as sentences (empty when valid)
 */
public record ValidationResult(String module, boolean valid, List<String> errors) {

    /**
     * Copies the list.
     *
     * @param module see {@link #module()}
     * @param valid  see {@link #valid()}
     * @param errors see {@link #errors()}
     */
    public ValidationResult {
        errors = List.copyOf(errors);
    }
}
