package dev.schemamodules.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * A table as {@link RowGenerator} sees it, read from the catalog: its columns with their candidate values
 * ({@link RowCandidates}), its foreign keys (required when a column of theirs is NOT NULL), the columns of each
 * constraint (to move the right candidates on after a violation) and its partition key.
 */
final class GeneratedTable {

    private GeneratedTable() {
    }

    static final class Column {
        String name;
        int attnum;
        boolean notNull;
        boolean hasDefault;
        boolean skip; // identity ALWAYS or generated
        String type;
        List<String> candidates = new ArrayList<>();
        int choice;
    }

    record ForeignKey(String name, long parent, String parentName, List<String> columns, List<String> parentColumns, boolean required) {
    }

    static final class Table {
        long oid;
        String name;
        String qualified;
        boolean partitioned;
        List<Column> columns = new ArrayList<>();
        List<ForeignKey> foreignKeys = new ArrayList<>();
        Map<String, List<String>> constraintColumns = new HashMap<>();
        List<String> partitionKey = new ArrayList<>();
        boolean failed;

        Column column(String name) {
            for (Column col : columns) {
                if (col.name.equals(name)) {
                    return col;
                }
            }
            return null;
        }
    }

    /** Reads table {@code oid} from the catalog, with each column's candidate values. */
    static Table read(Connection c, long oid) throws SQLException {
        Table t = new Table();
        t.oid = oid;
        try (PreparedStatement ps = c.prepareStatement("SELECT format('%I.%I', n.nspname, c.relname), c.relname, c.relkind = 'p'"
                + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = ?")) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no table with oid " + oid);
                }
                t.qualified = rs.getString(1);
                t.name = rs.getString(2);
                t.partitioned = rs.getBoolean(3);
            }
        }
        Map<String, List<String>> checkLiterals = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT con.conname, con.contype, pg_get_constraintdef(con.oid),
                       ARRAY(SELECT a.attname FROM unnest(con.conkey) k JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k ORDER BY a.attnum),
                       con.confrelid, CASE WHEN con.confrelid <> 0 THEN format('%I.%I', pn.nspname, pc.relname) END,
                       ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n ORDER BY k.i),
                       ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n ORDER BY k.i)
                  FROM pg_constraint con
                  LEFT JOIN pg_class pc ON pc.oid = con.confrelid
                  LEFT JOIN pg_namespace pn ON pn.oid = pc.relnamespace
                 WHERE con.conrelid = ?
                """)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String type = rs.getString(2);
                    List<String> cols = List.of((String[]) rs.getArray(4).getArray());
                    t.constraintColumns.put(name, cols);
                    if ("c".equals(type)) {
                        for (String col : cols) {
                            checkLiterals.computeIfAbsent(col, k -> new ArrayList<>()).add(rs.getString(3));
                        }
                    } else if ("f".equals(type)) {
                        t.foreignKeys.add(new ForeignKey(name, rs.getLong(5), rs.getString(6), List.of((String[]) rs.getArray(8).getArray()),
                                List.of((String[]) rs.getArray(7).getArray()), false));
                    }
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT a.attname, a.attnum, a.attnotnull OR coalesce(t.typnotnull, false), a.atthasdef, a.attidentity = 'a' OR a.attgenerated <> '',
                       format_type(a.atttypid, a.atttypmod), t.typtype, bt.typtype, format_type(coalesce(nullif(t.typbasetype, 0), a.atttypid), a.atttypmod),
                       coalesce(bt.typcategory, t.typcategory), coalesce(nullif(t.typbasetype, 0), a.atttypid),
                       ARRAY(SELECT pg_get_constraintdef(dc.oid) FROM pg_constraint dc WHERE dc.contypid = a.atttypid)
                  FROM pg_attribute a
                  JOIN pg_type t ON t.oid = a.atttypid
                  LEFT JOIN pg_type bt ON bt.oid = nullif(t.typbasetype, 0)
                 WHERE a.attrelid = ? AND a.attnum > 0 AND NOT a.attisdropped
                 ORDER BY a.attnum
                """)) {
            ps.setLong(1, oid);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Column col = new Column();
                    col.name = rs.getString(1);
                    col.attnum = rs.getInt(2);
                    col.notNull = rs.getBoolean(3);
                    col.hasDefault = rs.getBoolean(4);
                    col.skip = rs.getBoolean(5);
                    col.type = rs.getString(6);
                    boolean isEnum = "e".equals(rs.getString(7)) || "e".equals(rs.getString(8));
                    String baseType = rs.getString(9);
                    String category = rs.getString(10);
                    List<String> literals = new ArrayList<>(checkLiterals.getOrDefault(col.name, List.of()));
                    literals.addAll(List.of((String[]) rs.getArray(12).getArray()));
                    col.candidates = RowCandidates.of(col, isEnum, baseType, category, literals);
                    t.columns.add(col);
                }
            }
        }
        // foreign keys: required when any of their columns is NOT NULL
        List<ForeignKey> fks = new ArrayList<>();
        for (ForeignKey fk : t.foreignKeys) {
            boolean required = fk.columns.stream().map(t::column).anyMatch(col -> col != null && col.notNull);
            fks.add(new ForeignKey(fk.name, fk.parent, fk.parentName, fk.columns, fk.parentColumns, required));
        }
        t.foreignKeys = fks;
        for (ForeignKey fk : fks) {
            if (fk.parent == oid) {
                continue; // self reference: NULL (or whatever the column's own candidates give)
            }
            for (String name : fk.columns) {
                Column col = t.column(name);
                if (col != null && !col.skip) {
                    col.candidates.add(0, RowGenerator.FK + fk.name);
                }
            }
        }
        if (t.partitioned) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT a.attname FROM pg_partitioned_table p, unnest(p.partattrs) k JOIN pg_attribute a ON a.attnum = k WHERE p.partrelid = ? AND a.attrelid = ?")) {
                ps.setLong(1, oid);
                ps.setLong(2, oid);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        t.partitionKey.add(rs.getString(1));
                    }
                }
            }
        }
        return t;
    }

    static String current(Column col) {
        return col.candidates.isEmpty() ? (col.notNull ? "NULL" : "NULL") : col.candidates.get(Math.min(col.choice, col.candidates.size() - 1));
    }

    /** Moves the candidates of the columns the error names on; false when there is nothing left to try. */
    static boolean advance(Table t, SQLException e) {
        List<String> cols = new ArrayList<>();
        ServerErrorMessage m = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (m != null && m.getColumn() != null) {
            cols.add(m.getColumn());
        }
        if (m != null && m.getConstraint() != null && t.constraintColumns.containsKey(m.getConstraint())) {
            cols.addAll(t.constraintColumns.get(m.getConstraint()));
        }
        String msg = String.valueOf(e.getMessage());
        if (cols.isEmpty() && msg.contains("no partition of relation")) {
            cols.addAll(t.partitionKey);
        }
        if (cols.isEmpty()) {
            // the error does not say which column: try the columns whose value is a cast or a literal, one at a time
            Matcher q = Pattern.compile("column \"([^\"]+)\"").matcher(msg);
            if (q.find()) {
                cols.add(q.group(1));
            }
        }
        if (cols.isEmpty()) {
            return false;
        }
        // odometer over the named columns
        for (String name : new LinkedHashSet<>(cols)) {
            Column col = t.column(name);
            if (col == null || col.skip) {
                continue;
            }
            int size = col.candidates.size();
            if (col.choice + 1 < size) {
                col.choice++;
                return true;
            }
            col.choice = 0;
        }
        return false;
    }
}
