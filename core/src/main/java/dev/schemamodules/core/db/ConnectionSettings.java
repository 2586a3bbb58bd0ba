package dev.schemamodules.core.db;

import dev.schemamodules.core.api.ConfigurationException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the database is: a JDBC URL plus user and password kept apart, so that nothing printed ever
 * carries the password ({@link #toString()} and {@link #masked()} show {@code ***}).
 *
 * <p>Accepts JDBC URLs (for example {@code jdbc:postgresql://host:5432/db?user=u&password=p}) and libpq URIs as
 * the applications' {@code .env} files use them ({@code postgresql://u:p@host:5432/db},
 * {@code postgres://...}).
 */
public final class ConnectionSettings {

    /** The environment variable, also read from {@code ./.env}, that names the database. */
    public static final String DATABASE_URL = "DATABASE_URL";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String masked;

    public ConnectionSettings(String jdbcUrl, String user, String password, String masked) {
        this.jdbcUrl = Objects.requireNonNull(jdbcUrl);
        this.user = user;
        this.password = password;
        this.masked = Objects.requireNonNull(masked);
    }

    /** Parses a JDBC URL or libpq URI; a malformed one is a {@link ConfigurationException} (masked). */
    public static ConnectionSettings parse(String url) {
        return ConnectionStrings.parse(url);
    }

    /**
     * The first database named by: {@code explicitUrl}, then {@code DATABASE_URL} in {@code environment},
     * then {@code DATABASE_URL} in {@code workingDirectory/.env}. Empty when none names one.
     */
    public static Optional<Source> resolve(String explicitUrl, Map<String, String> environment, Path workingDirectory) {
        if (explicitUrl != null && !explicitUrl.isBlank()) {
            return Optional.of(new Source(parse(explicitUrl), "--url"));
        }
        String fromEnv = environment.get(DATABASE_URL);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(new Source(parse(fromEnv), "environment variable " + DATABASE_URL));
        }
        Path dotEnv = workingDirectory.resolve(".env");
        return DotEnv.read(dotEnv).map(DotEnv.Entries::values).map(v -> v.get(DATABASE_URL))
                .filter(v -> !v.isBlank())
                .map(v -> new Source(parse(v), DATABASE_URL + " in " + dotEnv));
    }

    /** Settings with user and password replaced where given (null keeps the current value). */
    public ConnectionSettings withCredentials(String newUser, String newPassword) {
        String u = newUser != null ? newUser : user;
        String p = newPassword != null ? newPassword : password;
        return new ConnectionSettings(jdbcUrl, u, p, ConnectionStrings.describe(jdbcUrl, u, p != null));
    }

    public String jdbcUrl() {
        return jdbcUrl;
    }

    public Optional<String> user() {
        return Optional.ofNullable(user);
    }

    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** A description safe to print: {@code postgresql://user:***@host:5432/db}. */
    public String masked() {
        return masked;
    }

    /** Replaces this connection's password, and any URL credential, in {@code text} by {@code ***}. */
    public String scrub(String text) {
        String t = ConnectionStrings.mask(text);
        if (password != null && !password.isEmpty() && t != null) {
            t = t.replace(password, "***");
        }
        return t;
    }

    @Override
    public String toString() {
        return masked;
    }

    /** Settings and where they came from (for messages). */
    public record Source(ConnectionSettings settings, String origin) {
    }
}
