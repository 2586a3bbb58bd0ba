package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.ConnectionSettings;
import dev.schemamodules.core.api.MigrationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * {@code migrate --backup DIR}: the real {@code pg_dump} (schema and data of the plan's schemas that
 * exist, custom format) before anything is migrated. Refuses, with the reason, when the directory is
 * not writable, pg_dump is missing or older than the server, or pg_dump fails. The password reaches
 * pg_dump through its environment ({@code PGPASSWORD}), never its command line.
 */
public final class Backup {

    private static final Pattern VERSION = Pattern.compile("(\\d+)(?:\\.(\\d+))?");

    private Backup() {
    }

    /** Returns the dump file, or empty when none of the schemas exists yet (nothing to back up). */
    public static Optional<Path> run(Path directory, String pgDump, ConnectionSettings settings, DataSource dataSource, List<String> schemas,
                                     Console console) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw refuse("backup directory " + directory + " cannot be created: " + e.getMessage());
        }
        if (!Files.isWritable(directory)) {
            throw refuse("backup directory " + directory + " is not writable");
        }
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
            throw refuse("cannot read the server version: " + e.getMessage());
        }
        if (existing.isEmpty()) {
            console.info("backup: none of the schemas " + schemas + " exists yet; nothing to back up");
            return Optional.empty();
        }
        Path executable = findPgDump(pgDump, serverMajor);
        int dumpMajor = majorOf(executable);
        if (dumpMajor < serverMajor) {
            throw refuse(executable + " is version " + dumpMajor + ", older than the server (" + serverMajor + "); pg_dump refuses to dump a newer server. "
                    + "Install the PostgreSQL " + serverMajor + " client tools (e.g. postgresql-client-" + serverMajor + ") or pass --pg-dump PATH");
        }
        Path file = directory.resolve(database + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".dump");
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--format=custom", "--no-password", "--file=" + file,
                "--dbname=" + conninfo(settings, database)));
        existing.forEach(s -> command.add("--schema=" + s));
        console.info("backup: " + executable + " (" + dumpMajor + ") of schemas " + existing + " -> " + file);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        settings.password().ifPresent(p -> env.put("PGPASSWORD", p));
        try {
            Process p = pb.start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(6, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw refuse("pg_dump did not finish");
            }
            if (p.exitValue() != 0) {
                Files.deleteIfExists(file);
                throw refuse("pg_dump exited with " + p.exitValue() + ": " + settings.scrub(output.strip()));
            }
            console.info("backup: " + Files.size(file) + " bytes written");
            return Optional.of(file);
        } catch (IOException e) {
            throw refuse("cannot run " + executable + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw refuse("interrupted while pg_dump ran");
        }
    }

    private static MigrationException refuse(String reason) {
        return new MigrationException(null, "backup failed, nothing was migrated: " + reason);
    }

    /** An explicit path, else the newest pg_dump among PATH and /usr/lib/postgresql/N/bin. */
    static Path findPgDump(String explicit, int serverMajor) {
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isExecutable(p)) {
                throw refuse("pg_dump not found at " + explicit);
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
            throw refuse("pg_dump is not installed (Debian/Ubuntu: apt-get install postgresql-client-" + serverMajor + "; or pass --pg-dump PATH)");
        }
        return candidates.stream().max(Comparator.comparingInt(Backup::majorOf)).orElseThrow();
    }

    static int majorOf(Path pgDump) {
        try {
            Process p = new ProcessBuilder(pgDump.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            Matcher m = VERSION.matcher(out.replaceFirst("^[^0-9]*", ""));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** libpq key/value connection string without the password. */
    static String conninfo(ConnectionSettings s, String database) {
        Matcher m = Pattern.compile("jdbc:postgresql://([^:/]+)(?::(\\d+))?/").matcher(s.jdbcUrl());
        if (!m.find()) {
            throw refuse("cannot derive host and port from " + s.masked());
        }
        StringBuilder b = new StringBuilder("host=" + m.group(1) + " port=" + (m.group(2) == null ? "5432" : m.group(2)) + " dbname=" + database);
        s.user().ifPresent(u -> b.append(" user=").append(u));
        return b.toString();
    }
}
