package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a failed non-transactional migration (a {@code CREATE INDEX CONCURRENTLY}, which runs outside a
 * transaction and must sit alone in its script) leaves behind: an INVALID index and a failed history
 * row. Transactional migrations leave nothing: PostgreSQL rolls them back whole.
 *
 * <p>Recovery touches only its own leftovers: the indexes it drops are those the failed script itself
 * names in a {@code CREATE INDEX} (read from the module's jar, placeholders resolved), in the module's
 * schemas, INVALID, and not being built right now by any session ({@code pg_stat_progress_create_index}).
 * A DBA's own failed index, an index another session is building, or an index the script does not name
 * is left alone and reported. Each drop runs {@code CONCURRENTLY} under a {@code lock_timeout}.
 */
public final class FailedMigrationRecovery {

    /** {@code CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] name ON ...}; a nameless one has no group. */
    private static final Pattern CREATE_INDEX = Pattern.compile(
            "(?is)\\bCREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?(\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)\\s+ON\\b");

    private FailedMigrationRecovery() {
    }

    /** An INVALID index: {@code schema.index} quoted for SQL, its bare name, and whether a session is building it now. */
    public record InvalidIndex(String qualified, String name, boolean beingBuilt) {
    }

    /** INVALID indexes in {@code schemas}. */
    public static List<InvalidIndex> invalidIndexes(Connection c, List<String> schemas) throws SQLException {
        List<InvalidIndex> out = new ArrayList<>();
        Array names = c.createArrayOf("text", schemas.toArray());
        try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(ic.relname), ic.relname, "
                + "EXISTS (SELECT 1 FROM pg_stat_progress_create_index p WHERE p.index_relid = ic.oid) FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_namespace n ON n.oid = ic.relnamespace "
                + "WHERE n.nspname = ANY (?) AND NOT i.indisvalid ORDER BY 1")) {
            ps.setArray(1, names);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new InvalidIndex(rs.getString(1), rs.getString(2), rs.getBoolean(3)));
                }
            }
        }
        return out;
    }

    /** The INVALID indexes that {@code failedScripts} of module {@code m} create (and nobody is building now). */
    public static List<InvalidIndex> leftBy(Connection c, PlannedModule m, List<String> failedScripts) throws SQLException {
        Set<String> named = new LinkedHashSet<>();
        for (String script : failedScripts) {
            named.addAll(indexNames(scriptText(m, script).orElse("")));
        }
        return invalidIndexes(c, m.schemas()).stream().filter(i -> named.contains(i.name()) && !i.beingBuilt()).toList();
    }

    /** Index names in the {@code CREATE INDEX} statements of {@code sql} (comments ignored, unquoted names folded to lower case). */
    static List<String> indexNames(String sql) {
        String code = sql.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
        List<String> names = new ArrayList<>();
        Matcher matcher = CREATE_INDEX.matcher(code);
        while (matcher.find()) {
            String n = matcher.group(1);
            if (n.equalsIgnoreCase("ON") || n.equalsIgnoreCase("CONCURRENTLY")) {
                continue;
            }
            names.add(n.startsWith("\"") ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n.toLowerCase(java.util.Locale.ROOT));
        }
        return names;
    }

    private static Optional<String> scriptText(PlannedModule m, String script) {
        ModuleScripts scripts = ModuleScripts.of(m.descriptor());
        String file = script.substring(script.lastIndexOf('/') + 1);
        return scripts.migrations().stream().filter(s -> s.fileName().equals(file)).findFirst().map(scripts::readMigration).map(sql -> {
            String resolved = sql;
            for (Map.Entry<String, String> p : m.placeholders().entrySet()) {
                resolved = resolved.replace("${" + p.getKey() + "}", p.getValue());
            }
            return resolved;
        });
    }

    /** Returns true when something was recovered; {@code report} gets one line per action. */
    public static boolean recover(Connection c, HistoryTable history, PlannedModule m, Duration lockTimeout, Consumer<String> report) throws SQLException {
        List<String> failed = history.failedScripts(c);
        if (failed.isEmpty()) {
            return false;
        }
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(true);
        try (Statement st = c.createStatement()) {
            st.execute("SET lock_timeout = " + Math.max(1, lockTimeout.toMillis()));
            List<InvalidIndex> own = leftBy(c, m, failed);
            for (InvalidIndex index : own) {
                report.accept("recovering: dropping INVALID index " + index.qualified() + " left by failed " + String.join(", ", failed));
                st.execute("DROP INDEX CONCURRENTLY IF EXISTS " + index.qualified());
            }
            for (InvalidIndex other : invalidIndexes(c, m.schemas())) {
                if (own.stream().noneMatch(o -> o.qualified().equals(other.qualified()))) {
                    report.accept("recovering: leaving INVALID index " + other.qualified() + " alone ("
                            + (other.beingBuilt() ? "a session is building it now" : "not created by " + String.join(", ", failed)) + ")");
                }
            }
            history.deleteFailed(c);
            report.accept("recovering: removed the failed history row(s) of " + String.join(", ", failed) + "; they run again now");
        } finally {
            try (Statement st = c.createStatement()) {
                st.execute("RESET lock_timeout");
            }
            c.setAutoCommit(auto);
        }
        return true;
    }
}
