package dev.schemamodules.runner.support;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.db.ConnectionSettings;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.core.db.EmbeddedServer;
import dev.schemamodules.runner.RunnerEnvironment;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

/** The database a command works on: a server given by URL, or the embedded default. */
public final class Target implements AutoCloseable {

    /** Database created in the embedded server for the modules. */
    public static final String EMBEDDED_DATABASE = "schema_modules";

    private final ConnectionSettings settings;
    private final HikariDataSource dataSource;
    private final EmbeddedServer embedded;
    private final java.util.function.Consumer<EmbeddedServer> keeper;

    private Target(ConnectionSettings settings, HikariDataSource dataSource, EmbeddedServer embedded, java.util.function.Consumer<EmbeddedServer> keeper) {
        this.settings = settings;
        this.dataSource = dataSource;
        this.embedded = embedded;
        this.keeper = keeper;
    }

    /**
     * Fails before any work when the options lead to the embedded server and this process runs as root
     * (initdb and postgres refuse root): an environment problem (exit 1), said before planning.
     */
    public static void checkEmbeddedPossible(DatabaseOptions o, RunnerEnvironment env) {
        if (resolve(o, env).isEmpty() && "root".equals(System.getProperty("user.name"))) {
            throw new dev.schemamodules.core.api.MigrationException(null, "the embedded PostgreSQL cannot run as root (PostgreSQL refuses it): "
                    + "run as an ordinary user, or give a server with --url or DATABASE_URL");
        }
    }

    /** The connection settings the options name, without connecting; empty means "embedded". */
    public static Optional<ConnectionSettings.Source> resolve(DatabaseOptions o, RunnerEnvironment env) {
        Optional<ConnectionSettings.Source> source = ConnectionSettings.resolve(o.url(), env.variables(), env.workingDirectory());
        return source.map(s -> {
            String password = null;
            if (o.passwordEnv() != null) {
                password = env.variables().get(o.passwordEnv());
                if (password == null) {
                    throw new ConfigurationException("--password-env " + o.passwordEnv() + ": that environment variable is not set");
                }
            }
            return new ConnectionSettings.Source(s.settings().withCredentials(o.user(), password), s.origin());
        });
    }

    /**
     * @param keeper with {@code --keep-running}: takes over the embedded server when the command is done
     *               (it keeps it up after the command's output), else unused
     */
    public static Target open(DatabaseOptions o, RunnerEnvironment env, Console console, java.util.function.Consumer<EmbeddedServer> keeper) {
        Duration timeout = Duration.ofSeconds(Math.max(1, o.connectTimeoutSeconds()));
        Optional<ConnectionSettings.Source> source = resolve(o, env);
        if (source.isPresent()) {
            ConnectionSettings s = source.get().settings();
            console.note("database: " + s.masked() + " (from " + source.get().origin() + ")");
            return new Target(s, DataSources.create(s, "schema-modules-runner", timeout), null, null);
        }
        Path dir = env.workingDirectory().resolve(o.dataDir()).normalize();
        EmbeddedServer server = EmbeddedServer.start(dir, o.embeddedPort(), true);
        try {
            createDatabaseIfMissing(server);
            ConnectionSettings s = server.settings(EMBEDDED_DATABASE);
            console.note("database: embedded PostgreSQL " + server.serverVersion() + " on localhost:" + server.port() + ", data in " + dir);
            if (!o.keepRunning()) {
                console.note("  it stops when this command ends; add --keep-running to keep it up and connect with psql");
            }
            return new Target(s, DataSources.create(s, "schema-modules-runner", timeout), server, o.keepRunning() ? keeper : null);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private static void createDatabaseIfMissing(EmbeddedServer server) {
        ConnectionSettings admin = server.settings("postgres");
        try (HikariDataSource ds = DataSources.create(admin, "schema-modules-runner-setup", Duration.ofSeconds(30));
             Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, EMBEDDED_DATABASE);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + EMBEDDED_DATABASE);
            }
        } catch (SQLException e) {
            throw new ConfigurationException("embedded PostgreSQL: cannot create database " + EMBEDDED_DATABASE + ": " + e.getMessage());
        }
    }

    public ConnectionSettings settings() {
        return settings;
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public Optional<EmbeddedServer> embedded() {
        return Optional.ofNullable(embedded);
    }

    @Override
    public void close() {
        dataSource.close();
        if (embedded == null) {
            return;
        }
        if (keeper != null) {
            keeper.accept(embedded);
            return;
        }
        embedded.close();
    }
}
