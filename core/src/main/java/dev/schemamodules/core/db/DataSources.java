package dev.schemamodules.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.schemamodules.core.api.MigrationException;
import java.time.Duration;

/**
 * HikariCP pools for a run: small (a run needs the run lock's connection and one for its reads and migrations, which
 * Flyway shares; while migrations run the lock watcher's, the progress watcher's once one has run a second, and the
 * verify scripts' second session's), bounded waits.
 */
public final class DataSources {

    private DataSources() {
    }

    public static HikariDataSource create(ConnectionSettings settings, String applicationName, Duration connectTimeout) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        settings.user().ifPresent(config::setUsername);
        settings.password().ifPresent(config::setPassword);
        config.setPoolName(applicationName);
        config.setMaximumPoolSize(5);
        // one while the pool starts: the connection it opens at once to fail fast on a bad URL (initializationFailTimeout
        // below) is then kept for the run's first statement, where with none it was closed at once and the run opened
        // another. Zero from then on (below), so that the pool never opens a connection the run did not ask for.
        config.setMinimumIdle(1);
        long millis = Math.max(1000, connectTimeout.toMillis());
        String seconds = String.valueOf(Math.max(1, connectTimeout.toSeconds()));
        // --connect-timeout bounds every step of getting a usable connection from a server that may accept
        // TCP and then say nothing: the TCP connect (connectTimeout), SSL negotiation and login
        // (loginTimeout), the pool's wait (connectionTimeout) and the first query on the new connection
        // (HikariCP runs its checks and connectionInitSql under validationTimeout as the socket timeout).
        // Later statements have no socket timeout: a migration may rightly run for hours.
        config.setConnectionTimeout(millis);
        config.setValidationTimeout(Math.max(250, millis));
        config.setInitializationFailTimeout(1);
        config.addDataSourceProperty("ApplicationName", applicationName);
        config.addDataSourceProperty("connectTimeout", seconds);
        config.addDataSourceProperty("loginTimeout", seconds);
        config.addDataSourceProperty("socketTimeout", "0");
        // PostgreSQL 14+: a backend running a long statement for a runner that was killed notices the
        // dead client within a second and rolls back, instead of finishing the statement first
        config.setConnectionInitSql("SELECT set_config('client_connection_check_interval', '1000', false) "
                + "WHERE current_setting('server_version_num')::int >= 140000");
        try {
            HikariDataSource dataSource = new HikariDataSource(config);
            dataSource.getHikariConfigMXBean().setMinimumIdle(0);
            return dataSource;
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MigrationException(null, "cannot connect to " + settings.masked() + ": " + settings.scrub(reason(cause)), e);
        }
    }

    /**
     * Why a connection failed and what to check, in one line ending in "nothing was changed": the network cause
     * in plain words (unknown host, refused, no answer), else PostgreSQL's message and a next step by SQLSTATE.
     */
    static String reason(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException u) {
                return "unknown host " + u.getMessage() + ". Check the host name in --url (or DATABASE_URL); nothing was changed";
            }
            if (t instanceof java.net.ConnectException) {
                String m = firstLine(cause.getMessage());
                int refused = m.indexOf(" refused");
                return (refused > 0 ? m.substring(0, refused + " refused".length()) : "connection refused")
                        + ". Check the host and port in --url and that PostgreSQL runs there and accepts TCP connections; nothing was changed";
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return "no answer within the connect timeout (--connect-timeout). Check the host and port in --url and any firewall "
                        + "on the way; nothing was changed";
            }
        }
        String message = firstLine(cause.getMessage()).strip();
        return (message.endsWith(".") ? message.substring(0, message.length() - 1) : message) + nextStep(cause);
    }

    /** What to check, by the kind of connection failure (SQLSTATE), or "" when PostgreSQL's message says it all. */
    static String nextStep(Throwable cause) {
        String state = cause instanceof java.sql.SQLException s && s.getSQLState() != null ? s.getSQLState() : "";
        return switch (state) {
            case "28P01", "28000" -> ". Check the user and password (--url, --user, --password-env); nothing was changed";
            case "3D000" -> ". Create the database first, or fix its name in --url; nothing was changed";
            default -> "; nothing was changed";
        };
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
