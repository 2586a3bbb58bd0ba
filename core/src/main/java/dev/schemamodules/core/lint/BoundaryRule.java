package dev.schemamodules.core.lint;

import dev.schemamodules.core.sql.SqlStatements.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SM014, the module boundary seen statically: a schema named in a migration or seed script must be one of
 * the module's, one of a module it requires, or a system schema ({@link SchemaScope}). The runner enforces
 * the same boundary when it migrates (objects created, altered, dropped or re-owned in another module's
 * schema, grants on its objects, rows written there, function bodies naming its schema); this rule finds
 * it before a database is involved.
 *
 * <p>What is read: the whole statement, including the bodies of functions and DO blocks (dollar-quoted or
 * {@code AS '...'}) and string literals cast to a {@code reg*} type ({@code 'x.t'::regclass}); not
 * comments, other string literals, nor SQL built at run time for {@code EXECUTE}. What counts as a schema:
 * <ul>
 * <li>a {@code ${schema.<name>}} placeholder (the runner defines it only for the module's and its
 *   dependencies' schemas);</li>
 * <li>the name after {@code SCHEMA} ({@code CREATE|ALTER|DROP SCHEMA}, {@code ON SCHEMA}, {@code IN SCHEMA},
 *   {@code SET SCHEMA}) and each entry of a {@code search_path} setting;</li>
 * <li>the qualifier of a qualified name, when it is another known module's schema (anywhere), or, for a
 *   schema no known module owns, when the position says it is a schema and not a table alias or record
 *   variable: a qualified function call or table with a column list ({@code q.f(}), a type after
 *   {@code ::}, a three-part name, or a name after {@code FROM}, {@code JOIN}, {@code INTO}, {@code UPDATE},
 *   {@code TABLE}, {@code REFERENCES}, {@code RETURNS}, {@code SETOF}, {@code TYPE}, {@code FUNCTION} and the
 *   other object keywords, and after the {@code ON} of a GRANT, REVOKE, COMMENT, index, trigger, policy or
 *   rule.</li>
 * </ul>
 * A schema no known module owns is reported only when every required module is known (otherwise it may be
 * one of theirs). Each offending schema is reported once per statement, at its first occurrence.
 */
final class BoundaryRule {

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)\\}");
    private static final Pattern QUALIFIER = Pattern.compile("(?<![\\w$.\"])(" + IDENT + ")\\s*\\.\\s*(" + IDENT + ")");
    private static final Pattern SCHEMA_NAMES = Pattern.compile(
            "(?<![\\w$])(?:(?:CREATE|ALTER|DROP|ON|IN|SET|WITH)\\s+|EXTENSION\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + IDENT + "\\s+)SCHEMA\\s+"
                    + "(?:IF\\s+(?:NOT\\s+)?EXISTS\\s+)?(" + IDENT + "(?:\\s*,\\s*" + IDENT + ")*)", SqlNames.FLAGS);
    private static final Pattern SEARCH_PATH = Pattern.compile(
            "(?<![\\w$])search_path\\s*(?:=|\\bTO\\b)\\s*(" + IDENT + "(?:\\s*,\\s*" + IDENT + ")*)", SqlNames.FLAGS);
    private static final Pattern LIST_ITEM = Pattern.compile(IDENT);
    /** Words after which a (qualified) name is an object: a table, type, function, sequence, ... */
    private static final Pattern OBJECT_KEYWORD = Pattern.compile(
            "(?<![\\w$])(FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES|RETURNS|SETOF|TYPE|DOMAIN|SEQUENCE|VIEW|INDEX|FUNCTION|PROCEDURE|ROUTINE|"
                    + "AGGREGATE|TRUNCATE|LOCK|OF|CALL|COLLATION|STATISTICS)(?:\\s+ONLY)?\\s*$", SqlNames.FLAGS);
    private static final Pattern ON_HEAD = Pattern.compile(
            "^\\s*(?:GRANT|REVOKE|COMMENT|CREATE\\s+(?:UNIQUE\\s+)?INDEX|CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER|"
                    + "(?:CREATE|ALTER|DROP)\\s+POLICY|CREATE\\s+(?:OR\\s+REPLACE\\s+)?RULE|DROP\\s+(?:TRIGGER|RULE))\\b", SqlNames.FLAGS);
    private static final Pattern FIRST_ON = Pattern.compile("(?<![\\w$])ON\\s+", SqlNames.FLAGS);
    private static final Pattern DISTINCT_FROM = Pattern.compile("(?<![\\w$])DISTINCT\\s+FROM\\s*$", SqlNames.FLAGS);
    /** Functions whose argument list has a FROM that is not a table: extract(field FROM x.col), substring(s FROM n), ... */
    private static final Pattern FROM_FUNCTION = Pattern.compile("(?<![\\w$])(extract|substring|trim|overlay|position)\\s*$", SqlNames.FLAGS);
    private static final Set<String> NOT_SCHEMAS = Set.of("new", "old", "excluded");
    /** What a placeholder is replaced with: a name of its own that is never a schema to check. */
    private static final Pattern MASKED_PLACEHOLDER = Pattern.compile("_+");

    private BoundaryRule() {
    }

    /** Adds an SM014 hit for each schema {@code statement} names that {@code scope} does not allow. */
    static void check(Statement statement, SchemaScope scope, List<Hit> hits) {
        String text = statement.text();
        String code = SqlCode.of(text);
        Set<String> reported = new HashSet<>();
        StringBuilder names = new StringBuilder(code);

        Matcher p = PLACEHOLDER.matcher(code);
        while (p.find()) {
            String inner = p.group(1).strip();
            if (inner.startsWith("schema.")) {
                String schema = inner.substring("schema.".length());
                report(scope, schema, p.start(), "placeholder " + p.group(), reported, hits);
            }
            for (int i = p.start(); i < p.end(); i++) {
                names.setCharAt(i, '_');   // a placeholder is a name of its own, never a qualifier to look into
            }
        }
        code = names.toString();

        Matcher s = SCHEMA_NAMES.matcher(code);
        while (s.find()) {
            items(scope, s.group(1), s.start(1), "SCHEMA ", reported, hits);
        }
        Matcher sp = SEARCH_PATH.matcher(code);
        while (sp.find()) {
            items(scope, sp.group(1), sp.start(1), "search_path entry ", reported, hits);
        }

        String head = statement.masked();
        Matcher q = QUALIFIER.matcher(code);
        while (q.find()) {
            String schema = unquote(q.group(1));
            if (scope.allowed(schema) || reported.contains(schema) || MASKED_PLACEHOLDER.matcher(schema).matches()) {
                continue;
            }
            String written = q.group(1) + "." + q.group(2);
            if (scope.owner(schema).isPresent()) {
                report(scope, schema, q.start(), written, reported, hits);
            } else if (!NOT_SCHEMAS.contains(schema) && objectPosition(code, head, q)) {
                report(scope, schema, q.start(), written, reported, hits);
            }
        }
    }

    private static void items(SchemaScope scope, String list, int offset, String what, Set<String> reported, List<Hit> hits) {
        Matcher item = LIST_ITEM.matcher(list);
        while (item.find()) {
            String schema = unquote(item.group());
            if (!schema.startsWith("$") && !MASKED_PLACEHOLDER.matcher(schema).matches()) {
                report(scope, schema, offset + item.start(), what + item.group(), reported, hits);
            }
        }
    }

    private static void report(SchemaScope scope, String schema, int offset, String written, Set<String> reported, List<Hit> hits) {
        String owner = scope.owner(schema).orElse(null);
        if (scope.allowed(schema) || owner == null && !scope.complete() || !reported.add(schema)) {
            return;
        }
        String message;
        if (owner != null) {
            message = written + " names schema " + schema + " of module " + owner + ", which module " + scope.module()
                    + " does not require (migrate refuses a migration that touches, grants on, writes into or names another module's schema): "
                    + scope.declare(owner) + ", or leave " + owner + "'s objects alone";
        } else {
            message = written + " names schema " + schema + ", which is neither one of module " + scope.module() + "'s schemas ("
                    + String.join(", ", scope.own()) + ") nor one of a module it requires (" + scope.requiredModules()
                    + "): add the module that owns " + schema + " to requires= in db/" + scope.module()
                    + "/module.properties, or declare " + schema + " in its schemas= if the module owns it";
        }
        hits.add(new Hit(LintRule.SM014, offset, message));
    }

    /** Whether the qualifier matched by {@code q} is surely a schema (not a table alias or a record variable). */
    private static boolean objectPosition(String code, String masked, Matcher q) {
        String after = code.substring(q.end());
        if (after.matches("(?s)^\\s*[(.].*")) {
            return true;   // q.f( ... ) or q.t (columns), or q.t.c
        }
        String before = code.substring(Math.max(0, q.start() - 60), q.start());
        if (before.stripTrailing().endsWith("::")) {
            return true;
        }
        Matcher k = OBJECT_KEYWORD.matcher(before);
        if (k.find()) {
            String word = k.group(1).toUpperCase(Locale.ROOT);
            if (word.equals("FROM")) {
                String all = code.substring(0, q.start());
                int paren = openParen(all);
                return !DISTINCT_FROM.matcher(before).find() && !FROM_FUNCTION.matcher(all.substring(Math.max(0, paren - 20), paren)).find();
            }
            return true;
        }
        // the name after the first ON of a GRANT, REVOKE, COMMENT, index, trigger, policy or rule
        Matcher on = FIRST_ON.matcher(masked);
        return ON_HEAD.matcher(masked).find() && on.find() && on.end() == q.start();
    }

    /** The offset of the innermost unclosed '(' in {@code text} (0 when none). */
    private static int openParen(String text) {
        int depth = 0;
        for (int i = text.length() - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(') {
                if (depth == 0) {
                    return i;
                }
                depth--;
            }
        }
        return 0;
    }

    private static String unquote(String name) {
        if (name.startsWith("\"") && name.endsWith("\"") && name.length() >= 2) {
            return name.substring(1, name.length() - 1).replace("\"\"", "\"");
        }
        return name.toLowerCase(Locale.ROOT);
    }
}
