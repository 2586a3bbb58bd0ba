package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run behaves.
 *
 * @param lockTimeout        how long to wait for every lock the run takes for itself: the run-wide migration
 *                           lock and Flyway's per-module advisory lock (one deadline for both)
 * @param verifyAfterMigrate after migrate, run the verify script of every migration this run applied (a run that
 *                           applied nothing runs none)
 * @param referenceCheck     fail a migration whose objects reference an undeclared module's schema, or that
 *                           changes objects or rows in an undeclared module's schemas
 * @param migrationsPerTransaction at most this many pending versioned migrations of a module are applied in
 *                           one transaction (1 = one transaction each, Flyway's default). A batch that fails is
 *                           rolled back and re-run one migration per transaction, so the good ones are applied
 *                           and the failing script is reported exactly as without batching. {@link #AUTO}
 *                           (the default): batches of {@value #DEFAULT_MIGRATIONS_PER_TRANSACTION} when the module
 *                           is installed fresh (nothing to block), one per transaction when upgrading an installed
 *                           module, where a batch would hold every lock its migrations take until it commits
 * @param ddlLockTimeout     {@code lock_timeout} of every migration: how long one statement may queue for a
 *                           table lock (while it queues, every later query on that table queues behind it)
 * @param ddlLockRetries     how many times a migration that could not get its lock in time is run again,
 *                           after a growing pause, before the run fails naming the session that holds it
 * @param statementTimeout   {@code statement_timeout} of every migration, if any
 * @param verifyAll          with {@code verifyAfterMigrate}: run the verify script of every applied migration of every
 *                           planned module, not only of those this run applied
 * @param strictVersions     a module whose database history is ahead of the release this run carries fails a
 *                           migrate before any change; otherwise (the default) migrate skips that module, changes
 *                           nothing of it and goes on with the others, reporting it in {@link MigrateReport#skipped()}
 * @param concurrentLockTimeout {@code lock_timeout} of a migration that runs outside a transaction and only builds,
 *                           drops or rebuilds indexes {@code CONCURRENTLY}: such a build waits, by design, for every
 *                           transaction that started before it (through lock waits that {@code lock_timeout} bounds),
 *                           while it holds only {@code SHARE UPDATE EXCLUSIVE}, which no read or write waits for. So
 *                           it gets longer than {@link #ddlLockTimeout} (docs/reliability.md)
 */
public record EngineOptions(Duration lockTimeout, boolean verifyAfterMigrate, boolean referenceCheck, int migrationsPerTransaction,
                            Duration ddlLockTimeout, int ddlLockRetries, Optional<Duration> statementTimeout, boolean verifyAll,
                            boolean strictVersions, Duration concurrentLockTimeout) {

    /** Batch size for fresh installs: large enough to remove Flyway's per-migration overhead, small enough to bound a batch. */
    public static final int DEFAULT_MIGRATIONS_PER_TRANSACTION = 200;
    /** Batch fresh installs, not upgrades (see the record's documentation). */
    public static final int AUTO = 0;
    /** Default {@code lock_timeout} of a migration. */
    public static final Duration DEFAULT_DDL_LOCK_TIMEOUT = Duration.ofSeconds(5);
    /** Default {@code lock_timeout} of a migration that only builds or drops indexes concurrently (outside a transaction). */
    public static final Duration DEFAULT_CONCURRENT_LOCK_TIMEOUT = Duration.ofMinutes(5);
    /** Default number of further attempts of a migration that hit its {@code lock_timeout}. */
    public static final int DEFAULT_DDL_LOCK_RETRIES = 3;

    /**
     * Checks the values (the record's documentation says what each means).
     *
     * @param lockTimeout              see {@link #lockTimeout()}
     * @param verifyAfterMigrate       see {@link #verifyAfterMigrate()}
     * @param referenceCheck           see {@link #referenceCheck()}
     * @param migrationsPerTransaction see {@link #migrationsPerTransaction()}
     * @param ddlLockTimeout           see {@link #ddlLockTimeout()}
     * @param ddlLockRetries           see {@link #ddlLockRetries()}
     * @param statementTimeout         see {@link #statementTimeout()}
     * @param verifyAll                see {@link #verifyAll()}
     * @param strictVersions           see {@link #strictVersions()}
     * @param concurrentLockTimeout    see {@link #concurrentLockTimeout()}
     * @throws IllegalArgumentException when {@code ddlLockRetries} is negative
     */
    public EngineOptions {
        Objects.requireNonNull(lockTimeout);
        Objects.requireNonNull(ddlLockTimeout);
        Objects.requireNonNull(statementTimeout);
        Objects.requireNonNull(concurrentLockTimeout);
        if (ddlLockRetries < 0) {
            throw new IllegalArgumentException("ddlLockRetries must be 0 or more");
        }
    }

    /**
     * Options without strict versions and with the default {@link #DEFAULT_CONCURRENT_LOCK_TIMEOUT}.
     *
     * @param lockTimeout              see {@link #lockTimeout()}
     * @param verifyAfterMigrate       see {@link #verifyAfterMigrate()}
     * @param referenceCheck           see {@link #referenceCheck()}
     * @param migrationsPerTransaction see {@link #migrationsPerTransaction()}
     * @param ddlLockTimeout           see {@link #ddlLockTimeout()}
     * @param ddlLockRetries           see {@link #ddlLockRetries()}
     * @param statementTimeout         see {@link #statementTimeout()}
     * @param verifyAll                see {@link #verifyAll()}
     */
    public EngineOptions(Duration lockTimeout, boolean verifyAfterMigrate, boolean referenceCheck, int migrationsPerTransaction,
                         Duration ddlLockTimeout, int ddlLockRetries, Optional<Duration> statementTimeout, boolean verifyAll) {
        this(lockTimeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction, ddlLockTimeout, ddlLockRetries, statementTimeout, verifyAll, false,
                DEFAULT_CONCURRENT_LOCK_TIMEOUT);
    }

    /** {@return the defaults: 5 minutes for the run's own locks, verify (of this run's migrations) and reference check on, {@link #AUTO} batching, the default DDL lock timeout and retries, no statement timeout} */
    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofMinutes(5), true, true, AUTO, DEFAULT_DDL_LOCK_TIMEOUT, DEFAULT_DDL_LOCK_RETRIES, Optional.empty(), false);
    }

    /**
     * Sets the wait for the run's own locks.
     *
     * @param timeout how long to wait for the run-wide lock and Flyway's per-module lock
     * @return a copy with that timeout
     */
    public EngineOptions withLockTimeout(Duration timeout) {
        return new EngineOptions(timeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction, ddlLockTimeout, ddlLockRetries, statementTimeout, verifyAll, strictVersions, concurrentLockTimeout);
    }

    /**
     * Turns the verify scripts after migrate on or off.
     *
     * @param verify whether to run verify scripts after migrate (which ones: {@link #withVerifyAll})
     * @return a copy with that setting
     */
    public EngineOptions withVerifyAfterMigrate(boolean verify) {
        return new EngineOptions(lockTimeout, verify, referenceCheck, migrationsPerTransaction, ddlLockTimeout, ddlLockRetries, statementTimeout, verifyAll, strictVersions, concurrentLockTimeout);
    }

    /**
     * Sets the batch size of pending migrations per transaction.
     *
     * @param n {@link #AUTO} (0) or the number of migrations per transaction
     * @return a copy with that batch size
     * @throws IllegalArgumentException when {@code n} is negative
     */
    public EngineOptions withMigrationsPerTransaction(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("migrationsPerTransaction must be 0 (auto) or more");
        }
        return new EngineOptions(lockTimeout, verifyAfterMigrate, referenceCheck, n, ddlLockTimeout, ddlLockRetries, statementTimeout, verifyAll, strictVersions, concurrentLockTimeout);
    }

    /**
     * Sets the {@code lock_timeout} of each migration and how many times one that hits it runs again.
     *
     * @param timeout the {@code lock_timeout} of every migration
     * @param retries further attempts of a migration that hit it
     * @return a copy with these values
     */
    public EngineOptions withDdlLockTimeout(Duration timeout, int retries) {
        return new EngineOptions(lockTimeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction, timeout, retries, statementTimeout, verifyAll, strictVersions, concurrentLockTimeout);
    }

    /**
     * Sets the {@code statement_timeout} of each migration.
     *
     * @param timeout the timeout (empty: none)
     * @return a copy with that timeout
     */
    public EngineOptions withStatementTimeout(Optional<Duration> timeout) {
        return new EngineOptions(lockTimeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction, ddlLockTimeout, ddlLockRetries, timeout, verifyAll, strictVersions, concurrentLockTimeout);
    }

    /**
     * Chooses which verify scripts run after migrate, with verification on.
     *
     * @param all {@code true}: every applied migration's verify script; {@code false}: only those of this run's migrations
     * @return a copy with that setting
     */
    public EngineOptions withVerifyAll(boolean all) {
        return new EngineOptions(lockTimeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction, ddlLockTimeout, ddlLockRetries, statementTimeout, all, strictVersions, concurrentLockTimeout);
    }

    /**
     * Sets whether a module ahead of this run's release fails a migrate before any change.
     *
     * @param strict {@code true}: refuse the run; {@code false} (the default): skip that module
     * @return a copy with that setting
     */
    public EngineOptions withStrictVersions(boolean strict) {
        return new EngineOptions(lockTimeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction, ddlLockTimeout, ddlLockRetries, statementTimeout,
                verifyAll, strict, concurrentLockTimeout);
    }

    /**
     * Sets the {@code lock_timeout} of a migration that only builds or drops indexes concurrently, outside a transaction.
     *
     * @param timeout the bound
     * @return a copy with that timeout
     */
    public EngineOptions withConcurrentLockTimeout(Duration timeout) {
        return new EngineOptions(lockTimeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction, ddlLockTimeout, ddlLockRetries, statementTimeout,
                verifyAll, strictVersions, timeout);
    }
}
