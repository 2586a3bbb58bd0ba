package dev.schemamodules.core.lint;

import static dev.schemamodules.core.lint.SqlNames.PART;
import static dev.schemamodules.core.lint.SqlNames.NAME;
import static dev.schemamodules.core.lint.SqlNames.FLAGS;
import static dev.schemamodules.core.lint.SqlNames.key;
import static dev.schemamodules.core.lint.SqlNames.simpleName;
import static dev.schemamodules.core.lint.SqlNames.splitQualified;
import static dev.schemamodules.core.lint.SqlNames.splitTopLevel;
import static dev.schemamodules.core.lint.SqlNames.normalizeKind;
import static dev.schemamodules.core.lint.SqlNames.firstWords;

import dev.schemamodules.core.lint.LintRule.ScriptKind;
import dev.schemamodules.core.sql.SqlStatements.Statement;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules on top-level statements, by statement head: SM001 (destructive statements), SM002 (index
 * builds and drops without CONCURRENTLY), SM005 (repeatable seeds), SM006 / SM007 (routines without a
 * pinned search_path), SM008 (grants to PUBLIC), SM013 (locking statements without a lock_timeout);
 * {@code ALTER TABLE} clauses go to {@link AlterTableRules}. Semantics in {@link Linter}.
 */
final class StatementRules {

    /** CREATE TABLE (also AS, PARTITION OF) or MATERIALIZED VIEW: a relation that is new, hence empty or unused, in this script. */
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "^CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:(?:TEMP|TEMPORARY|UNLOGGED)\\s+)?(?:TABLE|MATERIALIZED\\s+VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?("
                    + NAME + ")", FLAGS);
    private static final Pattern CREATE_OBJECT = Pattern.compile(
            "^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:(?:GLOBAL|LOCAL|TEMP|TEMPORARY|UNLOGGED|UNIQUE|MATERIALIZED|RECURSIVE|CONSTRAINT|TRUSTED|PROCEDURAL)\\s+)*"
                    + "(TABLE|SCHEMA|TYPE|DOMAIN|SEQUENCE|INDEX|VIEW|FUNCTION|PROCEDURE|TRIGGER|POLICY|EXTENSION|ROLE|AGGREGATE|OPERATOR|CAST|RULE|"
                    + "STATISTICS|COLLATION|PUBLICATION|SUBSCRIPTION|SERVER|LANGUAGE|EVENT\\s+TRIGGER|FOREIGN\\s+TABLE|TEXT\\s+SEARCH\\s+\\w+)\\s+"
                    + "(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(" + NAME + ")?", FLAGS);
    private static final Pattern DROP_IF_EXISTS = Pattern.compile(
            "^DROP\\s+(?:MATERIALIZED\\s+)?(TABLE|SCHEMA|TYPE|DOMAIN|SEQUENCE|INDEX|VIEW|FUNCTION|PROCEDURE|TRIGGER|POLICY|EXTENSION|ROLE|"
                    + "AGGREGATE|OPERATOR|CAST|RULE|STATISTICS|COLLATION|PUBLICATION|SUBSCRIPTION|SERVER|LANGUAGE|EVENT\\s+TRIGGER|FOREIGN\\s+TABLE|"
                    + "TEXT\\s+SEARCH\\s+\\w+)\\s+(?:CONCURRENTLY\\s+)?IF\\s+EXISTS\\s+(" + NAME + ")", FLAGS);
    private static final Pattern DROP_DESTRUCTIVE = Pattern.compile(
            "^DROP\\s+(TABLE|SCHEMA|TYPE|DOMAIN|SEQUENCE)\\s+(?:IF\\s+EXISTS\\s+)?(" + NAME + "(?:\\s*,\\s*" + NAME + ")*)", FLAGS);
    private static final Pattern ALTER_TABLE = Pattern.compile(
            "^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?(" + NAME + ")\\s*\\*?\\s*", FLAGS);
    static final Pattern INLINE_REFERENCES = Pattern.compile("\\bREFERENCES\\s+(" + NAME + ")", FLAGS);
    private static final Pattern VALIDATE_CONSTRAINT = Pattern.compile("^VALIDATE\\s+CONSTRAINT\\b", FLAGS);
    private static final Pattern LOCK_TIMEOUT = Pattern.compile(
            "^SET\\s+(?:(?:LOCAL|SESSION)\\s+)?lock_timeout\\b|\\bset_config\\s*\\(\\s*'lock_timeout'", FLAGS);
    private static final Pattern TEMP = Pattern.compile("^CREATE\\s+(?:(?:GLOBAL|LOCAL)\\s+)?(?:TEMP|TEMPORARY)\\b", FLAGS);
    private static final Pattern PARTITION_OF = Pattern.compile("\\bPARTITION\\s+OF\\s+(" + NAME + ")", FLAGS);
    private static final Pattern DROP_INDEX = Pattern.compile(
            "^DROP\\s+INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+EXISTS\\s+)?(" + NAME + "(?:\\s*,\\s*" + NAME + ")*)", FLAGS);
    private static final Pattern ON_TABLE = Pattern.compile(
            "^(?:CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:CONSTRAINT\\s+)?TRIGGER|DROP\\s+TRIGGER|CREATE\\s+POLICY|ALTER\\s+POLICY|DROP\\s+POLICY|CREATE\\s+(?:OR\\s+REPLACE\\s+)?RULE|DROP\\s+RULE)\\b"
                    + ".*?\\sON\\s+(?:ONLY\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern LOCK_TABLE = Pattern.compile("^LOCK\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern REFRESH_MATVIEW = Pattern.compile("^REFRESH\\s+MATERIALIZED\\s+VIEW\\s+(?!CONCURRENTLY\\b)(" + NAME + ")", FLAGS);
    private static final Pattern CREATE_INDEX_NAME = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?!ON\\b)(" + NAME + ")\\s+ON\\b", FLAGS);
    private static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + NAME + "(?:\\s*\\*?\\s*,\\s*(?:ONLY\\s+)?" + NAME + ")*)", FLAGS);
    private static final Pattern DELETE = Pattern.compile("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b", FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\b)" + PART + "\\s+)?ON\\s+(ONLY\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern CREATE_ROUTINE = Pattern.compile("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(FUNCTION|PROCEDURE)\\s+(" + NAME + ")", FLAGS);
    static final Pattern ALTER_ROUTINE_PINNED = Pattern.compile(
            "^ALTER\\s+(?:FUNCTION|PROCEDURE|ROUTINE)\\s+(" + NAME + ").*\\bSET\\s+search_path\\b", FLAGS);
    private static final Pattern SET_SEARCH_PATH = Pattern.compile("\\bSET\\s+search_path\\b", FLAGS);
    private static final Pattern SECURITY_DEFINER = Pattern.compile("\\bSECURITY\\s+DEFINER\\b", FLAGS);
    private static final Pattern QUOTED_BODY = Pattern.compile("\\bAS\\s*(?:[EU]&?)?(?:'|\\$)", FLAGS);
    private static final Pattern LANGUAGE_C = Pattern.compile("\\bLANGUAGE\\s+'?(?:c|internal)\\b", FLAGS);
    private static final Pattern GRANT = Pattern.compile("^(?:ALTER\\s+DEFAULT\\s+PRIVILEGES\\b.*?\\s)?GRANT\\b", FLAGS);
    private static final Pattern GRANTEES = Pattern.compile("\\sTO\\s+((?:(?!\\sTO\\s).)*?)(?:\\s+WITH\\s+(?:GRANT|ADMIN|INHERIT|SET)\\b.*|\\s+GRANTED\\s+BY\\b.*)?$", FLAGS);
    private static final Pattern PUBLIC = Pattern.compile("(?<![\\w\"$.])PUBLIC(?![\\w\"$])", FLAGS);
    private static final Pattern INSERT = Pattern.compile("\\bINSERT\\s+INTO\\b", FLAGS);
    private static final Pattern IDEMPOTENT_INSERT = Pattern.compile("\\bON\\s+CONFLICT\\b|\\bNOT\\s+EXISTS\\b", FLAGS);
    private static final Pattern CREATE_REPEATABLE = Pattern.compile("^CREATE\\s+OR\\s+REPLACE\\b|\\bIF\\s+NOT\\s+EXISTS\\b", FLAGS);

    private StatementRules() {
    }

    /** Every statement-level rule on {@code statement}; updates {@code state} with what it creates. */
    static void check(Statement statement, ScriptKind kind, ScriptState state, List<Hit> hits) {
        String masked = statement.masked();
        int lead = masked.length() - masked.stripLeading().length();
        String sql = masked.strip();
        String head = firstWords(sql, 2);

        if (LOCK_TIMEOUT.matcher(sql).find() || LOCK_TIMEOUT.matcher(statement.text().strip()).find()) {
            state.lockTimeout = true;
        }
        // a strong lock on a table that existed before the script: it must not queue without a lock_timeout
        String locked = lockedExistingTable(sql, state);
        if (locked != null && !state.lockTimeout && !state.lockTimeoutReported) {
            state.lockTimeoutReported = true; // once per script: one SET LOCAL lock_timeout at its top fixes every statement
            hits.add(new Hit(LintRule.SM013, lead, locked + " without a lock_timeout: if a long transaction holds the table, "
                    + "this statement queues and every later reader and writer waits behind it; SET LOCAL lock_timeout first"));
        }

        Matcher m;
        if ((m = CREATE_TABLE.matcher(sql)).find()) {
            String key = key(m.group(1));
            if (TEMP.matcher(sql).find() && key.startsWith(".") && !m.group(1).strip().startsWith("${schema}")) {
                key = "pg_temp" + key;
            }
            state.createdTables.add(key);
        }
        if ((m = CREATE_INDEX_NAME.matcher(sql)).find()) {
            state.createdIndexes.add(key(m.group(1)));
        }
        if ((m = CREATE_OBJECT.matcher(sql)).find()) {
            String objectKind = normalizeKind(m.group(1));
            String name = m.group(2) == null ? "" : simpleName(m.group(2));
            boolean repeatable = CREATE_REPEATABLE.matcher(sql).find() || state.droppedIfExists.contains(objectKind + ":" + name);
            if (!repeatable) {
                hits.add(new Hit(LintRule.SM005, lead, "CREATE " + m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ")
                        + " in a seed script fails when re-run: use IF NOT EXISTS / OR REPLACE, or DROP ... IF EXISTS first"));
            }
            state.createdObjects.add(objectKind + ":" + (m.group(2) == null ? "" : key(m.group(2))));
        } else if ((m = DROP_IF_EXISTS.matcher(sql)).find()) {
            state.droppedIfExists.add(normalizeKind(m.group(1)) + ":" + simpleName(m.group(2)));
        }

        if ((m = DROP_DESTRUCTIVE.matcher(sql)).find()) {
            String objectKind = normalizeKind(m.group(1));
            List<String> names = splitQualified(m.group(2));
            boolean allCreatedHere = names.stream().allMatch(n -> objectKind.equals("table")
                    ? state.created(n) : state.createdObjects.contains(objectKind + ":" + key(n)));
            if (!allCreatedHere) {
                hits.add(new Hit(LintRule.SM001, lead, "DROP " + objectKind.toUpperCase(Locale.ROOT) + " "
                        + String.join(", ", names.stream().map(n -> n.replaceAll("\\s+", "")).toList())
                        + " destroys data; only undo scripts drop what a migration created"));
            }
        } else if ((m = DROP_INDEX.matcher(sql)).find()) {
            List<String> names = splitQualified(m.group(2));
            if (m.group(1) == null && !names.stream().allMatch(n -> state.createdIndexes.contains(key(n)))) {
                hits.add(new Hit(LintRule.SM002, lead, "DROP INDEX " + String.join(", ", names.stream().map(SqlNames::simpleName).toList())
                        + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table: DROP INDEX CONCURRENTLY, alone in a migration"));
            }
        } else if ((m = TRUNCATE.matcher(sql)).find()) {
            List<String> names = splitQualified(m.group(1).replaceAll("(?i)\\bONLY\\b|\\*", " "));
            if (!names.stream().allMatch(state::created)) {
                hits.add(new Hit(LintRule.SM001, lead, "TRUNCATE " + String.join(", ", names.stream().map(SqlNames::simpleName).toList())
                        + " destroys data"));
            }
        } else if ((m = DELETE.matcher(sql)).find()) {
            if (!WHERE.matcher(sql).find() && !state.created(m.group(1))) {
                hits.add(new Hit(LintRule.SM001, lead, "DELETE FROM " + simpleName(m.group(1)) + " without WHERE deletes every row"));
            }
        } else if ((m = ALTER_TABLE.matcher(sql)).find()) {
            AlterTableRules.check(sql, lead, m, state, hits);
        } else if ((m = CREATE_INDEX.matcher(sql)).find()) {
            String table = m.group(3);
            if (m.group(1) == null && m.group(2) == null && !state.created(table)) {
                hits.add(new Hit(LintRule.SM002, lead, "CREATE INDEX on existing table " + simpleName(table)
                        + " without CONCURRENTLY blocks writes while the index builds: CREATE INDEX CONCURRENTLY, alone in a migration"));
            }
        }

        if ((m = CREATE_ROUTINE.matcher(sql)).find()) {
            String routine = simpleName(m.group(2));
            boolean pinned = SET_SEARCH_PATH.matcher(sql).find() || state.pinnedByAlter.contains(routine);
            String what = m.group(1).toLowerCase(Locale.ROOT) + " " + routine;
            if (!pinned && SECURITY_DEFINER.matcher(sql).find()) {
                hits.add(new Hit(LintRule.SM007, lead, "SECURITY DEFINER " + what
                        + " has no SET search_path: pin it (e.g. SET search_path = pg_catalog, pg_temp)"));
            } else if (!pinned && QUOTED_BODY.matcher(sql).find() && !LANGUAGE_C.matcher(sql).find()) {
                hits.add(new Hit(LintRule.SM006, lead, what + " has no SET search_path: pin it (e.g. SET search_path = pg_catalog, pg_temp)"));
            }
        }

        if (GRANT.matcher(sql).find()) {
            Matcher g = GRANTEES.matcher(sql);
            if (g.find() && PUBLIC.matcher(g.group(1)).find()) {
                hits.add(new Hit(LintRule.SM008, lead, "GRANT ... TO PUBLIC gives every role the privilege: grant to named roles"));
            }
        }

        if (kind == ScriptKind.SEED && (head.startsWith("insert ") || head.startsWith("with ")) && INSERT.matcher(sql).find()
                && !IDEMPOTENT_INSERT.matcher(sql).find()) {
            hits.add(new Hit(LintRule.SM005, lead, "INSERT in a seed script without ON CONFLICT or WHERE NOT EXISTS duplicates rows "
                    + "or fails when re-run"));
        }
    }

    /**
     * What the statement locks that existed before the script, as a short description, or null: a lock
     * that blocks writers (SHARE or stronger) on a table not created earlier in the script. VALIDATE
     * CONSTRAINT, CONCURRENTLY and COMMENT take SHARE UPDATE EXCLUSIVE, which writers do not wait for.
     */
    private static String lockedExistingTable(String sql, ScriptState state) {
        Matcher m;
        if ((m = ALTER_TABLE.matcher(sql)).find()) {
            String table = m.group(1);
            List<String> clauses = splitTopLevel(sql.substring(m.end())).stream().map(String::strip).toList();
            if (!state.created(table) && !clauses.stream().allMatch(c -> VALIDATE_CONSTRAINT.matcher(c).find())) {
                return "ALTER TABLE " + simpleName(table);
            }
            Matcher r = INLINE_REFERENCES.matcher(sql);
            while (r.find()) {
                if (!state.created(r.group(1))) {
                    return "a foreign key to " + simpleName(r.group(1));
                }
            }
            return null;
        }
        if ((m = CREATE_TABLE.matcher(sql)).find()) {
            Matcher p = PARTITION_OF.matcher(sql);
            if (p.find() && !state.created(p.group(1))) {
                return "CREATE TABLE ... PARTITION OF " + simpleName(p.group(1));
            }
            Matcher r = INLINE_REFERENCES.matcher(sql);
            while (r.find()) {
                if (!state.created(r.group(1)) && !key(r.group(1)).equals(key(m.group(1)))) {
                    return "CREATE TABLE with a foreign key to " + simpleName(r.group(1));
                }
            }
            return null;
        }
        if ((m = CREATE_INDEX.matcher(sql)).find()) {
            return m.group(1) == null && !state.created(m.group(3)) ? "CREATE INDEX on " + simpleName(m.group(3)) : null;
        }
        if ((m = DROP_INDEX.matcher(sql)).find()) {
            return m.group(1) == null && !splitQualified(m.group(2)).stream().allMatch(n -> state.createdIndexes.contains(key(n)))
                    ? "DROP INDEX" : null;
        }
        if ((m = DROP_DESTRUCTIVE.matcher(sql)).find()) {
            return m.group(1).equalsIgnoreCase("table") && !splitQualified(m.group(2)).stream().allMatch(state::created) ? "DROP TABLE" : null;
        }
        if ((m = TRUNCATE.matcher(sql)).find()) {
            return splitQualified(m.group(1).replaceAll("(?i)\\bONLY\\b|\\*", " ")).stream().allMatch(state::created) ? null : "TRUNCATE";
        }
        if ((m = ON_TABLE.matcher(sql)).find()) {
            return state.created(m.group(1)) ? null : firstWords(sql, 2).strip().toUpperCase(Locale.ROOT) + " on " + simpleName(m.group(1));
        }
        if ((m = LOCK_TABLE.matcher(sql)).find()) {
            return state.created(m.group(1)) ? null : "LOCK TABLE " + simpleName(m.group(1));
        }
        if ((m = REFRESH_MATVIEW.matcher(sql)).find()) {
            return state.created(m.group(1)) ? null : "REFRESH MATERIALIZED VIEW " + simpleName(m.group(1));
        }
        return null;
    }
}
