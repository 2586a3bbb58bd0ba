package dev.schemamodules.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.core.Utils;

/**
 * The session the module-boundary checks read the catalogs in, for one check: its setting, and the checks' reads kept
 * planned in the database session.
 *
 * <p><b>JIT off.</b> PostgreSQL's JIT is off for the checks' reads, and the session's own setting comes back afterwards.
 * Those reads scan small catalogs, but lateral set-returning functions make the planner's row estimates large, so a server
 * with JIT on (Debian's and most packaged builds) compiled them on every migration: about 12 ms per query, 0.3-0.45 s of a
 * full apply of all modules on PostgreSQL 15. The migration's own statements keep whatever {@code jit} the session has.
 * Inside a transaction the change is transaction-local; outside one (a script run in autocommit) it is set for the session
 * and reset the same way.
 *
 * <p><b>Kept plans.</b> Each {@link Read}, with its arguments written in as constants, is prepared in SQL
 * ({@code PREPARE}) the first time a database session needs it and executed by name ({@code EXECUTE}) from then on: the
 * server plans it once per session instead of on every reading, and planning was most of what the reference check's
 * reading cost. The driver's own prepared statements do not last for this: it forgets them after every DDL statement,
 * which every migration has. A statement prepared in SQL outlives the transaction that prepared it, rolled back or not,
 * and the DDL after it: rows of the catalogs changing invalidate no plan that reads them, and what the plan reads is
 * read anew at every execution (a schema created or dropped does invalidate it, and the server then plans it again at
 * its next use). The names of the statements already prepared are read from {@code pg_prepared_statements} in the
 * statement that switches JIT off, so a session whose statements were deallocated ({@code DEALLOCATE ALL} or
 * {@code DISCARD ALL} in a migration) prepares them again instead of failing. They end with the session; the
 * engine's connections are its own.
 */
final class CheckSession implements AutoCloseable {

    /** The prefix of the names of the statements {@link Read}s prepare: the engine's, and nothing else's. */
    static final String PREFIX = "schema_modules_";

    /**
     * A catalog read: its SQL, with {@code $1}, {@code $2}, ... where its {@code text[]} arguments go. They are written into
     * the statement as constants ({@link #query}), not sent as parameters: a plan made for unknown arrays of schema names
     * reads {@code pg_depend} badly, and the plan of the text with its constants is the one the server would make for each
     * execution anyway.
     */
    record Read(String purpose, String sql, int parameters) {

        private static final Pattern PLACEHOLDER = Pattern.compile("\\$(\\d+)(?!\\d)");

        /** {@code sql} with {@code $1} .. {@code $<parameters>}, each at least once, and no other {@code $<digits>}. */
        static Read of(String purpose, String sql, int parameters) {
            Set<Integer> used = new HashSet<>();
            Matcher m = PLACEHOLDER.matcher(sql);
            while (m.find()) {
                used.add(Integer.parseInt(m.group(1)));
            }
            Set<Integer> expected = new HashSet<>();
            for (int i = 1; i <= parameters; i++) {
                expected.add(i);
            }
            if (!used.equals(expected)) {
                throw new IllegalArgumentException(purpose + ": placeholders " + used + ", expected $1..$" + parameters);
            }
            return new Read(purpose, sql, parameters);
        }

        /** The statement with {@code arguments} written in, and the name it is prepared under: the purpose and a hash of that text. */
        Statement with(List<List<String>> arguments) throws SQLException {
            if (arguments.size() != parameters) {
                throw new IllegalArgumentException(purpose + " takes " + parameters + " arguments, not " + arguments.size());
            }
            Matcher m = PLACEHOLDER.matcher(sql);
            StringBuilder text = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(text, Matcher.quoteReplacement(textArray(arguments.get(Integer.parseInt(m.group(1)) - 1))));
            }
            m.appendTail(text);
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
                // the name holds a hash of the whole text: another module's read (other schemas), or another version of the
                // engine's read in the same database session, is another statement
                return new Statement(PREFIX + purpose + "_" + HexFormat.of().formatHex(hash, 0, 8), text.toString());
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A read with its arguments written in, and its name. */
    record Statement(String name, String sql) {
    }

    /** Reads one row of a result. */
    @FunctionalInterface
    interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final String savedJit;
    private final boolean local;
    private final Set<String> prepared;

    private CheckSession(Connection connection, String savedJit, boolean local, Set<String> prepared) {
        this.connection = connection;
        this.savedJit = savedJit;
        this.local = local;
        this.prepared = prepared;
    }

    /** The settings set on {@code c} (one round trip, which also reads the names of the reads already prepared there). */
    static CheckSession open(Connection c) throws SQLException {
        boolean local = !c.getAutoCommit();
        try (PreparedStatement ps = c.prepareStatement("SELECT current_setting('jit'), set_config('jit', 'off', ?),"
                + " ARRAY(SELECT name FROM pg_catalog.pg_prepared_statements WHERE starts_with(name, ?))")) {
            ps.setBoolean(1, local);
            ps.setString(2, PREFIX);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Array names = rs.getArray(3);
                Set<String> prepared = new HashSet<>();
                Collections.addAll(prepared, (String[]) names.getArray());
                return new CheckSession(c, rs.getString(1), local, prepared);
            }
        }
    }

    Connection connection() {
        return connection;
    }

    /**
     * Executes {@code read} with {@code arguments} (one {@code text[]} each, in order), preparing it first if this database
     * session has not, and hands each row to {@code reader}.
     */
    @SafeVarargs
    final void query(Read read, RowReader reader, List<String>... arguments) throws SQLException {
        Statement statement = read.with(List.of(arguments));
        try (java.sql.Statement st = connection.createStatement()) {
            if (!prepared.contains(statement.name())) {
                st.execute("PREPARE " + statement.name() + " AS " + statement.sql());
                prepared.add(statement.name());
            }
            try (ResultSet rs = st.executeQuery("EXECUTE " + statement.name())) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        }
    }

    /** {@code values} as a {@code text[]} expression of escaped string constants ({@code E''}, whatever {@code standard_conforming_strings} is). */
    private static String textArray(List<String> values) throws SQLException {
        if (values.isEmpty()) {
            return "'{}'::text[]";
        }
        StringBuilder out = new StringBuilder("ARRAY[");
        for (int i = 0; i < values.size(); i++) {
            out.append(i == 0 ? "E'" : ", E'");
            Utils.escapeLiteral(out, values.get(i), false);
            out.append('\'');
        }
        return out.append("]::text[]").toString();
    }

    @Override
    public void close() throws SQLException {
        if ("off".equals(savedJit)) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement("SELECT set_config('jit', ?, ?)")) {
            ps.setString(1, savedJit);
            ps.setBoolean(2, local);
            ps.execute();
        }
    }
}
