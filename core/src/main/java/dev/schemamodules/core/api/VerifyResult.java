package dev.schemamodules.core.api;

import java.util.Optional;

/** The outcome of one verify script, run in a transaction that is rolled back. */
public record VerifyResult(String module, String version, String script, boolean passed, Optional<String> failure) {
}
