package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.VerifyResult;
import java.util.List;

/**
 * {@code verify --json}.
 *
 * @param passed  whether every verify script passed (the exit code is 0 exactly then)
 * @param results one per applied migration with a verify script, in plan and version order
 */
public record VerifyJson(boolean passed, List<Result> results) {

    /** @param failure the error the verify script raised, {@code null} when it passed */
    public record Result(String module, String version, String script, boolean passed, String failure) {
    }

    public static VerifyJson of(List<VerifyResult> results) {
        return new VerifyJson(results.stream().allMatch(VerifyResult::passed),
                results.stream().map(r -> new Result(r.module(), r.version(), r.script(), r.passed(), r.failure().orElse(null))).toList());
    }
}
