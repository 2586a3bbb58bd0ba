package dev.schemamodules.runner.lint;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.lint.LintFinding;
import dev.schemamodules.core.lint.LintRule.ScriptKind;
import dev.schemamodules.core.lint.Linter;
import dev.schemamodules.core.sql.SqlStatements;
import dev.schemamodules.core.sql.SqlStatements.Statement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs squawk (the PostgreSQL migration linter built on PostgreSQL's own parser, npm package
 * {@code squawk-cli}) and our linter on the same migration scripts and lists each squawk finding about a
 * lock or a destructive operation that our linter neither reports nor waives on the same statement.
 * Squawk runs with {@code --assume-in-transaction} (Flyway runs each migration in a transaction, except
 * the {@code CONCURRENTLY} scripts), so, like ours, it does not count what a script does to a table it
 * created itself.
 *
 * <p>Which squawk rules count, and the rules of ours that answer them ({@link #MAPPING}):
 * <table>
 * <tr><th>squawk rule</th><th>ours</th><th>why it counts</th></tr>
 * <tr><td>constraint-missing-not-valid</td><td>SM009, SM010</td><td>scan under a lock that blocks writes</td></tr>
 * <tr><td>adding-foreign-key-constraint</td><td>SM010</td><td>scan under SHARE ROW EXCLUSIVE on both tables</td></tr>
 * <tr><td>disallowed-unique-constraint, adding-serial-primary-key-field</td><td>SM009</td><td>index built under ACCESS EXCLUSIVE</td></tr>
 * <tr><td>changing-column-type</td><td>SM011 (SM001)</td><td>rewrite or check under ACCESS EXCLUSIVE</td></tr>
 * <tr><td>adding-not-nullable-field</td><td>SM004</td><td>SET NOT NULL scans under ACCESS EXCLUSIVE</td></tr>
 * <tr><td>adding-field-with-default, adding-generated-column (squawk's name varies by version)</td><td>SM003</td><td>table rewrite</td></tr>
 * <tr><td>renaming-column, renaming-table</td><td>SM012</td><td>breaks clients at once</td></tr>
 * <tr><td>require-concurrent-index-creation, require-concurrent-index-deletion</td><td>SM002</td><td>SHARE / ACCESS EXCLUSIVE during the build / drop</td></tr>
 * <tr><td>ban-drop-column, ban-drop-table, ban-drop-database, ban-truncate-cascade</td><td>SM001</td><td>destroys data</td></tr>
 * <tr><td>require-lock-timeout</td><td>SM013 (anywhere in the file: squawk reports a file once)</td><td>lock queue; counted only when
 *   squawk's message names a lock mode writers wait for (SHARE or stronger). SHARE UPDATE EXCLUSIVE (CONCURRENTLY,
 *   VALIDATE CONSTRAINT, COMMENT) does not make writers wait, and a lock_timeout would make CREATE INDEX CONCURRENTLY
 *   fail on its waits for older transactions</td></tr>
 * </table>
 * A finding on a statement that acts on a table the same script created (or renamed from one it created) does not count:
 * that table is empty and invisible to other sessions until the migration commits. Squawk exempts such tables for most
 * rules, not for all (e.g. adding-serial-primary-key-field, renaming-table, require-lock-timeout on a {@code COMMENT}).
 * Not counted (style or not about locks and data): prefer-text-field, prefer-timestamp-tz, prefer-bigint-over-int,
 * prefer-bigint-over-smallint, prefer-identity, prefer-robust-stmts, require-statement-timeout (a statement timeout aborts,
 * it does not shorten a lock), adding-required-field (fails loudly on a non-empty table; does not lock long), ban-char-field,
 * ban-concurrent-index-creation-in-transaction (Flyway runs such scripts outside a transaction), syntax-error (reported
 * separately: the comparison needs squawk to parse every file).
 */
final class SquawkComparison {

    /** Squawk rule → our rule ids that answer it. */
    static final Map<String, Set<String>> MAPPING = Map.ofEntries(
            Map.entry("constraint-missing-not-valid", Set.of("SM009", "SM010")),
            Map.entry("adding-foreign-key-constraint", Set.of("SM010")),
            Map.entry("disallowed-unique-constraint", Set.of("SM009")),
            Map.entry("adding-serial-primary-key-field", Set.of("SM009")),
            Map.entry("changing-column-type", Set.of("SM011", "SM001")),
            Map.entry("adding-not-nullable-field", Set.of("SM004")),
            Map.entry("adding-field-with-default", Set.of("SM003")),
            Map.entry("adding-generated-column", Set.of("SM003")),
            Map.entry("renaming-column", Set.of("SM012")),
            Map.entry("renaming-table", Set.of("SM012")),
            Map.entry("require-concurrent-index-creation", Set.of("SM002")),
            Map.entry("require-concurrent-index-deletion", Set.of("SM002")),
            Map.entry("ban-drop-column", Set.of("SM001")),
            Map.entry("ban-drop-table", Set.of("SM001")),
            Map.entry("ban-drop-database", Set.of("SM001")),
            Map.entry("ban-truncate-cascade", Set.of("SM001")),
            Map.entry("require-lock-timeout", Set.of("SM013")));

    /** {@code file:line:column: level: rule message} (squawk's gcc reporter; lines are 0-based). */
    private static final Pattern GCC = Pattern.compile("^(.+?):(\\d+):(\\d+): (\\w+): ([a-z0-9-]+) (.*)$");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{schema(?:\\.([^}]+))?\\}");
    /** The lock mode squawk's require-lock-timeout message names; those writers wait for count. */
    private static final Pattern LOCK_MODE = Pattern.compile("slow ((?:ACCESS |ROW |SHARE |UPDATE )*(?:SHARE|EXCLUSIVE)) lock operations");
    private static final Set<String> BLOCKS_WRITERS = Set.of("SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE");
    private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*)(?:\\s*\\.\\s*(?:\"(?:[^\"]|\"\")*\"|[A-Za-z_][A-Za-z0-9_$]*))*";
    private static final Pattern TARGET = Pattern.compile("^(?:ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?|COMMENT\\s+ON\\s+(?:TABLE|COLUMN)\\s+"
            + "|LOCK\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?|CREATE\\s+(?:UNIQUE\\s+)?INDEX\\b.*?\\sON\\s+(?:ONLY\\s+)?"
            + "|(?:CREATE|DROP|ALTER)\\s+(?:OR\\s+REPLACE\\s+)?(?:POLICY|TRIGGER|RULE)\\b.*?\\sON\\s+)(" + NAME + ")",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern RENAME = Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(" + NAME + ")\\s+RENAME\\s+TO\\s+(" + NAME + ")",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE\\s+(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?(?:TABLE|MATERIALIZED\\s+VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** One squawk finding; {@code line} is 1-based. */
    record SquawkFinding(String file, int line, String rule, String message) {
    }

    /** A squawk finding our linter does not answer. */
    record Gap(String module, String file, int line, String rule, String message, String statement) {
        @Override
        public String toString() {
            return file + ":" + line + ": squawk " + rule + " (" + message + ") not reported or waived by our linter (expected one of "
                    + MAPPING.get(rule) + ")\n    " + statement;
        }
    }

    /** A migration script with placeholders resolved, and our findings on it. */
    record Script(String module, String file, String sql, List<LintFinding> findings) {
    }

    private SquawkComparison() {
    }

    /** The module's migration scripts with {@code ${schema}} / {@code ${schema.x}} replaced by the default schema names. */
    static List<Script> migrations(ModuleDescriptor module) {
        List<Script> out = new ArrayList<>();
        for (Linter.Script s : Linter.scripts(module)) {
            if (s.kind() != ScriptKind.MIGRATION) {
                continue;
            }
            String sql = PLACEHOLDER.matcher(s.sql()).replaceAll(m -> Matcher.quoteReplacement(
                    m.group(1) == null ? module.schemas().get(0) : m.group(1)));
            out.add(new Script(module.name(), s.file(), sql, Linter.lintScript(module, s.file(), s.kind(), s.sql())));
        }
        return out;
    }

    /** Writes the scripts under {@code dir} (by resource path), runs squawk on them, returns its findings by resource path. */
    static List<SquawkFinding> runSquawk(Path squawk, Path dir, List<Script> scripts) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(squawk.toString(), "--reporter", "gcc", "--pg-version", "15", "--assume-in-transaction"));
        for (Script s : scripts) {
            Path file = dir.resolve(s.file());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.sql(), StandardCharsets.UTF_8);
            command.add(s.file());
        }
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("squawk did not finish within 120 s");
        }
        // exit code 1 = findings; anything else is a failure of squawk itself
        if (p.exitValue() > 1) {
            throw new IllegalStateException("squawk exited with " + p.exitValue() + ":\n" + output);
        }
        return parse(output);
    }

    static List<SquawkFinding> parse(String gccOutput) {
        List<SquawkFinding> out = new ArrayList<>();
        for (String line : gccOutput.split("\\R")) {
            Matcher m = GCC.matcher(line);
            if (m.matches()) {
                out.add(new SquawkFinding(m.group(1), Integer.parseInt(m.group(2)) + 1, m.group(5), m.group(6)));
            }
        }
        return out;
    }

    /** Every locking or destructive squawk finding that our linter does not report or waive on the same statement. */
    static List<Gap> gaps(List<Script> scripts, List<SquawkFinding> squawk) {
        List<Gap> gaps = new ArrayList<>();
        for (SquawkFinding f : squawk) {
            Set<String> ours = MAPPING.get(f.rule());
            if (ours == null) {
                continue;
            }
            Script script = scripts.stream().filter(s -> s.file().equals(f.file())).findFirst()
                    .orElseThrow(() -> new IllegalStateException("squawk reported a file we did not give it: " + f.file()));
            List<Statement> statements = SqlStatements.split(script.sql());
            Statement statement = statementAt(statements, f.line());
            String text = statement == null ? "" : statement.text().strip().replaceAll("\\s+", " ");
            if (onTableCreatedEarlier(statements, statement)) {
                // the script's own new table: empty and invisible to other sessions until the migration commits
                continue;
            }
            boolean answered;
            if (f.rule().equals("require-lock-timeout")) {
                Matcher mode = LOCK_MODE.matcher(f.message());
                if (statement == null || !mode.find() || !BLOCKS_WRITERS.contains(mode.group(1))) {
                    continue;
                }
                answered = script.findings().stream().anyMatch(l -> ours.contains(l.ruleId()));
            } else {
                answered = statement != null && script.findings().stream().anyMatch(l -> ours.contains(l.ruleId())
                        && l.line() >= statement.line() && l.line() <= statement.endLine());
            }
            if (!answered) {
                gaps.add(new Gap(script.module(), f.file(), f.line(), f.rule(), f.message(), text.length() > 160 ? text.substring(0, 160) + " ..." : text));
            }
        }
        return gaps;
    }

    /** Whether the statement acts on a table created (or renamed from one created) earlier in the same script. */
    private static boolean onTableCreatedEarlier(List<Statement> statements, Statement statement) {
        if (statement == null) {
            return false;
        }
        Matcher t = TARGET.matcher(statement.masked().strip());
        if (!t.find()) {
            return false;
        }
        String table = bare(t.group(1));
        if (statement.masked().strip().matches("(?is)^COMMENT\\s+ON\\s+COLUMN\\b.*") && table.contains(".")) {
            table = table.substring(0, table.lastIndexOf('.'));
        }
        Set<String> created = new java.util.HashSet<>();
        for (Statement earlier : statements) {
            if (earlier.line() >= statement.line()) {
                break;
            }
            String sql = earlier.masked().strip();
            Matcher c = CREATE_TABLE.matcher(sql);
            if (c.find()) {
                created.add(bare(c.group(1)));
            }
            Matcher r = RENAME.matcher(sql);
            if (r.find() && created.contains(bare(r.group(1)))) {
                String from = bare(r.group(1));
                created.add((from.contains(".") ? from.substring(0, from.lastIndexOf('.') + 1) : "") + bare(r.group(2)));
            }
        }
        return created.contains(table);
    }

    /** For COMMENT ON COLUMN t.c the table part; otherwise the qualified name, lower case unless quoted. */
    private static String bare(String qualified) {
        String[] parts = qualified.replaceAll("\\s", "").split("\\.");
        return String.join(".", java.util.Arrays.stream(parts)
                .map(p -> p.startsWith("\"") ? p.substring(1, p.length() - 1) : p.toLowerCase(Locale.ROOT)).toList());
    }

    /** The statement on {@code line}, else the next one (squawk may point at a comment line just above a statement). */
    private static Statement statementAt(List<Statement> statements, int line) {
        for (Statement s : statements) {
            if (line <= s.endLine()) {
                return s;
            }
        }
        return null;
    }
}
