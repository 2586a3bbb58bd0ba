package dev.schemamodules.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.db.ConnectionSettings;
import dev.schemamodules.core.db.DataSources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One test class's own database on the JVM's {@link TestPostgres}, with small JDBC helpers. Every
 * helper runs in autocommit on a pooled connection unless stated otherwise.
 */
public final class TestDatabase implements AutoCloseable {

    private final TestPostgres server;
    private final String name;
    private final Plan plan;
    private final HikariDataSource dataSource;

    TestDatabase(TestPostgres server, String name, Plan plan) {
        this.server = server;
        this.name = name;
        this.plan = plan;
        this.dataSource = DataSources.create(server.settings(name), "schema-modules-test", Duration.ofSeconds(30));
    }

    /** A fresh database with {@code modules} migrated, outside the JUnit extension (close it yourself). */
    public static TestDatabase create(List<String> modules, String seed) {
        TestPostgres pg = TestPostgres.get();
        Plan plan = modules.isEmpty() ? null : TemplateDatabases.plan(modules, seed);
        return new TestDatabase(pg, TemplateDatabases.freshDatabase(pg, modules, seed), plan);
    }

    /** A fresh, empty database (close it yourself). */
    public static TestDatabase empty() {
        TestPostgres pg = TestPostgres.get();
        return new TestDatabase(pg, TemplateDatabases.emptyDatabase(pg), null);
    }

    public String name() {
        return name;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    /** Settings for this database as the admin role (for the runner, pools of your own, ...). */
    public ConnectionSettings settings() {
        return server.settings(name);
    }

    /** This database as a libpq URI with credentials ({@code postgresql://user:pw@host:port/db}), for the runner's --url. */
    public String uri() {
        ConnectionSettings s = settings();
        String rest = s.jdbcUrl().substring("jdbc:postgresql://".length());
        String who = s.user().map(u -> java.net.URLEncoder.encode(u, java.nio.charset.StandardCharsets.UTF_8)
                + s.password().map(p -> ":" + java.net.URLEncoder.encode(p, java.nio.charset.StandardCharsets.UTF_8)).orElse("") + "@").orElse("");
        return "postgresql://" + who + rest;
    }

    public String jdbcUrl() {
        return settings().jdbcUrl();
    }

    /** The plan the database was migrated with (null for an empty database). */
    public Plan plan() {
        return plan;
    }

    public Engine engine() {
        return Engine.on(dataSource, EngineOptions.defaults());
    }

    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs one or more statements (a whole script is fine). */
    public void execute(String sql) throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs one statement with {@code ?} parameters; returns the update count. */
    public int update(String sql, Object... params) throws SQLException {
        try (Connection c = connection(); PreparedStatement ps = prepare(c, sql, params)) {
            return ps.executeUpdate();
        }
    }

    /** Every row as column label -> value, in order. */
    public List<Map<String, Object>> query(String sql, Object... params) throws SQLException {
        try (Connection c = connection()) {
            return query(c, sql, params);
        }
    }

    /** Same as {@link #query(String, Object...)} on a connection of yours (e.g. inside {@link #asUser}). */
    public static List<Map<String, Object>> query(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, params); ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The first column of the first row (null when there is no row). */
    public Object scalar(String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = query(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public long count(String sql, Object... params) throws SQLException {
        Object v = scalar(sql, params);
        return v == null ? 0 : ((Number) v).longValue();
    }

    /** The first column of every row, as text. */
    public List<String> column(String sql, Object... params) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> row : query(sql, params)) {
            Object v = row.values().iterator().next();
            out.add(v == null ? null : v.toString());
        }
        return out;
    }

    /** Catalog helpers for {@code schema} in this database. */
    public Catalog catalog(String schema) {
        return new Catalog(this, schema);
    }

    /** Work done as a database role with a JWT subject, as PostgREST would. */
    @FunctionalInterface
    public interface UserWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction that is rolled back afterwards, after {@code SET LOCAL ROLE role}
     * and {@code request.jwt.claim.sub = sub} (and {@code request.jwt.claim.role = role}); {@code sub}
     * may be null (anonymous).
     */
    public <T> T asUser(String role, String sub, UserWork<T> work) throws SQLException {
        try (Connection c = connection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL ROLE " + role);
                }
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('request.jwt.claim.sub', ?, true), set_config('request.jwt.claim.role', ?, true)")) {
                    ps.setString(1, sub == null ? "" : sub);
                    ps.setString(2, role);
                    ps.execute();
                }
                return work.run(c);
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... params) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            ps.setObject(i + 1, params[i]);
        }
        return ps;
    }

    @Override
    public void close() {
        dataSource.close();
        TemplateDatabases.drop(server, name);
    }
}
