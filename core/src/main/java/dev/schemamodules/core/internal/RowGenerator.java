package dev.schemamodules.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Generates rows for tables from their catalog alone, for the lock report's scratch database: one
 * {@code INSERT ... SELECT ... FROM generate_series} per table, parents before children. Each column gets
 * a list of candidate expressions of the row number {@code g} by type (unique text and numbers, enum labels
 * in turn, timestamps in the past, the column default, literals quoted in the table's CHECK constraints,
 * NULL for nullable columns, a row of the referenced table for a foreign key). A sample of row numbers is
 * inserted first inside a savepoint; a violation names its column or constraint, and the candidates of those
 * columns move on (an odometer over the constraint's columns) until the sample passes; then the full insert
 * runs. User triggers are disabled while loading (a scratch database only).
 */
public final class RowGenerator {

    private static final int MAX_ATTEMPTS = 60;
    private static final Pattern QUOTED = Pattern.compile("'((?:[^']|'')*)'");
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_0-9.])-?\\d+(?:\\.\\d+)?(?![A-Za-z_0-9])");

    private final Connection c;
    /** Next row number per table (rows are numbered across loads, so unique values stay unique). */
    private final Map<Long, Long> nextRow = new HashMap<>();
    /** The candidate choice that worked per table, reused for the next load and for the probes. */
    private final Map<Long, Table> tables = new HashMap<>();

    public RowGenerator(Connection c) {
        this.c = c;
    }

    /** Result of loading one table. */
    public record Loaded(long oid, String name, long rows, String failure) {
    }

    /**
     * Makes every table of {@code oids} (and the tables their NOT NULL foreign keys need) hold at least
     * {@code rows} rows; returns what each got. A table that cannot be filled is reported, not fatal.
     */
    public List<Loaded> ensureRows(Set<Long> oids, long rows) throws SQLException {
        List<Long> order = withParents(oids);
        List<Loaded> out = new ArrayList<>();
        for (long oid : order) {
            Table t = table(oid);
            long have = count(t);
            if (have >= rows) {
                out.add(new Loaded(oid, t.qualified, have, null));
                continue;
            }
            String failure = fill(t, rows - have);
            out.add(new Loaded(oid, t.qualified, count(t), failure));
        }
        return out;
    }

    /**
     * A statement inserting one generated row into table {@code oid} (the choice found while loading), with
     * the row number as its only parameter; empty when the table was never loaded.
     */
    public java.util.Optional<String> insertOne(long oid) throws SQLException {
        Table t = tables.get(oid);
        if (t == null || t.failed) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(insertSql(t, "(SELECT ?::bigint AS g) s", true));
    }

    /** A fresh row number for a probe's insert into table {@code oid}. */
    public synchronized long nextRowNumber(long oid) {
        long n = nextRow.getOrDefault(oid, 1L);
        nextRow.put(oid, n + 1);
        return n;
    }

    private long count(Table t) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + t.qualified)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code oids} and, first, the tables their NOT NULL foreign keys reference (transitively), parents first. */
    private List<Long> withParents(Set<Long> oids) throws SQLException {
        List<Long> order = new ArrayList<>();
        Set<Long> visiting = new HashSet<>();
        Set<Long> done = new LinkedHashSet<>();
        for (long oid : oids) {
            visit(oid, done, visiting);
        }
        order.addAll(done);
        return order;
    }

    private void visit(long oid, Set<Long> done, Set<Long> visiting) throws SQLException {
        if (done.contains(oid) || !visiting.add(oid)) {
            return;
        }
        Table t = table(oid);
        for (ForeignKey fk : t.foreignKeys) {
            if (fk.parent != oid && fk.required) {
                visit(fk.parent, done, visiting);
            }
        }
        done.add(oid);
    }

    // ------------------------------------------------------------------------------------------ catalog

    private static final class Column {
        String name;
        int attnum;
        boolean notNull;
        boolean hasDefault;
        boolean skip; // identity ALWAYS or generated
        String type;
        List<String> candidates = new ArrayList<>();
        int choice;
    }

    private record ForeignKey(String name, long parent, String parentName, List<String> columns, List<String> parentColumns, boolean required) {
    }

    private static final class Table {
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

    private Table table(long oid) throws SQLException {
        Table cached = tables.get(oid);
        if (cached != null) {
            return cached;
        }
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
                    col.candidates = candidates(col, isEnum, baseType, category, literals);
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
                    col.candidates.add(0, FK + fk.name);
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
        tables.put(oid, t);
        return t;
    }

    /** Candidate value expressions of {@code g} for a column, most useful first; "DEFAULT" means: leave it out. */
    private static List<String> candidates(Column col, boolean isEnum, String baseType, String category, List<String> checkDefs) {
        Set<String> out = new LinkedHashSet<>();
        if (col.hasDefault) {
            out.add("DEFAULT");
        }
        String cast = "::" + col.type;
        List<String> quoted = new ArrayList<>();
        List<String> numbers = new ArrayList<>();
        for (String def : checkDefs) {
            Matcher m = QUOTED.matcher(def);
            while (m.find()) {
                quoted.add(m.group(1).replace("''", "'"));
            }
            Matcher n = NUMBER.matcher(def.replaceAll("'(?:[^']|'')*'", "''"));
            while (n.find()) {
                numbers.add(n.group());
            }
        }
        String t = baseType.toLowerCase(java.util.Locale.ROOT);
        if (isEnum) {
            out.add("(enum_range(NULL" + cast + "))[1 + (g % cardinality(enum_range(NULL" + cast + ")))::int]");
            out.add("(enum_range(NULL" + cast + "))[1]");
            out.add("(enum_range(NULL" + cast + "))[2]");
            out.add("(enum_range(NULL" + cast + "))[3]");
        } else if (t.equals("uuid")) {
            out.add("gen_random_uuid()");
        } else if (t.equals("boolean")) {
            out.add("(g % 2 = 0)");
            out.add("true");
            out.add("false");
        } else if (t.startsWith("timestamp")) {
            out.add("(now() - (g % 525600) * interval '1 minute')" + cast);
            out.add("(now() + (1 + g % 525600) * interval '1 minute')" + cast);
            out.add("now()" + cast);
        } else if (t.equals("date")) {
            out.add("(current_date - (g % 3650)::int)");
            out.add("(current_date + (1 + g % 3650)::int)");
            out.add("current_date");
        } else if (t.startsWith("time")) {
            out.add("(time '08:00' + (g % 480) * interval '1 minute')" + cast);
            out.add("(time '17:00' + (g % 360) * interval '1 minute')" + cast);
        } else if (t.equals("interval")) {
            out.add("((1 + g % 120) * interval '1 minute')");
        } else if (t.equals("json") || t.equals("jsonb")) {
            out.add("'{}'" + cast);
            out.add("'[]'" + cast);
            out.add("jsonb_build_object('n', g)" + cast);
        } else if (t.equals("inet") || t.equals("cidr")) {
            out.add("('10.' || (g / 65536 % 256) || '.' || (g / 256 % 256) || '.' || (g % 256))" + cast);
        } else if (t.equals("bytea")) {
            out.add("decode(md5(g::text), 'hex')");
        } else if (t.equals("tsvector")) {
            out.add("to_tsvector('simple', 'v' || g)");
        } else if ("A".equals(category)) {
            out.add("'{}'" + cast);
        } else if ("N".equals(category)) {
            boolean integer = t.equals("smallint") || t.equals("integer") || t.equals("bigint");
            if (t.equals("smallint")) {
                out.add("(g % 30000)" + cast);
            } else {
                out.add("g" + cast);
            }
            for (String n : numbers) {
                out.add("(" + n + ")" + cast);
            }
            out.add("(1 + g % 5)" + cast);
            out.add("1" + cast);
            out.add("0" + cast);
            if (!integer) {
                out.add("((g % 10000) / 100.0)" + cast);
            }
        } else if ("S".equals(category)) {
            out.add("('v' || g)" + cast);
            for (String q : quoted) {
                out.add("'" + q.replace("'", "''") + "'" + cast);
            }
            out.add("('u' || g || '@example.test')" + cast);
            out.add("('+1555' || lpad(g::text, 7, '0'))" + cast);
            out.add("md5(g::text)" + cast);
            out.add("'a'" + cast);
        } else {
            for (String q : quoted) {
                out.add("'" + q.replace("'", "''") + "'" + cast);
            }
        }
        if (!col.notNull) {
            out.add("NULL" + cast);
        }
        return new ArrayList<>(out);
    }

    // -------------------------------------------------------------------------------------------- load

    private String fill(Table t, long rows) throws SQLException {
        long first = nextRow.getOrDefault(t.oid, 1L);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        String failure = null;
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + t.qualified + " DISABLE TRIGGER USER");
            String last = null;
            boolean sampled = false;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                String source = sampled ? "generate_series(" + first + "::bigint, " + (first + rows - 1) + "::bigint) AS s(g)"
                        : "unnest(ARRAY[" + sample(first, rows) + "]::bigint[]) AS s(g)";
                String sql = insertSql(t, source, false);
                Savepoint sp = c.setSavepoint();
                try {
                    st.execute(sql);
                    if (sampled) {
                        c.releaseSavepoint(sp);
                        last = null;
                        break;
                    }
                    c.rollback(sp);
                    sampled = true;
                    attempt--;
                } catch (SQLException e) {
                    c.rollback(sp);
                    last = e.getMessage();
                    if (!advance(t, e)) {
                        break;
                    }
                }
            }
            if (last != null) {
                failure = "could not generate rows: " + last.lines().findFirst().orElse(last);
                t.failed = true;
            } else {
                nextRow.put(t.oid, first + rows);
            }
            st.execute("ALTER TABLE " + t.qualified + " ENABLE TRIGGER USER");
            c.commit();
            st.execute("ANALYZE " + t.qualified);
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return failure;
    }

    private static String sample(long first, long rows) {
        Set<Long> s = new LinkedHashSet<>();
        for (long k : new long[] {0, 1, 2, 3, 6, 16, 49, 99, 498, 999, 4_999, 12_345, 99_999, 499_999, rows - 2, rows - 1}) {
            if (k >= 0 && k < rows) {
                s.add(first + k);
            }
        }
        return String.join(",", s.stream().map(String::valueOf).toList());
    }

    /** INSERT ... SELECT of the current candidate choice; foreign keys take the (g mod n)-th row of their parent. */
    private String insertSql(Table t, String source, boolean single) {
        List<String> names = new ArrayList<>();
        List<String> values = new ArrayList<>();
        StringBuilder joins = new StringBuilder();
        Map<String, String> fkValue = new HashMap<>();
        int k = 0;
        for (ForeignKey fk : t.foreignKeys) {
            boolean used = fk.columns.stream().map(t::column).anyMatch(col -> col != null && current(col).equals(FK + fk.name));
            if (!used) {
                continue;
            }
            String alias = "fk" + (k++);
            String cols = String.join(", ", fk.parentColumns.stream().map(RowGenerator::quote).toList());
            if (single) {
                joins.append(" LEFT JOIN LATERAL (SELECT ").append(cols).append(" FROM ").append(fk.parentName).append(" OFFSET ").append(k - 1)
                        .append(" LIMIT 1) ").append(alias).append(" ON true");
            } else {
                joins.append(" LEFT JOIN (SELECT row_number() OVER () - 1 AS rn, ").append(cols).append(" FROM ").append(fk.parentName).append(") ")
                        .append(alias).append(" ON ").append(alias).append(".rn = (g - 1 + ").append(7919L * (k - 1)).append(") % (SELECT greatest(1, count(*)) FROM ").append(fk.parentName).append(")");
            }
            for (int i = 0; i < fk.columns.size(); i++) {
                fkValue.put(FK + fk.name + "/" + fk.columns.get(i), alias + "." + quote(fk.parentColumns.get(i)));
            }
        }
        for (Column col : t.columns) {
            if (col.skip) {
                continue;
            }
            String v = current(col);
            if (v.startsWith(FK)) {
                v = fkValue.getOrDefault(v + "/" + col.name, "NULL");
            }
            if ("DEFAULT".equals(v)) {
                continue;
            }
            names.add(quote(col.name));
            values.add(v);
        }
        if (names.isEmpty()) {
            return "INSERT INTO " + t.qualified + " SELECT FROM " + source + joins;
        }
        return "INSERT INTO " + t.qualified + " (" + String.join(", ", names) + ") SELECT " + String.join(", ", values) + " FROM " + source + joins;
    }

    private static final String FK = "FK:";

    private static String current(Column col) {
        return col.candidates.isEmpty() ? (col.notNull ? "NULL" : "NULL") : col.candidates.get(Math.min(col.choice, col.candidates.size() - 1));
    }

    /** Moves the candidates of the columns the error names on; false when there is nothing left to try. */
    private boolean advance(Table t, SQLException e) {
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

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Table oids by qualified name, for messages. */
    public Map<Long, String> names() {
        Map<Long, String> out = new LinkedHashMap<>();
        tables.forEach((oid, t) -> out.put(oid, t.qualified));
        return out;
    }
}
