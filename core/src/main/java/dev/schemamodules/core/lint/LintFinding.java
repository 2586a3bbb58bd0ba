package dev.schemamodules.core.lint;

/**
 * One finding.
 *
 * @param module       module name
 * @param file         resource path of the script, e.g. {@code db/therapy/migration/V3__x.sql}
 * @param line         1-based line of the offending clause
 * @param ruleId       {@link LintRule} id, e.g. {@code SM002}
 * @param message      what is wrong and what to do instead
 * @param waivedReason the reason given in the waiver comment, or {@code null} when not waived
 */
public record LintFinding(String module, String file, int line, String ruleId, String message, String waivedReason) {

    public boolean waived() {
        return waivedReason != null;
    }

    /** {@code <file>:<line>: <ruleId> <message>}, plus {@code (waived: reason)} when waived. */
    public String format() {
        return file + ":" + line + ": " + ruleId + " " + message + (waived() ? " (waived: " + waivedReason + ")" : "");
    }
}
