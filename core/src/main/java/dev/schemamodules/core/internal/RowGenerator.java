package dev.schemamodules.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.schemamodules.core.api.Progress;
import dev.schemamodules.core.internal.GeneratedTable.Column;
import dev.schemamodules.core.internal.GeneratedTable.ForeignKey;
import dev.schemamodules.core.internal.GeneratedTable.Table;

/**
 * Generates rows for tables from their catalog alone, for the lock report's scratch database: one
 * {@code INSERT ... SELECT ... FROM generate_series} per table, parents before children. Each column gets
 * a list of candidate expressions of the row number {@code g} by type (unique text and numbers, enum labels
 * in turn, timestamps in the past, the column default, literals quoted in the table's CHECK constraints,
 * NULL for nullable columns, a row of the referenced table for a foreign key; see {@link RowCandidates} and
 * {@link GeneratedTable}). A sample of row numbers is inserted first inside a savepoint; a violation names its
 * column or constraint, and the candidates of those columns move on (an odometer over the constraint's columns)
 * until the sample passes; then the rows are inserted in chunks ({@link GeneratedInsert}), each metered. User
 * triggers are disabled while loading (a scratch database only).
 */
public final class RowGenerator {

    private static final int MAX_ATTEMPTS = 60;
    /** Rows per INSERT of a load: progress is reported after each. */
    static final long CHUNK = 100_000;

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
     * {@code rows} rows; returns what each got. A table that cannot be filled is reported, not fatal. Each
     * table's load is metered on {@code progress} under {@code label + ": loading " + table}.
     */
    public List<Loaded> ensureRows(Set<Long> oids, long rows, Progress progress, String label) throws SQLException {
        List<Long> order = withParents(oids);
        List<Loaded> out = new ArrayList<>();
        for (long oid : order) {
            Table t = table(oid);
            long have = count(t);
            if (have >= rows) {
                out.add(new Loaded(oid, t.qualified, have, null));
                continue;
            }
            String failure;
            try (Progress.Meter meter = progress.start(label + ": loading " + t.qualified, rows - have, "rows")) {
                failure = fill(t, rows - have, meter);
            }
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
        return java.util.Optional.of(GeneratedInsert.sql(t, "(SELECT ?::bigint AS g) s", true));
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
            if (fk.parent() != oid && fk.required()) {
                visit(fk.parent(), done, visiting);
            }
        }
        done.add(oid);
    }

    private Table table(long oid) throws SQLException {
        Table cached = tables.get(oid);
        if (cached != null) {
            return cached;
        }
        Table t = GeneratedTable.read(c, oid);
        tables.put(oid, t);
        return t;
    }

    // -------------------------------------------------------------------------------------------- load

    /**
     * Finds a candidate choice that a sample of row numbers passes (inside a savepoint, rolled back), then
     * inserts the rows in chunks of {@link #CHUNK}, metering each; one transaction, user triggers off.
     */
    private String fill(Table t, long rows, Progress.Meter meter) throws SQLException {
        long first = nextRow.getOrDefault(t.oid, 1L);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        String failure = null;
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE " + t.qualified + " DISABLE TRIGGER USER");
            String last = null;
            for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
                Savepoint sp = c.setSavepoint();
                try {
                    st.execute(GeneratedInsert.sql(t, "unnest(ARRAY[" + sample(first, rows) + "]::bigint[]) AS s(g)", false));
                    c.rollback(sp);
                    last = null;
                    break;
                } catch (SQLException e) {
                    c.rollback(sp);
                    last = e.getMessage();
                    if (!GeneratedTable.advance(t, e)) {
                        break;
                    }
                }
            }
            if (last == null) {
                // a chunk can still fail where the sample passed (a rare value): that chunk's error is the failure
                Savepoint sp = c.setSavepoint();
                try {
                    for (long from = first; from < first + rows; from += CHUNK) {
                        long to = Math.min(first + rows, from + CHUNK) - 1;
                        st.execute(GeneratedInsert.sql(t, "generate_series(" + from + "::bigint, " + to + "::bigint) AS s(g)", false));
                        meter.advance(to - from + 1);
                    }
                    c.releaseSavepoint(sp);
                } catch (SQLException e) {
                    c.rollback(sp);
                    last = e.getMessage();
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

    static final String FK = "FK:";

}
