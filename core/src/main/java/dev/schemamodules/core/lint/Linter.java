package dev.schemamodules.core.lint;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.internal.Resources;
import dev.schemamodules.core.lint.LintRule.ScriptKind;
import dev.schemamodules.core.lint.SqlStatements.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static checks of a module's scripts, without a database: {@code migration/} (versioned migrations),
 * {@code seed/<env>/} (seed data) and {@code undo/}. Verify scripts are not linted (they run in a
 * transaction that is rolled back). Only top-level statements are checked: the bodies of functions and
 * DO blocks, and SQL run through {@code EXECUTE}, are literals to this linter.
 *
 * <p>Exact semantics. An <em>existing table</em> is one not created by a {@code CREATE TABLE} or
 * {@code CREATE MATERIALIZED VIEW} (or renamed from one) earlier in the same script: a table an earlier
 * migration created may already hold production rows. Names compare schema-qualified (unquoted parts
 * case-insensitively): an unqualified name and one in {@code ${schema}} (the module's schema, first on the
 * search_path) are the same; an unqualified name also matches a temporary table the script created; a
 * table of the same bare name in another schema, or created as a temporary table, is another table.
 * <dl>
 * <dt>SM001</dt><dd>{@code DROP TABLE|SCHEMA|TYPE|DOMAIN|SEQUENCE} of an object not created earlier in the
 *   script (by qualified name, see above: {@code CREATE TEMP TABLE sessions} does not make
 *   {@code DROP TABLE ${schema}.sessions} safe); {@code ALTER TABLE} on an existing table with a {@code DROP [COLUMN]} clause, or an
 *   {@code ALTER [COLUMN] c [SET DATA] TYPE t} clause where {@code t} is not {@code text} or unbounded
 *   {@code varchar} (which nothing narrows to); {@code TRUNCATE} of an existing table;
 *   {@code DELETE FROM} an existing table without {@code WHERE}. Not in undo scripts.</dd>
 * <dt>SM002</dt><dd>{@code CREATE [UNIQUE] INDEX} without {@code CONCURRENTLY} on an existing table
 *   ({@code ON ONLY parent} of a partitioned table is exempt: it builds nothing); {@code DROP INDEX} without
 *   {@code CONCURRENTLY} of an index not created earlier in the script.</dd>
 * <dt>SM003</dt><dd>{@code ALTER TABLE existing ADD [COLUMN]} whose definition has a {@code DEFAULT} calling a
 *   volatile function ({@link #VOLATILE_DEFAULTS}), a {@code serial} type, {@code GENERATED ... AS IDENTITY}
 *   or {@code GENERATED ALWAYS AS (...) STORED}: each rewrites the table under an ACCESS EXCLUSIVE lock.
 *   {@code now()} / {@code current_timestamp} are STABLE, so since PostgreSQL 11 they are evaluated once
 *   and stored without a rewrite: not reported.</dd>
 * <dt>SM004</dt><dd>{@code ALTER [COLUMN] c SET NOT NULL} on an existing table unless an earlier statement of
 *   the script added a {@code CHECK (... c IS NOT NULL ...) NOT VALID} constraint to that table.</dd>
 * <dt>SM005</dt><dd>(seed scripts) an {@code INSERT} statement without {@code ON CONFLICT} and without
 *   {@code NOT EXISTS}; a {@code CREATE} without {@code IF NOT EXISTS} or {@code OR REPLACE}, unless an
 *   earlier {@code DROP <same kind> IF EXISTS <same name>} in the script makes it repeatable.</dd>
 * <dt>SM006</dt><dd>{@code CREATE [OR REPLACE] FUNCTION|PROCEDURE} with a quoted body (not
 *   {@code LANGUAGE c/internal}) and no {@code SET search_path} in its definition nor in an
 *   {@code ALTER FUNCTION|PROCEDURE|ROUTINE <same name> ... SET search_path} of the same script.
 *   SQL-standard bodies ({@code BEGIN ATOMIC}, {@code RETURN}) are exempt: they are bound when created.</dd>
 * <dt>SM007</dt><dd>the same for a {@code SECURITY DEFINER} routine, of any body kind (reported instead of SM006).</dd>
 * <dt>SM008</dt><dd>{@code GRANT} (also inside {@code ALTER DEFAULT PRIVILEGES}) with {@code PUBLIC} among the grantees.</dd>
 * <dt>SM009</dt><dd>{@code ALTER TABLE existing ADD [CONSTRAINT c] CHECK (...)} without a trailing {@code NOT VALID};
 *   {@code ADD [CONSTRAINT c] UNIQUE|PRIMARY KEY|EXCLUDE} without {@code USING INDEX}; {@code ADD COLUMN} with an
 *   inline {@code CHECK}, {@code UNIQUE} or {@code PRIMARY KEY}.</dd>
 * <dt>SM010</dt><dd>{@code ALTER TABLE existing ADD [CONSTRAINT c] FOREIGN KEY ...} without {@code NOT VALID};
 *   {@code ADD COLUMN ... REFERENCES} on an existing table.</dd>
 * <dt>SM011</dt><dd>{@code ALTER [COLUMN] c [SET DATA] TYPE t} on an existing table, whatever {@code t} (SM001 too
 *   when {@code t} may narrow).</dd>
 * <dt>SM012</dt><dd>{@code ALTER TABLE existing RENAME TO} and {@code RENAME [COLUMN] a TO b}.</dd>
 * <dt>SM013</dt><dd>no {@code SET [LOCAL|SESSION] lock_timeout} (or {@code set_config('lock_timeout', ...)}) earlier in the
 *   script before a statement that takes a lock writers wait for on an existing table: {@code ALTER TABLE}
 *   (unless every clause is {@code VALIDATE CONSTRAINT}), {@code CREATE INDEX} / {@code DROP INDEX} without
 *   {@code CONCURRENTLY}, {@code DROP TABLE}, {@code TRUNCATE}, {@code LOCK TABLE}, {@code CREATE|DROP TRIGGER},
 *   {@code CREATE|ALTER|DROP POLICY}, {@code CREATE|DROP RULE}, {@code REFRESH MATERIALIZED VIEW} without
 *   {@code CONCURRENTLY}, and {@code CREATE TABLE} / {@code ALTER TABLE} of a new table whose foreign key references, or
 *   which is a partition of, an existing table. Reported once per script, on the first such statement.</dd>
 * <dt>SM000</dt><dd>an invalid waiver comment, or a file waiver outside the script's header; see {@link Waiver}.</dd>
 * </dl>
 */
public final class Linter {

    /** Functions whose call in an ADD COLUMN default makes PostgreSQL rewrite the table (VOLATILE). */
    public static final List<String> VOLATILE_DEFAULTS = List.of("clock_timestamp", "timeofday", "random", "random_normal",
            "gen_random_uuid", "gen_random_bytes", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7",
            "nextval", "generate_public_id");

    /** A possibly qualified, possibly quoted name; Flyway placeholders count as name parts. */
    private static final String PART = "(?:\"(?:[^\"]|\"\")*\"|\\$\\{[^}]*\\}|[A-Za-z_][A-Za-z0-9_$]*)";
    private static final String NAME = PART + "(?:\\s*\\.\\s*" + PART + ")*";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern NAME_PART = Pattern.compile(PART);

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
    private static final Pattern RENAME_TO = Pattern.compile("^RENAME\\s+TO\\s+(" + NAME + ")", FLAGS);
    private static final Pattern RENAME_COLUMN = Pattern.compile("^RENAME\\s+(?!TO\\b|CONSTRAINT\\b)(?:COLUMN\\s+)?+(" + PART + ")\\s+TO\\s+(" + PART + ")", FLAGS);
    private static final Pattern ADD_CONSTRAINT = Pattern.compile(
            "^ADD\\s+(?:CONSTRAINT\\s+" + PART + "\\s+)?(CHECK|FOREIGN\\s+KEY|UNIQUE|PRIMARY\\s+KEY|EXCLUDE)\\b(.*)$", FLAGS);
    private static final Pattern NOT_VALID = Pattern.compile("\\bNOT\\s+VALID\\s*$", FLAGS);
    private static final Pattern USING_INDEX = Pattern.compile("^\\s*(?:NULLS\\s+(?:NOT\\s+)?DISTINCT\\s+)?USING\\s+INDEX\\b", FLAGS);
    private static final Pattern INLINE_REFERENCES = Pattern.compile("\\bREFERENCES\\s+(" + NAME + ")", FLAGS);
    private static final Pattern INLINE_CONSTRAINT = Pattern.compile("\\b(CHECK\\s*\\(|UNIQUE\\b|PRIMARY\\s+KEY\\b)", FLAGS);
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
    private static final Pattern CREATE_INDEX_ON_TABLE = Pattern.compile("^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\b", FLAGS);
    private static final Pattern CREATE_INDEX_NAME = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?!ON\\b)(" + NAME + ")\\s+ON\\b", FLAGS);
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
            "\\bDEFAULT\\b.*?\\b(" + String.join("|", VOLATILE_DEFAULTS) + ")\\s*\\(", FLAGS);
    private static final Pattern SERIAL = Pattern.compile("^(?:small|big)?serial[248]?\\b", FLAGS);
    private static final Pattern IDENTITY = Pattern.compile("\\bGENERATED\\s+(?:ALWAYS|BY\\s+DEFAULT)\\s+AS\\s+IDENTITY\\b", FLAGS);
    private static final Pattern STORED = Pattern.compile("\\bGENERATED\\s+ALWAYS\\s+AS\\s*\\(.*\\)\\s*STORED\\b", FLAGS);
    private static final Pattern TRUNCATE = Pattern.compile("^TRUNCATE\\s+(?:TABLE\\s+)?(?:ONLY\\s+)?(" + NAME + "(?:\\s*\\*?\\s*,\\s*(?:ONLY\\s+)?" + NAME + ")*)", FLAGS);
    private static final Pattern DELETE = Pattern.compile("^DELETE\\s+FROM\\s+(?:ONLY\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern WHERE = Pattern.compile("\\bWHERE\\b", FLAGS);
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(?:(?!ON\\b)" + PART + "\\s+)?ON\\s+(ONLY\\s+)?(" + NAME + ")", FLAGS);
    private static final Pattern CREATE_ROUTINE = Pattern.compile("^CREATE\\s+(?:OR\\s+REPLACE\\s+)?(FUNCTION|PROCEDURE)\\s+(" + NAME + ")", FLAGS);
    private static final Pattern ALTER_ROUTINE_PINNED = Pattern.compile(
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

    /** The outcome of linting a module: how many scripts were read, and the findings (waived ones included). */
    public record Report(String module, int scripts, List<LintFinding> findings) {

        public Report {
            findings = List.copyOf(findings);
        }

        public List<LintFinding> unwaived() {
            return findings.stream().filter(f -> !f.waived()).toList();
        }

        public List<LintFinding> waived() {
            return findings.stream().filter(LintFinding::waived).toList();
        }
    }

    private Linter() {
    }

    /** Every finding (waived ones included) in the module's migration, seed and undo scripts. */
    public static List<LintFinding> lint(ModuleDescriptor module) {
        return report(module).findings();
    }

    /** One script of a module as the linter reads it: resource path, kind and text. */
    public record Script(String file, ScriptKind kind, String sql) {
    }

    /** The module's own scripts the linter reads: {@code migration/}, every {@code seed/<env>/} and {@code undo/}, in that order. */
    public static List<Script> scripts(ModuleDescriptor module) {
        List<Script> scripts = new ArrayList<>();
        for (String file : sqlFiles(module, module.migrationLocation())) {
            scripts.add(new Script(module.migrationLocation() + "/" + file, ScriptKind.MIGRATION,
                    Resources.read(module, module.migrationLocation(), file)));
        }
        String seedRoot = module.resourceRoot() + "/seed";
        for (String environment : seedEnvironments(module, seedRoot)) {
            String location = module.seedLocation(environment);
            for (String file : sqlFiles(module, location)) {
                scripts.add(new Script(location + "/" + file, ScriptKind.SEED, Resources.read(module, location, file)));
            }
        }
        for (String file : sqlFiles(module, module.undoLocation())) {
            scripts.add(new Script(module.undoLocation() + "/" + file, ScriptKind.UNDO, Resources.read(module, module.undoLocation(), file)));
        }
        return scripts;
    }

    /** Lints the module's own scripts: {@code migration/}, every {@code seed/<env>/} and {@code undo/}. */
    public static Report report(ModuleDescriptor module) {
        List<LintFinding> findings = new ArrayList<>();
        List<Script> scripts = scripts(module);
        for (Script script : scripts) {
            findings.addAll(lintScript(module, script.file(), script.kind(), script.sql()));
        }
        return new Report(module.name(), scripts.size(), findings);
    }

    /** Lints one script's text; {@code file} is only used in findings. Findings are ordered by line. */
    public static List<LintFinding> lintScript(ModuleDescriptor module, String file, ScriptKind kind, String sql) {
        return lintScript(module.name(), file, kind, sql);
    }

    public static List<LintFinding> lintScript(String module, String file, ScriptKind kind, String sql) {
        List<Statement> statements = SqlStatements.split(sql);
        ScriptState state = new ScriptState(statements);
        List<LintFinding> findings = new ArrayList<>();
        List<Waiver> fileWaivers = Waiver.fileWaivers(statements);
        for (Statement statement : statements) {
            List<Hit> hits = new ArrayList<>();
            check(statement, kind, state, hits);
            Map<String, String> waivers = new HashMap<>();
            for (Waiver w : Waiver.attachedTo(statement)) {
                if (w.valid()) {
                    w.ruleIds().forEach(id -> waivers.putIfAbsent(id, w.reason()));
                }
            }
            for (Waiver w : fileWaivers) {
                if (w.valid()) {
                    w.ruleIds().forEach(id -> waivers.putIfAbsent(id, w.reason()));
                }
            }
            for (Waiver w : Waiver.allAround(statement)) {
                if (!w.valid()) {
                    findings.add(new LintFinding(module, file, w.line(), LintRule.SM000.id(), w.problem(), null));
                } else if (w.fileScope() && !fileWaivers.contains(w)) {
                    findings.add(new LintFinding(module, file, w.line(), LintRule.SM000.id(),
                            "lint:ignore-file waives nothing here: put it in the script's header, before the first statement", null));
                }
            }
            for (Hit hit : hits) {
                if (hit.rule().appliesTo(kind)) {
                    findings.add(new LintFinding(module, file, statement.lineAt(hit.offset()), hit.rule().id(), hit.message(),
                            waivers.get(hit.rule().id())));
                }
            }
        }
        findings.sort(Comparator.comparingInt(LintFinding::line).thenComparing(LintFinding::ruleId));
        return findings;
    }

    private record Hit(LintRule rule, int offset, String message) {
    }

    /** What earlier statements of the script did. */
    private static final class ScriptState {
        /** Tables (and materialized views) created in the script, as {@link #key} values. */
        final Set<String> createdTables = new HashSet<>();
        final Set<String> createdIndexes = new HashSet<>();
        final Set<String> createdObjects = new HashSet<>();
        final Set<String> droppedIfExists = new HashSet<>();
        final Map<String, Set<String>> notNullChecks = new HashMap<>();
        final Set<String> pinnedByAlter = new HashSet<>();
        boolean lockTimeout;
        boolean lockTimeoutReported;

        ScriptState(List<Statement> statements) {
            for (Statement s : statements) {
                Matcher m = ALTER_ROUTINE_PINNED.matcher(s.masked().strip());
                if (m.find()) {
                    pinnedByAlter.add(simpleName(m.group(1)));
                }
            }
        }

        /** Whether {@code name} (as written in the script) names a table created earlier in the script. */
        boolean created(String name) {
            String key = key(name);
            if (key.startsWith(".") && !name.strip().startsWith("${schema}")) {
                // unqualified: the module's schema (first on the search_path) or a temporary table (pg_temp is searched first)
                return createdTables.contains(key) || createdTables.contains("pg_temp" + key);
            }
            return createdTables.contains(key);
        }
    }

    /**
     * A table name as {@code schema.name}, lower case unless quoted. Unqualified names and names in the
     * module's own schema ({@code ${schema}}, first on the search_path when migrations run) have an empty
     * schema part; temporary tables have {@code pg_temp}.
     */
    static String key(String qualified) {
        List<String> parts = new ArrayList<>();
        Matcher part = NAME_PART.matcher(qualified.strip());
        while (part.find()) {
            parts.add(unquote(part.group()));
        }
        if (parts.isEmpty()) {
            return "." + qualified.strip().toLowerCase(Locale.ROOT);
        }
        String name = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : "";
        if (schema.equals("${schema}")) {
            schema = "";
        }
        return schema + "." + name;
    }

    private static String unquote(String part) {
        if (part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2) {
            return part.substring(1, part.length() - 1).replace("\"\"", "\"");
        }
        return part.startsWith("${") ? part : part.toLowerCase(Locale.ROOT);
    }

    private static void check(Statement statement, ScriptKind kind, ScriptState state, List<Hit> hits) {
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
                hits.add(new Hit(LintRule.SM002, lead, "DROP INDEX " + String.join(", ", names.stream().map(Linter::simpleName).toList())
                        + " without CONCURRENTLY takes an ACCESS EXCLUSIVE lock on its table: DROP INDEX CONCURRENTLY, alone in a migration"));
            }
        } else if ((m = TRUNCATE.matcher(sql)).find()) {
            List<String> names = splitQualified(m.group(1).replaceAll("(?i)\\bONLY\\b|\\*", " "));
            if (!names.stream().allMatch(state::created)) {
                hits.add(new Hit(LintRule.SM001, lead, "TRUNCATE " + String.join(", ", names.stream().map(Linter::simpleName).toList())
                        + " destroys data"));
            }
        } else if ((m = DELETE.matcher(sql)).find()) {
            if (!WHERE.matcher(sql).find() && !state.created(m.group(1))) {
                hits.add(new Hit(LintRule.SM001, lead, "DELETE FROM " + simpleName(m.group(1)) + " without WHERE deletes every row"));
            }
        } else if ((m = ALTER_TABLE.matcher(sql)).find()) {
            alterTable(sql, lead, m, state, hits);
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

    private static void alterTable(String sql, int lead, Matcher header, ScriptState state, List<Hit> hits) {
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
                if (INLINE_REFERENCES.matcher(definition).find()) {
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

    /** Qualified names in a comma-separated list (each as written, options after a name dropped). */
    private static List<String> splitQualified(String list) {
        return splitTopLevel(list).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> {
                    Matcher n = Pattern.compile("^" + NAME, FLAGS).matcher(s);
                    return n.find() ? n.group() : s.split("\\s+")[0];
                }).toList();
    }

    /** Splits at commas outside parentheses. */
    private static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    private static int leadingSpace(String s) {
        return s.length() - s.stripLeading().length();
    }

    /** The last part of a qualified name: unquoted and lower case unless it was quoted. */
    static String simpleName(String qualified) {
        Matcher part = NAME_PART.matcher(qualified.strip());
        String last = qualified.strip();
        while (part.find()) {
            last = part.group();
        }
        if (last.startsWith("\"") && last.endsWith("\"") && last.length() >= 2) {
            return last.substring(1, last.length() - 1).replace("\"\"", "\"");
        }
        return last.toLowerCase(Locale.ROOT);
    }

    private static String normalizeKind(String kind) {
        return kind.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    private static String firstWords(String sql, int n) {
        String[] words = sql.toLowerCase(Locale.ROOT).split("\\s+", n + 1);
        return String.join(" ", Arrays.asList(words).subList(0, Math.min(n, words.length))) + " ";
    }

    private static List<String> sqlFiles(ModuleDescriptor module, String location) {
        return Resources.list(module, location).stream().filter(f -> f.endsWith(".sql")).toList();
    }

    /** The seed environments (directories under {@code seed/}), from the module's own jar or classes. */
    private static List<String> seedEnvironments(ModuleDescriptor module, String seedRoot) {
        return Resources.listDirectories(module, seedRoot);
    }
}
