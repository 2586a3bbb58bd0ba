package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.MigrationException;
import java.io.ByteArrayOutputStream;
import dev.schemamodules.core.db.ConnectionSettings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.Driver;

/**
 * {@code --backup DIR}: the real {@code pg_dump} (schema and data of the given schemas that exist,
 * custom format) before anything changes. Refuses, with the reason, when the directory is not
 * writable or open to other users, pg_dump is missing or older than the server, fails, or does not
 * finish within its time limit.
 *
 * <p>The dump is private: the directory is created 0700 (an existing one must not be readable by
 * group or others) and the file is created 0600 before pg_dump writes into it. The password reaches
 * pg_dump through a 0600 password file named by {@code PGPASSFILE}, never its command line; the
 * connection parameters come from pgjdbc's own URL parsing, so SSL settings, several hosts and IPv6
 * addresses reach pg_dump as they reach the JDBC driver. pg_dump's output is read while it runs, so
 * a chatty or stuck pg_dump cannot outlive the time limit.
 *
 * <p>Over 250 lines: one pg_dump run end to end (permissions, password file, connection parameters, version
 * check, the timed process); each part is needed for the guarantees of the others.
 */
public final class Backup {

    /** The default time limit for one pg_dump run. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(6);

    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
    /** pgjdbc URL parameters that libpq knows, by their libpq name. Others (socketTimeout, ...) mean nothing to pg_dump. */
    private static final Map<String, String> JDBC_TO_LIBPQ = jdbcToLibpq();

    private Backup() {
    }

    private static Map<String, String> jdbcToLibpq() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sslmode", "sslmode");
        m.put("sslcert", "sslcert");
        m.put("sslkey", "sslkey");
        m.put("sslrootcert", "sslrootcert");
        m.put("sslcrl", "sslcrl");
        m.put("gssEncMode", "gssencmode");
        m.put("channelBinding", "channel_binding");
        m.put("ApplicationName", "application_name");
        m.put("options", "options");
        m.put("connectTimeout", "connect_timeout");
        m.put("targetServerType", "target_session_attrs");
        m.put("tcpKeepAlive", "keepalives");
        return m;
    }

    /**
     * Returns the dump file, or empty when none of the schemas exists yet (nothing to back up).
     *
     * @param what a word for the messages, e.g. "migrated" or "undone"
     */
    public static Optional<Path> run(Path directory, String pgDump, Duration timeout, ConnectionSettings settings, DataSource dataSource,
                                     List<String> schemas, String what, Console console) {
        privateDirectory(directory, what);
        int serverMajor;
        List<String> existing = new ArrayList<>();
        String database;
        try (Connection c = dataSource.getConnection()) {
            serverMajor = c.getMetaData().getDatabaseMajorVersion();
            database = c.getCatalog();
            try (PreparedStatement ps = c.prepareStatement("SELECT nspname FROM pg_namespace WHERE nspname = ANY (?) ORDER BY 1")) {
                ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        existing.add(rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw refuse(what, "cannot read the server version: " + settings.scrub(e.getMessage()));
        }
        if (existing.isEmpty()) {
            console.info("backup: none of the schemas " + schemas + " exists yet; nothing to back up");
            return Optional.empty();
        }
        Path executable = findPgDump(pgDump, serverMajor, what);
        int dumpMajor = majorOf(executable);
        if (dumpMajor <= 0) {
            throw refuse(what, executable + " is not PostgreSQL's pg_dump ('" + executable + " --version' did not answer 'pg_dump (PostgreSQL) N'); "
                    + "pass --pg-dump with the pg_dump of the PostgreSQL " + serverMajor + " client tools (e.g. /usr/lib/postgresql/" + serverMajor + "/bin/pg_dump)");
        }
        if (dumpMajor < serverMajor) {
            throw refuse(what, executable + " is version " + dumpMajor + ", older than the server (" + serverMajor + "); pg_dump refuses to dump a newer server. "
                    + "Install the PostgreSQL " + serverMajor + " client tools (e.g. postgresql-client-" + serverMajor + ") or pass --pg-dump PATH");
        }
        Path file = directory.resolve(database + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")) + ".dump");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--format=custom", "--no-password", "--file=" + file,
                "--dbname=" + conninfo(settings.jdbcUrl(), settings.user().orElse(null), database)));
        existing.forEach(s -> command.add("--schema=" + s));
        console.info("backup: " + executable + " (" + dumpMajor + ") of schemas " + existing + " -> " + file);
        Path passDir = null;
        boolean done = false;
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
            Files.setPosixFilePermissions(file, PRIVATE_FILE);   // whatever the umask
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            Map<String, String> env = pb.environment();
            env.remove("PGPASSWORD");
            if (settings.password().isPresent()) {
                passDir = Files.createTempDirectory("schema-modules-pgpass", PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                Path passFile = passDir.resolve("pgpass");
                Files.createFile(passFile, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
                Files.writeString(passFile, "*:*:*:*:" + passfileEscape(settings.password().get()) + "\n", StandardCharsets.UTF_8);
                env.put("PGPASSFILE", passFile.toString());
            }
            String output = runBounded(pb, timeout, what, executable);
            if (output == null) {
                throw refuse(what, "pg_dump did not finish within " + timeout.toSeconds() + " s and was stopped (raise --backup-timeout)");
            }
            if (!output.startsWith("0\n")) {
                int nl = output.indexOf('\n');
                throw refuse(what, "pg_dump exited with " + output.substring(0, nl) + ": " + settings.scrub(output.substring(nl + 1).strip()));
            }
            console.info("backup: " + Files.size(file) + " bytes written (readable by its owner only)");
            done = true;
            return Optional.of(file);
        } catch (IOException e) {
            throw refuse(what, "cannot run " + executable + ": " + e.getMessage());
        } finally {
            if (!done) {
                deleteQuietly(file);
            }
            if (passDir != null) {
                deleteQuietly(passDir.resolve("pgpass"));
                deleteQuietly(passDir);
            }
        }
    }

    /**
     * Starts the process, reads its output on another thread while waiting at most {@code timeout};
     * returns {@code "<exit code>\n<output>"}, or null when it had to be stopped.
     */
    static String runBounded(ProcessBuilder pb, Duration timeout, String what, Path executable) throws IOException {
        Process p = pb.start();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> drain(p.getInputStream(), captured), "pg_dump-output");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                return null;
            }
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw refuse(what, "interrupted while " + executable + " ran");
        }
        synchronized (captured) {
            return p.exitValue() + "\n" + captured.toString(StandardCharsets.UTF_8);
        }
    }

    private static void drain(InputStream in, ByteArrayOutputStream into) {
        byte[] buffer = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (into) {
                    if (into.size() < 1 << 20) {   // keep the first MiB for the message, read (and drop) the rest
                        into.write(buffer, 0, n);
                    }
                }
            }
        } catch (IOException ignored) {
            // the process ended or was stopped
        }
    }

    /** Creates {@code directory} 0700, or checks that an existing one is private; refuses otherwise. */
    static void privateDirectory(Path directory, String what) {
        try {
            if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                if (directory.getParent() != null) {
                    Files.createDirectories(directory.getParent());
                }
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                Files.setPosixFilePermissions(directory, PRIVATE_DIR);
            } else if (!Files.isDirectory(directory)) {
                throw refuse(what, "backup directory " + directory + " is not a directory");
            }
        } catch (IOException e) {
            throw refuse(what, "backup directory " + directory + " cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(directory)) {
            throw refuse(what, "backup directory " + directory + " is not writable");
        }
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(directory);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP_") || p.name().startsWith("OTHERS_"))) {
                throw refuse(what, "backup directory " + directory + " is open to other users (" + PosixFilePermissions.toString(perms)
                        + "); a dump holds every row of the schemas. Use a new directory (created 0700) or chmod 700 " + directory);
            }
        } catch (UnsupportedOperationException | IOException e) {
            throw refuse(what, "cannot check the permissions of backup directory " + directory + ": " + e.getMessage());
        }
    }

    private static MigrationException refuse(String what, String reason) {
        return new MigrationException(null, "backup failed, nothing was " + what + ": " + reason);
    }

    /** An explicit path, else the newest pg_dump among PATH and /usr/lib/postgresql/N/bin. */
    static Path findPgDump(String explicit, int serverMajor, String what) {
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isExecutable(p)) {
                throw refuse(what, "pg_dump not found at " + explicit);
            }
            return p;
        }
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, "pg_dump");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                candidates.add(p);
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> s = Files.list(debian)) {
                s.map(d -> d.resolve("bin/pg_dump")).filter(Files::isExecutable).forEach(candidates::add);
            } catch (IOException ignored) {
                // PATH candidates remain
            }
        }
        if (candidates.isEmpty()) {
            throw refuse(what, "pg_dump is not installed (Debian/Ubuntu: apt-get install postgresql-client-" + serverMajor + "; or pass --pg-dump PATH)");
        }
        return candidates.stream().max(Comparator.comparingInt(Backup::majorOf)).orElseThrow();
    }

    static int majorOf(Path pgDump) {
        try {
            String out = runBounded(new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true), Duration.ofSeconds(30), "changed", pgDump);
            if (out == null) {
                return 0;
            }
            // "0\npg_dump (PostgreSQL) 17.6": exit status, then what it printed; anything else is not pg_dump
            // (coreutils' false --version prints "false (GNU coreutils) 9.1" and exits 1)
            Matcher printed = Pattern.compile("(?m)^pg_dump \\(PostgreSQL\\) (\\d+)").matcher(out);
            return out.startsWith("0\n") && printed.find() ? Integer.parseInt(printed.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * libpq key/value connection string for {@code jdbcUrl}, without the password: host(s) and port(s)
     * as pgjdbc reads them (IPv6 brackets removed), the database, the user, and the URL parameters
     * libpq understands (sslmode, sslrootcert, ...).
     */
    static String conninfo(String jdbcUrl, String user, String database) {
        Properties p = Driver.parseURL(jdbcUrl, new Properties());
        if (p == null) {
            throw new MigrationException(null, "backup failed: the JDBC driver cannot parse the database URL");
        }
        List<String> hosts = new ArrayList<>();
        for (String h : p.getProperty("PGHOST", "localhost").split(",")) {
            hosts.add(h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h);
        }
        StringBuilder b = new StringBuilder();
        append(b, "host", String.join(",", hosts));
        append(b, "port", p.getProperty("PGPORT", "5432"));
        append(b, "dbname", database != null ? database : p.getProperty("PGDBNAME"));
        String u = user != null ? user : p.getProperty("user");
        if (u != null) {
            append(b, "user", u);
        }
        JDBC_TO_LIBPQ.forEach((jdbc, libpq) -> {
            String v = p.getProperty(jdbc);
            if (v != null && !v.isEmpty()) {
                append(b, libpq, libpqValue(libpq, v));
            }
        });
        return b.toString();
    }

    private static String libpqValue(String key, String v) {
        return switch (key) {
            case "target_session_attrs" -> switch (v) {
                case "master", "primary" -> "primary";
                case "secondary", "slave", "standby" -> "standby";
                case "preferSecondary", "preferStandby" -> "prefer-standby";
                default -> "any";
            };
            case "keepalives" -> Boolean.parseBoolean(v) ? "1" : "0";
            default -> v;
        };
    }

    private static void append(StringBuilder b, String key, String value) {
        if (b.length() > 0) {
            b.append(' ');
        }
        b.append(key).append("='").append(value.replace("\\", "\\\\").replace("'", "\\'")).append('\'');
    }

    /** A .pgpass field: backslash and colon escaped. */
    static String passfileEscape(String s) {
        return s.replace("\\", "\\\\").replace(":", "\\:");
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort; the file is private
        }
    }
}
