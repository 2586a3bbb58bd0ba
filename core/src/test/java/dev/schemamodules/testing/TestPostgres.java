package dev.schemamodules.testing;

import dev.schemamodules.core.db.ConnectionSettings;
import dev.schemamodules.core.db.EmbeddedServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The one PostgreSQL server of this test JVM, chosen once, in this order:
 * <ol>
 *   <li>{@code external}: the server named by {@value #URL_ENV} (or {@code -Dschemamodules.test.dbUrl});
 *       needs a role that may create databases and roles;</li>
 *   <li>{@code testcontainers}: the pinned {@code postgres} image when a Docker engine answers;</li>
 *   <li>{@code embedded}: PostgreSQL binaries from Maven Central (zonky).</li>
 * </ol>
 * {@value #BACKEND_ENV} (or {@code -Dschemamodules.test.backend}) forces one of them; a forced back-end
 * that cannot start fails loudly instead of falling back. The major version is
 * {@value #MAJOR_ENV} / {@code -Dschemamodules.test.pgMajor} (default {@value #DEFAULT_MAJOR}).
 */
public final class TestPostgres {

    public static final String URL_ENV = "SCHEMA_MODULES_TEST_DATABASE_URL";
    public static final String BACKEND_ENV = "SCHEMA_MODULES_TEST_BACKEND";
    public static final String MAJOR_ENV = "SCHEMA_MODULES_TEST_PG_MAJOR";
    public static final String DEFAULT_MAJOR = "17";
    /** The image the Testcontainers back-end runs; the tag is the PostgreSQL major version. */
    public static final String IMAGE = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
    private static volatile TestPostgres instance;

    private final String backend;
    private final String description;
    private final ConnectionSettings admin;
    private final AutoCloseable resource;

    private TestPostgres(String backend, String description, ConnectionSettings admin, AutoCloseable resource) {
        this.backend = backend;
        this.description = description;
        this.admin = admin;
        this.resource = resource;
    }

    public static TestPostgres get() {
        TestPostgres i = instance;
        if (i == null) {
            synchronized (TestPostgres.class) {
                i = instance;
                if (i == null) {
                    i = start();
                    instance = i;
                    TestPostgres started = i;
                    Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-postgres-stop"));
                }
            }
        }
        return i;
    }

    static String setting(String property, String env, String fallback) {
        String p = System.getProperty(property);
        if (p != null && !p.isBlank()) {
            return p.trim();
        }
        String e = System.getenv(env);
        return e != null && !e.isBlank() ? e.trim() : fallback;
    }

    public static String majorVersion() {
        return setting("schemamodules.test.pgMajor", MAJOR_ENV, DEFAULT_MAJOR);
    }

    private static TestPostgres start() {
        String url = setting("schemamodules.test.dbUrl", URL_ENV, "");
        String forced = setting("schemamodules.test.backend", BACKEND_ENV, "auto").toLowerCase(Locale.ROOT);
        TestPostgres server = switch (forced) {
            case "external" -> external(url);
            case "testcontainers" -> container();
            case "embedded" -> embedded("");
            case "auto" -> !url.isEmpty() ? external(url) : dockerAvailable() ? container() : embedded(noDocker);
            default -> throw new IllegalStateException(BACKEND_ENV + "=" + forced + " is not one of external, testcontainers, embedded, auto");
        };
        LOG.info("test PostgreSQL: {} ({})", server.backend, server.description);
        System.out.println("[schema-modules test harness] PostgreSQL back-end: " + server.backend + " - " + server.description);
        return server;
    }

    private static TestPostgres external(String url) {
        if (url.isEmpty()) {
            throw new IllegalStateException("back-end 'external' needs " + URL_ENV + " (or -Dschemamodules.test.dbUrl)");
        }
        ConnectionSettings s = ConnectionSettings.parse(url);
        String version = serverVersion(s);
        return new TestPostgres("external", s.masked() + ", PostgreSQL " + version, s, () -> { });
    }

    /**
     * Cheap first: without DOCKER_HOST and without a Docker socket file there is no engine, and asking
     * Testcontainers would only spend time probing (and write ~/.testcontainers.properties).
     */
    private static boolean dockerAvailable() {
        java.nio.file.Path socket = java.nio.file.Path.of("/var/run/docker.sock");
        boolean configured = System.getenv("DOCKER_HOST") != null || System.getenv("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE") != null
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".docker", "run", "docker.sock"))
                || java.nio.file.Files.exists(java.nio.file.Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
        if (!configured && !java.nio.file.Files.exists(socket)) {
            noDocker = "no Docker engine (no socket, no DOCKER_HOST)";
            return false;
        }
        if (!configured && !(java.nio.file.Files.isReadable(socket) && java.nio.file.Files.isWritable(socket))) {
            // a Docker engine runs but this user may not talk to it: probing would only fail, after seconds
            noDocker = "a Docker engine runs but user " + System.getProperty("user.name") + " may not use " + socket
                    + " (not in its group)";
            return false;
        }
        try {
            boolean available = DockerClientFactory.instance().isDockerAvailable();
            noDocker = available ? "" : "no Docker engine answered (Testcontainers' probe; its log is off, see logback-test.xml)";
            return available;
        } catch (RuntimeException | LinkageError e) {
            noDocker = "Testcontainers could not probe Docker: " + e;
            return false;
        }
    }

    /** Why the automatic choice did not take Testcontainers, said in the back-end line. */
    private static String noDocker = "";

    @SuppressWarnings("resource")
    private static TestPostgres container() {
        String image = IMAGE + ":" + majorVersion();
        PostgreSQLContainer c = new PostgreSQLContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("postgres"))
                .withCommand("postgres", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=300");
        try {
            c.start();
        } catch (RuntimeException e) {
            throw new IllegalStateException("Testcontainers could not start " + image + ": " + e.getMessage()
                    + " (is a Docker engine running and the image present? see README, 'How tests pick PostgreSQL')", e);
        }
        ConnectionSettings s = ConnectionSettings.parse(c.getJdbcUrl()).withCredentials(c.getUsername(), c.getPassword());
        return new TestPostgres("testcontainers", "container " + image + " " + c.getContainerId().substring(0, 12) + ", PostgreSQL " + serverVersion(s), s, c::stop);
    }

    private static TestPostgres embedded(String why) {
        // benchmarks whose tables outgrow the default 128 MB may size the embedded server's shared buffers
        String sharedBuffers = setting("schemamodules.test.sharedBuffers", "SCHEMA_MODULES_TEST_SHARED_BUFFERS", "");
        TestDataDirectory.Choice data = TestDataDirectory.choose();
        List<java.nio.file.Path> swept = TestDataDirectory.sweep(data.parent(), TestDataDirectory.STALE_AFTER);
        if (!swept.isEmpty()) {
            LOG.info("deleted {} data folder(s) that killed test JVMs left behind: {}", swept.size(), swept);
        }
        EmbeddedServer server = EmbeddedServer.startTemporary(data.parent(), 0,
                sharedBuffers.isEmpty() ? Map.of() : Map.of("shared_buffers", sharedBuffers));
        ConnectionSettings s = server.settings("postgres");
        return new TestPostgres("embedded", "zonky binaries on port " + server.port() + ", PostgreSQL " + serverVersion(s)
                + ", " + data.description() + (why.isEmpty() ? "" : "; not Testcontainers: " + why), s, server);
    }

    private static String serverVersion(ConnectionSettings s) {
        try (Connection c = connect(s, "postgres"); Statement st = c.createStatement(); var rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach test PostgreSQL at " + s.masked() + ": " + s.scrub(e.getMessage()), e);
        }
    }

    /** A plain JDBC connection (no pool) to {@code database} on this server, as the admin role. */
    public Connection connect(String database) throws SQLException {
        return connect(admin, database);
    }

    private static Connection connect(ConnectionSettings s, String database) throws SQLException {
        Properties p = new Properties();
        s.user().ifPresent(u -> p.setProperty("user", u));
        s.password().ifPresent(pw -> p.setProperty("password", pw));
        return DriverManager.getConnection(jdbcUrlFor(s.jdbcUrl(), database), p);
    }

    /** Connection settings for {@code database} on this server, as the admin role. */
    public ConnectionSettings settings(String database) {
        return new ConnectionSettings(jdbcUrlFor(admin.jdbcUrl(), database), admin.user().orElse(null), admin.password().orElse(null),
                admin.masked().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"));
    }

    static String jdbcUrlFor(String jdbcUrl, String database) {
        int hostStart = "jdbc:postgresql://".length();
        int slash = jdbcUrl.indexOf('/', hostStart);
        int q = jdbcUrl.indexOf('?', hostStart);
        String base = jdbcUrl.substring(0, slash < 0 ? (q < 0 ? jdbcUrl.length() : q) : slash);
        String query = q < 0 ? "" : jdbcUrl.substring(q);
        return base + "/" + database + query;
    }

    public String backend() {
        return backend;
    }

    public String description() {
        return description;
    }

    private void stop() {
        try {
            TemplateDatabases.dropAll(this);
            resource.close();
        } catch (Exception e) {
            LOG.warn("stopping test PostgreSQL: {}", e.getMessage());
        }
    }
}
