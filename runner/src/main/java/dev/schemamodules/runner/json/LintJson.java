package dev.schemamodules.runner.json;

import dev.schemamodules.core.lint.LintFinding;
import java.util.List;

/**
 * {@code lint --json}.
 *
 * @param passed   whether no finding is unwaived (the exit code is 0 exactly then)
 * @param scripts  how many scripts were checked
 * @param findings every finding, waived ones too
 */
public record LintJson(boolean passed, int scripts, List<Finding> findings) {

    /**
     * @param file         the script's path inside the module jar
     * @param line         1-based line of the statement
     * @param rule         the rule id, {@code SM000}...
     * @param waived       whether a {@code -- lint:ignore} line waives it
     * @param waivedReason the waiver's reason, {@code null} when not waived
     */
    public record Finding(String module, String file, int line, String rule, String message, boolean waived, String waivedReason) {
    }

    public static LintJson of(int scripts, List<LintFinding> findings) {
        return new LintJson(findings.stream().allMatch(LintFinding::waived), scripts, findings.stream()
                .map(f -> new Finding(f.module(), f.file(), f.line(), f.ruleId(), f.message(), f.waived(), f.waivedReason())).toList());
    }
}
