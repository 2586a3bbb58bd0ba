package dev.schemamodules.core.lint;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.internal.Resources;
import dev.schemamodules.core.lint.LintRule.ScriptKind;
import dev.schemamodules.core.sql.SqlStatements;
import dev.schemamodules.core.sql.SqlStatements.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Static checks of a module's scripts, without a database: {@code migration/} (versioned migrations),
 * {@code seed/<env>/} (seed data) and {@code undo/}. Verify scripts are not linted (they run in a
 * transaction that is rolled back). Only top-level statements are checked: the bodies of functions and
 * DO blocks, and SQL run through {@code EXECUTE}, are literals to this linter, except for SM014, which reads
 * the bodies of functions and DO blocks too.
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
 * <dt>SM014</dt><dd>(migration and seed scripts) a schema named that is neither one of the module's ({@code schemas=}), nor
 *   one of a module it {@code requires=}, nor {@code pg_catalog}, {@code information_schema}, {@code pg_temp},
 *   {@code pg_toast} or {@code public}: in DDL, DML, GRANT, {@code search_path} settings and the bodies of functions
 *   and DO blocks; the module boundary the runner enforces when it migrates. See {@link BoundaryRule} for what
 *   counts as naming a schema.</dd>
 * <dt>SM000</dt><dd>an invalid waiver comment, or a file waiver outside the script's header; see {@link Waiver}.</dd>
 * </dl>
 */
public final class Linter {

    /** Functions whose call in an ADD COLUMN default makes PostgreSQL rewrite the table (VOLATILE). */
    public static final List<String> VOLATILE_DEFAULTS = List.of("clock_timestamp", "timeofday", "random", "random_normal",
            "gen_random_uuid", "gen_random_bytes", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "uuidv4", "uuidv7",
            "nextval", "generate_public_id");

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

    /**
     * Lints the module's own scripts: {@code migration/}, every {@code seed/<env>/} and {@code undo/}. The
     * schemas of the modules it requires (SM014) come from the modules its class loader sees.
     */
    public static Report report(ModuleDescriptor module) {
        return report(module, SchemaScope.of(module));
    }

    /** As {@link #report(ModuleDescriptor)}, the schemas of the modules it requires taken from {@code registry}. */
    public static Report report(ModuleDescriptor module, ModuleRegistry registry) {
        return report(module, SchemaScope.of(module, registry));
    }

    private static Report report(ModuleDescriptor module, SchemaScope scope) {
        List<LintFinding> findings = new ArrayList<>();
        List<Script> scripts = scripts(module);
        for (Script script : scripts) {
            findings.addAll(lintScript(module.name(), scope, script.file(), script.kind(), script.sql()));
        }
        return new Report(module.name(), scripts.size(), findings);
    }

    /**
     * Lints one script's text; {@code file} is only used in findings. Findings are ordered by line. The
     * schemas of the modules it requires (SM014) come from the modules {@code registry} holds.
     */
    public static List<LintFinding> lintScript(ModuleDescriptor module, ModuleRegistry registry, String file, ScriptKind kind, String sql) {
        return lintScript(module.name(), SchemaScope.of(module, registry), file, kind, sql);
    }

    /** As {@link #lintScript(ModuleDescriptor, ModuleRegistry, String, ScriptKind, String)}, with the modules its class loader sees. */
    public static List<LintFinding> lintScript(ModuleDescriptor module, String file, ScriptKind kind, String sql) {
        return lintScript(module.name(), SchemaScope.of(module), file, kind, sql);
    }

    /** Lints one script of a module known only by name: every rule but SM014, which needs the module's descriptor. */
    public static List<LintFinding> lintScript(String module, String file, ScriptKind kind, String sql) {
        return lintScript(module, null, file, kind, sql);
    }

    private static List<LintFinding> lintScript(String module, SchemaScope scope, String file, ScriptKind kind, String sql) {
        List<Statement> statements = SqlStatements.split(sql);
        ScriptState state = new ScriptState(statements);
        List<LintFinding> findings = new ArrayList<>();
        List<Waiver> fileWaivers = Waiver.fileWaivers(statements);
        for (Statement statement : statements) {
            List<Hit> hits = new ArrayList<>();
            StatementRules.check(statement, kind, state, hits);
            if (scope != null && LintRule.SM014.appliesTo(kind)) {
                BoundaryRule.check(statement, scope, hits);
            }
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

    private static List<String> sqlFiles(ModuleDescriptor module, String location) {
        return Resources.list(module, location).stream().filter(f -> f.endsWith(".sql")).toList();
    }

    /** The seed environments (directories under {@code seed/}), from the module's own jar or classes. */
    private static List<String> seedEnvironments(ModuleDescriptor module, String seedRoot) {
        return Resources.listDirectories(module, seedRoot);
    }
}
