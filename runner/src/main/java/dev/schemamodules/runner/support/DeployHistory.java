package dev.schemamodules.runner.support;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemamodules.core.api.MigrationException;
import java.net.InetAddress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The deploy history: one row per {@code migrate} or {@code undo} run in {@code schema_modules.deploy_history}, the only
 * objects the runner itself owns in a database (README, "Deploy history"). Created if missing, before
 * anything is migrated (so a role that may not create it fails before any change); a row is written as
 * {@code running} when the run starts and set to {@code succeeded} or {@code failed} (with the error)
 * when it ends, each in its own short transaction. Who: {@code current_user}, {@code session_user}, the
 * client address the server sees, the client's host name and operating-system user, and the
 * application name. What: the runner release, the manifest (path and SHA-256) if any, and per module its
 * release, where that release came from, and the schema versions before and after.
 *
 * <p>Over 250 lines: the whole life of one table (creation with its privilege checks, the start and end rows,
 * the reads behind {@code history} and version skew) kept in one place, so its SQL is read and changed together.
 */
public final class DeployHistory {

    public static final String SCHEMA = "schema_modules";
    public static final String TABLE = SCHEMA + ".deploy_history";

    /** The state of a module that a run left alone because the database's history is ahead of the release the run carried. */
    public static final String SKIPPED_AHEAD = "skipped: ahead";

    // rows written by other runner releases may carry fields this one does not know
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Only when the schema does not exist yet: creating it needs CREATE on the database. */
    private static final String SCHEMA_DDL = """
            CREATE SCHEMA schema_modules;
            COMMENT ON SCHEMA schema_modules IS 'Owned by the schema-modules runner: its deploy history';
            """;

    /** Needs CREATE (and USAGE) on the schema only, so a schema a DBA created for the runner's role is enough. */
    private static final String TABLE_DDL = """
            CREATE TABLE IF NOT EXISTS schema_modules.deploy_history (
              id               bigint GENERATED ALWAYS AS IDENTITY CONSTRAINT pk_deploy_history PRIMARY KEY,
              started_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
              finished_at      timestamptz,
              command          text NOT NULL,
              runner_version   text NOT NULL,
              manifest         text,
              manifest_sha256  text,
              modules          jsonb NOT NULL,
              outcome          text NOT NULL DEFAULT 'running'
                               CONSTRAINT chk_deploy_history_outcome CHECK (outcome IN ('running', 'succeeded', 'failed')),
              error            text,
              database_user    text NOT NULL DEFAULT current_user,
              session_user_name text NOT NULL DEFAULT session_user,
              client_addr      inet DEFAULT inet_client_addr(),
              client_host      text,
              os_user          text,
              application_name text DEFAULT current_setting('application_name')
            );
            COMMENT ON TABLE schema_modules.deploy_history IS 'One row per schema-modules migrate or undo run: runner release, module releases and their sources, who, when, outcome';
            CREATE INDEX IF NOT EXISTS idx_deploy_history_started_at ON schema_modules.deploy_history (started_at);
            """;

    private static final TypeReference<List<Module>> MODULES = new TypeReference<>() { };

    private DeployHistory() {
    }

    /**
     * One module of a run as the history records it (the JSON objects of the {@code modules} column, and of
     * {@code history --json}).
     *
     * @param release     the module release deployed
     * @param fromVersion schema version before the run ({@code null}: not installed, or not known yet)
     * @param toVersion   schema version after the run ({@code null} until the run succeeded)
     * @param migrations  migrations applied, or reverted by an undo ({@code null} until the run ended)
     * @param state       {@code planned} (the run started or failed), {@code migrated}, {@code up to date}, {@code skipped: ahead}
     *                    (the database is ahead of the release the run carried; left as it is), {@code undone}, or {@code failed}
     *                    (an undo that failed part-way, with the versions it left)
     * @param undoScripts for an undo: the undo scripts of this module it runs, in order ({@code null} otherwise, and then absent in JSON)
     */
    public record Module(String name, String release, ModuleSource source, String fromVersion, String toVersion, Integer migrations, String state,
                         @JsonInclude(JsonInclude.Include.NON_NULL) List<String> undoScripts) {

        public Module(String name, String release, ModuleSource source, String fromVersion, String toVersion, Integer migrations, String state) {
            this(name, release, source, fromVersion, toVersion, migrations, state, null);
        }
    }

    /**
     * One run (a row of the table), as {@code history} shows it.
     *
     * @param startedAt      UTC, {@code YYYY-MM-DDTHH:MM:SSZ}
     * @param finishedAt     UTC, {@code null} while running
     * @param command        the command that ran ({@code migrate} or {@code undo})
     * @param runnerVersion  the runner release that ran it
     * @param manifest       the {@code --manifest} file as given, {@code null} without one ({@code manifestSha256}: its SHA-256)
     * @param outcome        {@code running}, {@code succeeded} or {@code failed}
     * @param error          the failure's message (masked), {@code null} otherwise
     * @param databaseUser   {@code current_user} of the run
     * @param clientAddr     the client address the server saw ({@code null} over a Unix socket)
     * @param clientHost     the client machine's host name, as it reported it
     * @param osUser         the operating-system user that ran the runner
     * @param applicationName the connection's {@code application_name}
     */
    public record Deploy(long id, String startedAt, String finishedAt, String command, String runnerVersion, String manifest, String manifestSha256,
                         List<Module> modules, String outcome, String error, String databaseUser, String clientAddr, String clientHost, String osUser,
                         String applicationName) {
    }

    /** Creates the table if missing and records a run as {@code running}; returns its id. */
    public static long start(DataSource dataSource, String command, String manifest, String manifestSha256, List<Module> modules) {
        try (Connection c = dataSource.getConnection()) {
            ensureTable(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                    + " (command, runner_version, manifest, manifest_sha256, modules, client_host, os_user) VALUES (?, ?, ?, ?, CAST(? AS jsonb), ?, ?) RETURNING id")) {
                ps.setString(1, command);
                ps.setString(2, RunnerVersion.get());
                ps.setString(3, manifest);
                ps.setString(4, manifestSha256);
                ps.setString(5, json(modules));
                ps.setString(6, hostName());
                ps.setString(7, System.getProperty("user.name"));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new MigrationException(null, "cannot record the run in " + TABLE + " (nothing was changed): " + e.getMessage());
        }
    }

    /** Sets a run's outcome (and the modules as they ended). A failure here is reported, never hides the run's own result. */
    public static Optional<String> finish(DataSource dataSource, long id, boolean succeeded, String error, List<Module> modules) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE " + TABLE
                     + " SET finished_at = clock_timestamp(), outcome = ?, error = ?, modules = CAST(? AS jsonb) WHERE id = ?")) {
            ps.setString(1, succeeded ? "succeeded" : "failed");
            ps.setString(2, error);
            ps.setString(3, json(modules));
            ps.setLong(4, id);
            ps.executeUpdate();
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("could not record the outcome in " + TABLE + " (row " + id + "): " + e.getMessage());
        }
    }

    /**
     * The release of {@code module} whose successful deploy last brought it to {@code schemaVersion} (migrated it
     * there or found it there and up to date; not one that skipped it), if the history knows it (read only; empty
     * when there is no history table).
     */
    public static Optional<String> releaseThatReached(DataSource dataSource, String module, String schemaVersion) {
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c)) {
                return Optional.empty();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT m->>'release' FROM " + TABLE + " h, jsonb_array_elements(h.modules) m "
                    + "WHERE h.outcome = 'succeeded' AND h.command = 'migrate' AND m->>'name' = ? AND m->>'toVersion' = ? "
                    + "AND m->>'state' IN ('migrated', 'up to date') ORDER BY h.id DESC LIMIT 1")) {
                ps.setString(1, module);
                ps.setString(2, schemaVersion);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        } catch (SQLException e) {
            return Optional.empty();
        }
    }

    /** The newest {@code limit} runs, newest first (for {@code history}); empty when there is no table. */
    public static List<Deploy> recent(DataSource dataSource, int limit) {
        List<Deploy> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            if (!exists(c)) {
                return rows;
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
                    + "to_char(finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), command, runner_version, manifest, manifest_sha256, "
                    + "modules::text, outcome, error, database_user, host(client_addr), client_host, os_user, application_name FROM " + TABLE
                    + " ORDER BY id DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(new Deploy(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), JSON.readValue(rs.getString(8), MODULES), rs.getString(9), rs.getString(10), rs.getString(11),
                                rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15)));
                    }
                }
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new MigrationException(null, "cannot read " + TABLE + ": " + e.getMessage(), e);
        }
        return rows;
    }

    private static boolean exists(Connection c) throws SQLException {
        // the catalog, not to_regclass: that raises "permission denied" for a schema the role may not use
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = '" + SCHEMA + "' AND c.relname = 'deploy_history')")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * Creates the schema (only if missing: that alone needs CREATE on the database) and the table (CREATE on the
     * schema), then checks the role may write rows. Each missing privilege is refused before any change, naming
     * it and the statement that grants it.
     */
    private static void ensureTable(Connection c) throws SQLException {
        if (!exists(c)) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                // two runners creating it at once: the loser waits on this lock, then finds the schema and table
                st.execute("SELECT pg_advisory_xact_lock(1396918349, 2)");   // the run-wide lock's first key, 0x5343484D, in decimal: hex literals need PostgreSQL 16
                if (!exists(c)) {
                    Access a = access(c);
                    if (!a.schemaExists()) {
                        if (!a.createOnDatabase()) {
                            throw refused(a, "may not create schema " + SCHEMA + ": that needs the CREATE privilege on database " + a.database()
                                    + ", which it lacks. Either GRANT CREATE ON DATABASE " + ident(a.database()) + " TO " + ident(a.role())
                                    + "; or have the database owner create the schema for it once: CREATE SCHEMA " + SCHEMA + " AUTHORIZATION "
                                    + ident(a.role()));
                        }
                        st.execute(SCHEMA_DDL);
                    } else if (!a.schemaUsage() || !a.schemaCreate()) {
                        throw refused(a, "may not create the table " + TABLE + ": that needs " + (a.schemaUsage() ? "" : "USAGE and ")
                                + "CREATE on schema " + SCHEMA + " (owner " + a.schemaOwner() + "). Grant them once: GRANT USAGE, CREATE ON SCHEMA "
                                + SCHEMA + " TO " + ident(a.role()));
                    }
                    st.execute(TABLE_DDL);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        Access a = access(c);
        if (!a.schemaUsage() || !a.tableWrite()) {
            throw refused(a, "may not write " + TABLE + " (it needs USAGE on schema " + SCHEMA + " and SELECT, INSERT, UPDATE on the table). Grant them "
                    + "once: GRANT USAGE ON SCHEMA " + SCHEMA + " TO " + ident(a.role()) + "; GRANT SELECT, INSERT, UPDATE ON " + TABLE + " TO "
                    + ident(a.role()));
        }
    }

    /** What the connected role may do about the deploy history. */
    private record Access(String role, String database, boolean createOnDatabase, boolean schemaExists, String schemaOwner, boolean schemaUsage,
                          boolean schemaCreate, boolean tableWrite) {
    }

    private static Access access(Connection c) throws SQLException {
        // has_*_privilege with several privileges is true when ANY is held: each one is asked on its own
        try (PreparedStatement ps = c.prepareStatement("SELECT current_user, current_database(), has_database_privilege(current_database(), 'CREATE'), "
                + "n.oid IS NOT NULL, pg_get_userbyid(n.nspowner), "
                + "n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'USAGE'), n.oid IS NOT NULL AND has_schema_privilege(n.oid, 'CREATE'), "
                + "t.oid IS NOT NULL AND has_table_privilege(t.oid, 'SELECT') AND has_table_privilege(t.oid, 'INSERT') AND has_table_privilege(t.oid, 'UPDATE') "
                + "FROM (SELECT 1) one LEFT JOIN pg_namespace n ON n.nspname = ? "
                + "LEFT JOIN pg_class t ON t.relnamespace = n.oid AND t.relname = 'deploy_history'")) {
            ps.setString(1, SCHEMA);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Access(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getString(5), rs.getBoolean(6),
                        rs.getBoolean(7), rs.getBoolean(8));
            }
        }
    }

    private static MigrationException refused(Access a, String what) {
        return new MigrationException(null, "cannot record the run in " + TABLE + ", so nothing was changed: role " + a.role() + " " + what);
    }

    /** {@code name} as an SQL identifier, quoted when it needs to be. */
    private static String ident(String name) {
        return name.matches("[a-z_][a-z0-9_$]*") ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String json(List<Module> modules) {
        try {
            return JSON.writeValueAsString(modules);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return null;
        }
    }
}
