package dev.schemamodules.core.lint;

import static dev.schemamodules.core.lint.SqlNames.key;
import static dev.schemamodules.core.lint.SqlNames.simpleName;

import dev.schemamodules.core.sql.SqlStatements.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** What earlier statements of the script did, as the rules need it. */
final class ScriptState {

    /** Tables (and materialized views) created in the script, as {@link SqlNames#key} values. */
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
            Matcher m = StatementRules.ALTER_ROUTINE_PINNED.matcher(s.masked().strip());
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
