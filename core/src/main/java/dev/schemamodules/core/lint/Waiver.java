package dev.schemamodules.core.lint;

import dev.schemamodules.core.sql.SqlStatements.Comment;
import dev.schemamodules.core.sql.SqlStatements.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A waiver comment: it tells the linter that a finding on one statement is intended, and why.
 *
 * <p>Syntax (case-insensitive keyword and ids; {@code --} or {@code /* *}{@code /} comments):
 * <pre>
 * -- lint:ignore SM002 orders is empty when this runs: created in V4, first written by the V6 release
 * CREATE INDEX idx_orders_customer ON orders (customer_id);
 *
 * -- lint:ignore SM001, SM004 replaced by sessions_v2 in the same release (see V3)
 * ALTER TABLE sessions DROP COLUMN legacy, ALTER COLUMN started_at SET NOT NULL;
 *
 * CREATE INDEX idx_tmp ON staging (id); -- lint:ignore SM002 staging holds at most 100 rows
 * </pre>
 * {@code lint:ignore}, then one or more rule ids separated by commas, then the reason (free text; a
 * leading {@code :}, {@code -} or em dash is dropped). The comment applies to one statement: it must be
 * in the block of comment lines immediately above the statement (no blank line in between), or start on
 * the statement's first line (after it, also past its semicolon). A waiver without a reason, without a
 * rule id or naming an unknown rule waives nothing and is itself a finding, {@link LintRule#SM000}.
 * SM000 cannot be waived.
 *
 * <p>A script made only of statements that share one justification (an index-only migration on tables
 * an earlier migration of the same release created) can carry one file waiver in its header, the
 * comments before its first statement:
 * <pre>
 * -- lint:ignore-file SM002 the tables of V10 are empty until this release ships
 * </pre>
 * It waives those rules for every statement of the script (applied migrations never change, so it
 * cannot cover statements added later). Elsewhere in the script it is an SM000 finding.
 *
 * @param line    line of the comment
 * @param ruleIds the rule ids named, upper case
 * @param reason  the reason, or empty
 * @param problem   why the waiver is invalid, or null when it is valid
 * @param fileScope {@code lint:ignore-file}: applies to the whole script
 */
public record Waiver(int line, Set<String> ruleIds, String reason, String problem, boolean fileScope) {

    private static final Pattern MARKER = Pattern.compile("(?i)lint:ignore(-file)?(?![\\w-])");
    private static final Pattern IDS = Pattern.compile("(?i)\\s*([A-Z]+[0-9]+(?:\\s*,\\s*[A-Z]+[0-9]+)*)");

    public boolean valid() {
        return problem == null;
    }

    /** The waiver a comment carries, if it carries one (valid or not). */
    public static Optional<Waiver> parse(Comment comment) {
        String body = comment.body();
        Matcher marker = MARKER.matcher(body);
        if (!marker.find()) {
            return Optional.empty();
        }
        boolean fileScope = marker.group(1) != null;
        String rest = body.substring(marker.end());
        Matcher ids = IDS.matcher(rest);
        if (!ids.lookingAt()) {
            return Optional.of(new Waiver(comment.startLine(), Set.of(), "", "waiver names no rule: write -- lint:ignore SMnnn <reason>", fileScope));
        }
        Set<String> named = new LinkedHashSet<>();
        Arrays.stream(ids.group(1).split(",")).map(s -> s.trim().toUpperCase(Locale.ROOT)).forEach(named::add);
        String reason = rest.substring(ids.end()).replaceAll("\\s+", " ").trim().replaceFirst("^[:\\-\u2014\u2013]+\\s*", "").trim();
        List<String> unknown = named.stream().filter(id -> LintRule.byId(id).isEmpty() || id.equals(LintRule.SM000.id())).toList();
        String problem = null;
        if (!unknown.isEmpty()) {
            problem = "waiver names " + (unknown.size() == 1 ? "an unknown rule: " : "unknown rules: ") + String.join(", ", unknown)
                    + " (rules: SM001-" + LintRule.values()[LintRule.values().length - 1].id() + "; SM000 cannot be waived)";
        } else if (reason.isEmpty()) {
            problem = "waiver of " + String.join(", ", named) + " gives no reason: add why it is safe after the rule ids";
        }
        return Optional.of(new Waiver(comment.startLine(), Set.copyOf(named), reason, problem, fileScope));
    }

    /** The file waivers in the script's header: the comments before its first statement. */
    public static List<Waiver> fileWaivers(List<Statement> statements) {
        if (statements.isEmpty()) {
            return List.of();
        }
        return statements.get(0).leading().stream().map(Waiver::parse).flatMap(Optional::stream).filter(Waiver::fileScope).toList();
    }

    /** Every statement waiver attached to {@code statement}: immediately above it, or on its first line. */
    public static List<Waiver> attachedTo(Statement statement) {
        List<Comment> attached = new ArrayList<>();
        int cursor = statement.line();
        List<Comment> leading = statement.leading();
        for (int i = leading.size() - 1; i >= 0; i--) {
            Comment c = leading.get(i);
            if (c.endLine() == cursor || c.endLine() == cursor - 1) {
                attached.add(c);
                cursor = c.startLine();
            } else {
                break;
            }
        }
        statement.inner().stream().filter(c -> c.startLine() == statement.line()).forEach(attached::add);
        statement.trailing().stream().filter(c -> c.startLine() == statement.line()).forEach(attached::add);
        return attached.stream().map(Waiver::parse).flatMap(Optional::stream).filter(w -> !w.fileScope()).toList();
    }

    /** Every waiver comment near {@code statement}, attached or not (for SM000). */
    public static List<Waiver> allAround(Statement statement) {
        List<Comment> all = new ArrayList<>(statement.leading());
        all.addAll(statement.inner());
        all.addAll(statement.trailing());
        return all.stream().map(Waiver::parse).flatMap(Optional::stream).toList();
    }
}
