package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The data an undo would destroy: the tables its scripts drop ({@code DROP TABLE} names, and every
 * table of a schema dropped with {@code DROP SCHEMA}; with everything of a module undone, every table
 * of its schemas) that hold rows now, with their row counts (counted up to {@value #COUNT_CAP}).
 */
public final class UndoImpact {

    /** Row counts stop here: enough to say "a lot", without reading a huge table to the end. */
    public static final long COUNT_CAP = 10_000_000L;

    private static final String IDENT = "(?:\"(?:[^\"]|\"\")+\"|[a-z_][a-z0-9_$]*)";
    private static final String NAME = IDENT + "(?:\\s*\\.\\s*" + IDENT + ")?";
    private static final String NAMES = "(" + NAME + "(?:\\s*,\\s*" + NAME + ")*)";
    private static final Pattern DROP_TABLE = Pattern.compile("(?is)\\bDROP\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?" + NAMES);
    private static final Pattern DROP_SCHEMA = Pattern.compile("(?is)\\bDROP\\s+SCHEMA\\s+(?:IF\\s+EXISTS\\s+)?" + NAMES);

    private UndoImpact() {
    }

    /** A table that holds rows and would be dropped. */
    public record TableRows(String table, long rows) {
        @Override
        public String toString() {
            return table + " (" + (rows >= COUNT_CAP ? "at least " + COUNT_CAP : String.valueOf(rows)) + " rows)";
        }
    }

    /**
     * Tables of {@code m} that the {@code undoScripts} (raw text, placeholders unresolved) would drop and
     * that hold rows; {@code everything}: the module is undone completely, so every table of its schemas.
     */
    public static List<TableRows> rowsLost(Connection c, PlannedModule m, List<String> undoScripts, boolean everything) throws SQLException {
        Set<String> tables = new LinkedHashSet<>();
        Set<String> schemas = new LinkedHashSet<>();
        if (everything) {
            schemas.addAll(m.schemas());
        }
        for (String raw : undoScripts) {
            String sql = resolve(raw, m.placeholders()).replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
            Matcher t = DROP_TABLE.matcher(sql);
            while (t.find()) {
                for (String name : t.group(1).split(",")) {
                    tables.add(qualify(name.strip(), m.primarySchema()));
                }
            }
            Matcher s = DROP_SCHEMA.matcher(sql);
            while (s.find()) {
                for (String name : s.group(1).split(",")) {
                    schemas.add(unquote(name.strip()));
                }
            }
        }
        if (!schemas.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p') "
                    + "AND NOT c.relispartition AND c.relname <> ? ORDER BY 1")) {
                ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
                ps.setString(2, FlywayFactory.HISTORY_TABLE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
        }
        List<TableRows> out = new ArrayList<>();
        for (String table : tables) {
            if (table.endsWith("." + FlywayFactory.HISTORY_TABLE)) {
                continue;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
                ps.setString(1, table);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        continue;
                    }
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM (SELECT 1 FROM " + table + " LIMIT " + COUNT_CAP + ") t")) {
                rs.next();
                long rows = rs.getLong(1);
                if (rows > 0) {
                    out.add(new TableRows(table, rows));
                }
            }
        }
        return out;
    }

    private static String resolve(String sql, Map<String, String> placeholders) {
        String out = sql;
        for (Map.Entry<String, String> p : placeholders.entrySet()) {
            out = out.replace("${" + p.getKey() + "}", p.getValue());
        }
        return out;
    }

    /** {@code name} as {@code "schema"."table"} (quoted as PostgreSQL would fold it). */
    static String qualify(String name, String defaultSchema) {
        List<String> parts = splitQualified(name);
        String schema = parts.size() > 1 ? parts.get(0) : defaultSchema;
        String table = parts.get(parts.size() - 1);
        return quote(schema) + "." + quote(table);
    }

    private static List<String> splitQualified(String name) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
                cur.append(ch);
            } else if (ch == '.' && !quoted) {
                parts.add(unquote(cur.toString().strip()));
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        parts.add(unquote(cur.toString().strip()));
        return parts;
    }

    private static String unquote(String s) {
        return s.startsWith("\"") && s.endsWith("\"") && s.length() > 1 ? s.substring(1, s.length() - 1).replace("\"\"", "\"") : s.toLowerCase(Locale.ROOT);
    }

    private static String quote(String identifier) {
        return identifier.matches("[a-z_][a-z0-9_$]*") ? identifier : "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
