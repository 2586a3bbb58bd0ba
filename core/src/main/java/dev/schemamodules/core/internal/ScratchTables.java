package dev.schemamodules.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tables of the lock report's scratch database: which exist (with their relfilenode, to see rewrites),
 * which a script names, and which are mirrors that a trigger of another table keeps in step (the shadow
 * tables of an online move): those get their rows through the trigger, never generated ones, and the
 * writer does not write them directly, or the move's own count checks would fail on rows no real writer makes.
 */
final class ScratchTables {

    private ScratchTables() {
    }

    record Table(long oid, String name, long relfilenode) {

        String bareName() {
            return name.substring(name.lastIndexOf('.') + 1).replace("\"", "").toLowerCase(Locale.ROOT);
        }
    }

    /** Ordinary and partitioned tables outside the system schemas and the history tables. */
    static Map<Long, Table> existing(Connection c) throws SQLException {
        Map<Long, Table> out = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("""
                SELECT c.oid, format('%I.%I', n.nspname, c.relname), c.relfilenode
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
                   AND n.nspname NOT LIKE 'pg_temp%' AND c.relname <> 'flyway_schema_history'
                """)) {
            while (rs.next()) {
                out.put(rs.getLong(1), new Table(rs.getLong(1), rs.getString(2), rs.getLong(3)));
            }
        }
        return out;
    }

    /** The existing tables whose name the script mentions (comments removed), whole words, any case. */
    static Set<Long> namedIn(String text, Collection<Table> existing) {
        String code = text.replaceAll("(?m)--.*$", " ").replaceAll("(?s)/\\*.*?\\*/", " ").toLowerCase(Locale.ROOT);
        Set<Long> out = new LinkedHashSet<>();
        for (Table t : existing) {
            if (word(t.bareName()).matcher(code).find()) {
                out.add(t.oid());
            }
        }
        return out;
    }

    /** The tables a user trigger function of another table inserts into (by bare name, in the function's source). */
    static Set<Long> mirrors(Connection c, Collection<Table> existing) throws SQLException {
        Map<Long, String> sources = new LinkedHashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT t.tgrelid::bigint, lower(p.prosrc) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid WHERE NOT t.tgisinternal")) {
            while (rs.next()) {
                sources.merge(rs.getLong(1), rs.getString(2), (a, b) -> a + "\n" + b);
            }
        }
        Set<Long> out = new LinkedHashSet<>();
        for (Table t : existing) {
            Pattern insert = Pattern.compile("insert\\s+into\\s+(?:[a-z0-9_$\"]+\\.)?\"?" + Pattern.quote(t.bareName()) + "(?![a-z0-9_$])");
            for (Map.Entry<Long, String> e : sources.entrySet()) {
                if (e.getKey() != t.oid() && insert.matcher(e.getValue()).find()) {
                    out.add(t.oid());
                }
            }
        }
        return out;
    }

    private static Pattern word(String bare) {
        return Pattern.compile("(?<![a-z0-9_$])" + Pattern.quote(bare) + "(?![a-z0-9_$])");
    }
}
