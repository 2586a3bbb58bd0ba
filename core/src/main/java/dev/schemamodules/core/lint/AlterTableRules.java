package dev.schemamodules.core.lint;

import static dev.schemamodules.core.lint.SqlNames.PART;
import static dev.schemamodules.core.lint.SqlNames.NAME;
import static dev.schemamodules.core.lint.SqlNames.FLAGS;
import static dev.schemamodules.core.lint.SqlNames.key;
import static dev.schemamodules.core.lint.SqlNames.simpleName;
import static dev.schemamodules.core.lint.SqlNames.splitTopLevel;
import static dev.schemamodules.core.lint.SqlNames.leadingSpace;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules on the clauses of {@code ALTER TABLE} of a table that existed before the script: SM001 (drop
 * column, narrowing type change), SM003 (rewriting ADD COLUMN), SM004 (SET NOT NULL), SM009 / SM010
 * (constraints and foreign keys without their online pattern), SM011 (type change), SM012 (renames).
 * Semantics in {@link Linter}.
 */
final class AlterTableRules {

    private static final Pattern RENAME_TO = Pattern.compile("^RENAME\\s+TO\\s+(" + NAME + ")", FLAGS);
    private static final Pattern RENAME_COLUMN = Pattern.compile("^RENAME\\s+(?!TO\\b|CONSTRAINT\\b)(?:COLUMN\\s+)?+(" + PART + ")\\s+TO\\s+(" + PART + ")", FLAGS);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "^ADD\\s+(?:CONSTRAINT\\s+" + PART + "\\s+)?(CHECK|FOREIGN\\s+KEY|UNIQUE|PRIMARY\\s+KEY|EXCLUDE)\\b(.*)$", FLAGS);
    private static final Pattern NOT_VALID = Pattern.compile("\\bNOT\\s+VALID\\s*$", FLAGS);
    private static final Pattern USING_INDEX = Pattern.compile("^\\s*(?:NULLS\\s+(?:NOT\\s+)?DISTINCT\\s+)?USING\\s+INDEX\\b", FLAGS);
    private static final Pattern INLINE_CONSTRAINT = Pattern.compile("\\b(CHECK\\s*\\(|UNIQUE\\b|PRIMARY\\s+KEY\\b)", FLAGS);
    private static final Pattern DROP_COLUMN = Pattern.compile("^DROP\\s+(?!CONSTRAINT\\b)(?:COLUMN\\s+)?+(?:IF\\s+EXISTS\\s+)?+(" + PART + ")", FLAGS);
    private static final Pattern ALTER_TYPE = Pattern.compile(
            "^ALTER\\s+(?:COLUMN\\s+)?+(" + PART + ")\\s+(?:SET\\s+DATA\\s+)?TYPE\\s+(.*?)(?:\\s+COLLATE\\b.*|\\s+USING\\b.*)?$", FLAGS);
    private static final Pattern UNBOUNDED_TEXT = Pattern.compile(
            "(?:pg_catalog\\s*\\.\\s*)?(?:text|varchar|character\\s+varying)(?:\\s*\\[\\s*\\])?", FLAGS);
    private static final Pattern SET_NOT_NULL = Pattern.compile("^ALTER\\s+(?:COLUMN\\s+)?+(" + PART + ")\\s+SET\\s+NOT\\s+NULL\\b", FLAGS);
    private static final Pattern ADD_CHECK_NOT_VALID = Pattern.compile(
            "^ADD\\s+(?:CONSTRAINT\\s+" + PART + "\\s+)?CHECK\\s*\\((.*)\\)\\s*NOT\\s+VALID\\b", FLAGS);
    private static final Pattern IS_NOT_NULL = Pattern.compile("(" + PART + ")\\s+IS\\s+NOT\\s+NULL\\b", FLAGS);
    private static final Pattern ADD_COLUMN = Pattern.compile(
            "^ADD\\s+(?!(?:CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN|EXCLUDE)\\b)(?:COLUMN\\s+)?+(?:IF\\s+NOT\\s+EXISTS\\s+)?+(" + PART + ")\\s+(.*)$", FLAGS);
    private static final Pattern VOLATILE_CALL = Pattern.compile(
            "\\bDEFAULT\\b.*?\\b(" + String.join("|", Linter.VOLATILE_DEFAULTS) + ")\\s*\\(", FLAGS);
    private static final Pattern SERIAL = Pattern.compile("^(?:small|big)?serial[248]?\\b", FLAGS);
    private static final Pattern IDENTITY = Pattern.compile("\\bGENERATED\\s+(?:ALWAYS|BY\\s+DEFAULT)\\s+AS\\s+IDENTITY\\b", FLAGS);
    private static final Pattern STORED = Pattern.compile("\\bGENERATED\\s+ALWAYS\\s+AS\\s*\\(.*\\)\\s*STORED\\b", FLAGS);

    /** The clauses of an {@code ALTER TABLE} whose header {@code header} matched. */
    static void check(String sql, int lead, Matcher header, ScriptState state, List<Hit> hits) {
        String tableName = header.group(1);
        String table = simpleName(tableName);
        boolean existing = !state.created(tableName);
        int offset = header.end();
        for (String clause : splitTopLevel(sql.substring(offset))) {
            int at = lead + offset + leadingSpace(clause);
            String c = clause.strip();
            offset += clause.length() + 1;
            Matcher m;
            if ((m = RENAME_TO.matcher(c)).find()) {
                if (!existing) {
                    String from = key(tableName);
                    state.createdTables.add(from.substring(0, from.indexOf('.') + 1) + simpleName(m.group(1)));
                } else {
                    hits.add(new Hit(LintRule.SM012, at, "RENAME of existing table " + table + " to " + simpleName(m.group(1))
                            + " breaks every client still using the old name: expand/contract (new table or view, switch clients, then drop)"));
                }
                continue;
            }
            if ((m = ADD_CHECK_NOT_VALID.matcher(c)).find()) {
                Matcher col = IS_NOT_NULL.matcher(m.group(1));
                while (col.find()) {
                    state.notNullChecks.computeIfAbsent(table, t -> new HashSet<>()).add(simpleName(col.group(1)));
                }
            }
            if (!existing) {
                continue;
            }
            if ((m = RENAME_COLUMN.matcher(c)).find()) {
                hits.add(new Hit(LintRule.SM012, at, "RENAME COLUMN " + table + "." + simpleName(m.group(1)) + " to " + simpleName(m.group(2))
                        + " breaks every client still using the old name: add the new column, write both, backfill, switch, drop"));
            } else if ((m = ADD_CONSTRAINT.matcher(c)).find()) {
                String type = m.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
                String rest = m.group(2);
                if (type.equals("FOREIGN KEY")) {
                    if (!NOT_VALID.matcher(rest).find()) {
                        hits.add(new Hit(LintRule.SM010, at, "FOREIGN KEY added to existing table " + table + " without NOT VALID "
                                + "checks every row under SHARE ROW EXCLUSIVE locks on both tables: ADD ... NOT VALID, then VALIDATE CONSTRAINT"));
                    }
                } else if (type.equals("CHECK")) {
                    if (!NOT_VALID.matcher(rest).find()) {
                        hits.add(new Hit(LintRule.SM009, at, "CHECK constraint added to existing table " + table + " without NOT VALID "
                                + "scans the table under an ACCESS EXCLUSIVE lock: ADD ... NOT VALID, then VALIDATE CONSTRAINT"));
                    }
                } else if (!USING_INDEX.matcher(rest).find()) {
                    hits.add(new Hit(LintRule.SM009, at, type + " constraint added to existing table " + table + " builds its index under "
                            + "an ACCESS EXCLUSIVE lock: CREATE UNIQUE INDEX CONCURRENTLY first, then ADD CONSTRAINT ... USING INDEX"));
                }
            } else if ((m = DROP_COLUMN.matcher(c)).find()) {
                hits.add(new Hit(LintRule.SM001, at, "DROP COLUMN " + table + "." + simpleName(m.group(1))
                        + " destroys data; only undo scripts drop what a migration created"));
            } else if ((m = ALTER_TYPE.matcher(c)).find()) {
                String type = m.group(2).strip();
                String column = simpleName(m.group(1));
                if (!UNBOUNDED_TEXT.matcher(type).matches()) {
                    hits.add(new Hit(LintRule.SM001, at, "ALTER COLUMN " + table + "." + column + " TYPE "
                            + type.replaceAll("\\s+", " ") + " may narrow the type (values lost or refused) and rewrites the table"));
                }
                hits.add(new Hit(LintRule.SM011, at, "ALTER COLUMN " + table + "." + column + " TYPE " + type.replaceAll("\\s+", " ")
                        + " holds an ACCESS EXCLUSIVE lock while it checks or rewrites every row: add a new column, backfill in batches, switch"));
            } else if ((m = SET_NOT_NULL.matcher(c)).find()) {
                String column = simpleName(m.group(1));
                if (!state.notNullChecks.getOrDefault(table, Set.of()).contains(column)) {
                    hits.add(new Hit(LintRule.SM004, at, "SET NOT NULL on " + table + "." + column + " scans the table under an "
                            + "ACCESS EXCLUSIVE lock: first ADD CONSTRAINT ... CHECK (" + column + " IS NOT NULL) NOT VALID and VALIDATE it"));
                }
            } else if ((m = ADD_COLUMN.matcher(c)).find()) {
                String column = simpleName(m.group(1));
                String definition = m.group(2);
                String why = null;
                Matcher v = VOLATILE_CALL.matcher(definition);
                if (v.find()) {
                    why = "volatile default " + v.group(1).toLowerCase(Locale.ROOT) + "()";
                } else if (SERIAL.matcher(definition.strip()).find()) {
                    why = "serial type";
                } else if (IDENTITY.matcher(definition).find()) {
                    why = "identity column";
                } else if (STORED.matcher(definition).find()) {
                    why = "stored generated column";
                }
                if (why != null) {
                    hits.add(new Hit(LintRule.SM003, at, "ADD COLUMN " + table + "." + column + " with a " + why
                            + " rewrites the table under an ACCESS EXCLUSIVE lock: add it without, SET DEFAULT afterwards, backfill in batches"));
                }
                if (StatementRules.INLINE_REFERENCES.matcher(definition).find()) {
                    hits.add(new Hit(LintRule.SM010, at, "ADD COLUMN " + table + "." + column + " with REFERENCES validates a foreign key "
                            + "on an existing table under SHARE ROW EXCLUSIVE locks: add the column, then ADD CONSTRAINT ... FOREIGN KEY ... NOT VALID and VALIDATE"));
                }
                Matcher inline = INLINE_CONSTRAINT.matcher(definition);
                if (inline.find()) {
                    hits.add(new Hit(LintRule.SM009, at, "ADD COLUMN " + table + "." + column + " with an inline "
                            + inline.group(1).replaceAll("[\\s(]+$", "").toUpperCase(Locale.ROOT) + " constraint checks or indexes the existing rows "
                            + "under an ACCESS EXCLUSIVE lock: add the column, then the constraint online (NOT VALID + VALIDATE, or USING INDEX)"));
                }
            }
        }
    }

    private AlterTableRules() {
    }
}
