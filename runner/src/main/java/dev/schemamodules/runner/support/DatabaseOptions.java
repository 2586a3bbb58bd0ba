package dev.schemamodules.runner.support;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the database is; with none given, an embedded PostgreSQL with a persistent data directory. */
public final class DatabaseOptions {

    @Option(names = "--url", paramLabel = "URL", description = {
        "Database, for example postgresql://USER:PASSWORD@HOST:5432/DB (libpq form, as in .env files) or jdbc:postgresql://HOST:5432/DB.",
        "Default: $DATABASE_URL, then DATABASE_URL in ./.env, else an embedded PostgreSQL (see --data-dir)."})
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "Database user (overrides the URL's).")
    String user;

    @Option(names = "--password-env", paramLabel = "VAR", description = "Read the password from this environment variable (e.g. PGPASSWORD) instead of the URL.")
    String passwordEnv;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Embedded PostgreSQL data directory, kept between runs (default: ${DEFAULT-VALUE}).",
            defaultValue = ".schema-modules/pgdata")
    Path dataDir;

    @Option(names = "--embedded-port", paramLabel = "PORT", converter = Inputs.Port.class, description = "TCP port of the embedded PostgreSQL on localhost; 0 picks a free one (default: ${DEFAULT-VALUE}).",
            defaultValue = "54329")
    int embeddedPort;

    @Option(names = "--keep-running", description = "With the embedded PostgreSQL: keep it running after the command, until Ctrl-C.")
    boolean keepRunning;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", converter = Inputs.PositiveSeconds.class, defaultValue = "10",
            description = "Give up connecting (TCP connect, login and the first query) after this long (default: ${DEFAULT-VALUE}).")
    int connectTimeoutSeconds;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", converter = Inputs.PositiveSeconds.class, defaultValue = "300",
            description = "Wait at most this long for another run's migration lock (default: ${DEFAULT-VALUE}).")
    int lockTimeoutSeconds;

    @Option(names = "--ddl-lock-timeout", paramLabel = "SECONDS", converter = Inputs.PositiveSeconds.class, defaultValue = "5",
            description = {"lock_timeout of every migration, undo and verify script: how long one statement may queue for a table lock,",
                "while every later query on that table queues behind it (default: ${DEFAULT-VALUE})."})
    int ddlLockTimeoutSeconds;

    @Option(names = "--concurrent-lock-timeout", paramLabel = "SECONDS", converter = Inputs.PositiveSeconds.class, defaultValue = "300",
            description = {"lock_timeout of a migration that only builds or drops indexes CONCURRENTLY (outside a transaction): such a build",
                "waits for older transactions by design, and no read or write queues behind it meanwhile (default: ${DEFAULT-VALUE})."})
    int concurrentLockTimeoutSeconds;

    @Option(names = "--ddl-lock-retries", paramLabel = "N", converter = Inputs.NonNegativeCount.class, defaultValue = "3",
            description = "Run a migration or verify script that hit --ddl-lock-timeout again up to N times, pausing 1, 2, 4 ... s, naming who holds the lock (default: ${DEFAULT-VALUE}).")
    int ddlLockRetries;

    @Option(names = "--statement-timeout", paramLabel = "SECONDS", converter = Inputs.PositiveSeconds.class,
            description = "statement_timeout of every migration (default: none).")
    Integer statementTimeoutSeconds;

    public int ddlLockTimeoutSeconds() {
        return ddlLockTimeoutSeconds;
    }

    public int concurrentLockTimeoutSeconds() {
        return concurrentLockTimeoutSeconds;
    }

    public int ddlLockRetries() {
        return ddlLockRetries;
    }

    public java.util.Optional<Integer> statementTimeoutSeconds() {
        return java.util.Optional.ofNullable(statementTimeoutSeconds);
    }

    public String url() {
        return url;
    }

    public String user() {
        return user;
    }

    public String passwordEnv() {
        return passwordEnv;
    }

    public Path dataDir() {
        return dataDir;
    }

    public int embeddedPort() {
        return embeddedPort;
    }

    public boolean keepRunning() {
        return keepRunning;
    }

    public int connectTimeoutSeconds() {
        return connectTimeoutSeconds;
    }

    public int lockTimeoutSeconds() {
        return lockTimeoutSeconds;
    }
}
