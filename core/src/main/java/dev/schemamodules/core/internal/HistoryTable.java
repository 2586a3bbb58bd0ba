package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and edits a module's Flyway history table directly (for undo, verify and status). */
public final class HistoryTable {

    private final String schema;

    public HistoryTable(String schema) {
        this.schema = schema;
    }

    /** A successful versioned row. */
    public record Row(int installedRank, Version version, String description, String script) {
    }

    public String qualifiedName() {
        return quote(schema) + "." + FlywayFactory.HISTORY_TABLE;
    }

    public boolean exists(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualifiedName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /**
     * A summary of the table that any write to it changes (rows, highest rank, sum of checksums, failed rows, newest
     * installation time), or empty when there is no table or the connected role may not read it (then nothing is
     * refused here; the caller reads the history the usual way, which names the problem): two equal stamps mean that
     * Flyway would read the same history both times.
     */
    public Optional<String> stamp(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT FROM pg_catalog.pg_class t JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND t.relname = ? AND pg_catalog.has_schema_privilege(n.oid, 'USAGE') AND pg_catalog.has_table_privilege(t.oid, 'SELECT'))")) {
            ps.setString(1, schema);
            ps.setString(2, FlywayFactory.HISTORY_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                if (!rs.getBoolean(1)) {
                    return Optional.empty();
                }
            }
        }
        String sql = "SELECT concat_ws('/', count(*), max(installed_rank), sum(checksum::bigint), count(*) FILTER (WHERE NOT success), max(installed_on))"
                + " FROM " + qualifiedName();
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return Optional.of(rs.getString(1));
        }
    }

    /** Successful versioned migrations, oldest first (schema-creation and baseline markers excluded). */
    public List<Row> appliedMigrations(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (!exists(c)) {
            return rows;
        }
        String sql = "SELECT installed_rank, version, description, script FROM " + qualifiedName()
                + " WHERE success AND version IS NOT NULL AND type NOT IN ('SCHEMA', 'BASELINE') ORDER BY installed_rank";
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new Row(rs.getInt(1), Version.parse(rs.getString(2)), rs.getString(3), rs.getString(4)));
            }
        }
        rows.sort((a, b) -> a.version().compareTo(b.version()));
        return rows;
    }

    /** The highest successfully applied (or baselined) version, if any. */
    public Optional<Version> installedVersion(Connection c) throws SQLException {
        if (!exists(c)) {
            return Optional.empty();
        }
        String sql = "SELECT version FROM " + qualifiedName() + " WHERE success AND version IS NOT NULL AND type <> 'SCHEMA'";
        Version max = null;
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Version v = Version.parse(rs.getString(1));
                if (max == null || v.compareTo(max) > 0) {
                    max = v;
                }
            }
        }
        return Optional.ofNullable(max);
    }

    /** Scripts whose last run failed (PostgreSQL records these only for non-transactional migrations). */
    public List<String> failedScripts(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        if (!exists(c)) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT script FROM " + qualifiedName() + " WHERE NOT success ORDER BY installed_rank");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    public int deleteFailed(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualifiedName() + " WHERE NOT success")) {
            return ps.executeUpdate();
        }
    }

    public int delete(Connection c, Version version) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualifiedName() + " WHERE version = ?")) {
            ps.setString(1, version.toString());
            return ps.executeUpdate();
        }
    }

    /**
     * Forgets every applied seed (repeatable) script, so the next {@code migrate --seed} applies them
     * again: an undo may have dropped what they inserted, and seeds are idempotent by contract.
     */
    public int forgetSeeds(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + qualifiedName() + " WHERE version IS NULL AND type <> 'SCHEMA'")) {
            return ps.executeUpdate();
        }
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
