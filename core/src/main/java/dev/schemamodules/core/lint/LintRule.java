package dev.schemamodules.core.lint;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The lint rules: stable ids (they appear in waivers and CI logs, never renumber one), a one-line
 * explanation, and the kinds of script each applies to. Exact semantics are in {@link Linter}.
 */
public enum LintRule {

    SM000("invalid waiver comment (no reason, no or unknown rule id, lint:ignore-file outside the header): "
            + "write -- lint:ignore SMnnn <why it is safe>",
            EnumSet.allOf(ScriptKind.class)),
    SM001("destructive statement outside an undo script (DROP TABLE/SCHEMA/TYPE/DOMAIN/SEQUENCE of one not created in the "
            + "same script, matched by schema and temp-ness; DROP COLUMN, ALTER COLUMN ... TYPE to a type other than text, TRUNCATE, "
            + "DELETE without WHERE)",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM002("CREATE INDEX without CONCURRENTLY on a table not created in the same script (blocks writes while it builds), "
            + "or DROP INDEX without CONCURRENTLY of an index not created in the same script (ACCESS EXCLUSIVE on its table)",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM003("ADD COLUMN that rewrites an existing table under an exclusive lock (volatile default, serial, identity or stored generated column)",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM004("SET NOT NULL on an existing table without an earlier CHECK (column IS NOT NULL) NOT VALID in the same script "
            + "(full scan under an exclusive lock)",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM005("seed statement that is not idempotent: INSERT without ON CONFLICT or WHERE NOT EXISTS, "
            + "CREATE without IF NOT EXISTS / OR REPLACE (or an earlier DROP ... IF EXISTS)",
            EnumSet.of(ScriptKind.SEED)),
    SM006("CREATE FUNCTION/PROCEDURE without SET search_path (name resolution depends on the caller)",
            EnumSet.allOf(ScriptKind.class)),
    SM007("SECURITY DEFINER routine without SET search_path (the caller can hijack it with objects in pg_temp or its own schemas)",
            EnumSet.allOf(ScriptKind.class)),
    SM008("GRANT ... TO PUBLIC (every role, present and future, gets the privilege)",
            EnumSet.allOf(ScriptKind.class)),
    SM009("CHECK constraint added to an existing table without NOT VALID (scan under ACCESS EXCLUSIVE), or UNIQUE / PRIMARY KEY / "
            + "EXCLUDE added without USING INDEX (index built under ACCESS EXCLUSIVE), also inline in ADD COLUMN",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM010("FOREIGN KEY added to an existing table without NOT VALID, or ADD COLUMN ... REFERENCES on one "
            + "(every row checked under SHARE ROW EXCLUSIVE locks on both tables)",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM011("ALTER COLUMN ... TYPE on an existing table (ACCESS EXCLUSIVE while every row is checked or rewritten): "
            + "expand/contract with a new column instead",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM012("RENAME of an existing table or of a column of one (clients using the old name break at once): expand/contract instead",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM013("statement that takes a lock writers wait for (SHARE or stronger) on a table not created in the same script, "
            + "with no SET [LOCAL] lock_timeout earlier in the script (it queues behind long transactions and everything queues behind it)",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED)),
    SM014("schema of another module named (qualified object, placeholder, SCHEMA clause, search_path, function or DO body) "
            + "that the module does not require: migrate refuses it; declare the dependency in requires=",
            EnumSet.of(ScriptKind.MIGRATION, ScriptKind.SEED));

    /** What a script is, which decides the rules that apply to it. */
    public enum ScriptKind {
        /** {@code migration/V<n>__*.sql}: every rule except the seed rule SM005. */
        MIGRATION,
        /** {@code undo/U<n>__*.sql}: reverting is destructive by nature and runs rarely; only SM000, SM006-SM008. */
        UNDO,
        /** {@code seed/<env>/R__*.sql}: every rule, including SM005. */
        SEED
    }

    private final String explanation;
    private final Set<ScriptKind> appliesTo;

    LintRule(String explanation, Set<ScriptKind> appliesTo) {
        this.explanation = explanation;
        this.appliesTo = appliesTo;
    }

    /** The stable id, e.g. {@code SM002}. */
    public String id() {
        return name();
    }

    public String explanation() {
        return explanation;
    }

    public boolean appliesTo(ScriptKind kind) {
        return appliesTo.contains(kind);
    }

    public static Optional<LintRule> byId(String id) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(id)).findFirst();
    }
}
