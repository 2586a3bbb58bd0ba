package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run behaves.
 *
 * @param lockTimeout        how long to wait for another run's migration lock
 * @param verifyAfterMigrate run every applied migration's verify script after migrate
 * @param referenceCheck     fail a migration whose objects reference an undeclared module's schema
 * @param migrationsPerTransaction at most this many pending versioned migrations of a module are applied in
 *                           one transaction (1 = one transaction each, Flyway's default). A batch that fails is
 *                           rolled back and re-run one migration per transaction, so the good ones are applied
 *                           and the failing script is reported exactly as without batching. {@link #AUTO}
 *                           (the default): batches of {@value #DEFAULT_MIGRATIONS_PER_TRANSACTION} when the module
 *                           is installed fresh (nothing to block), one per transaction when upgrading an installed
 *                           module, where a batch would hold every lock its migrations take until it commits
 */
public record EngineOptions(Duration lockTimeout, boolean verifyAfterMigrate, boolean referenceCheck, int migrationsPerTransaction) {

    /** Batch size for fresh installs: large enough to remove Flyway's per-migration overhead, small enough to bound a batch. */
    public static final int DEFAULT_MIGRATIONS_PER_TRANSACTION = 200;
    /** Batch fresh installs, not upgrades (see the record's documentation). */
    public static final int AUTO = 0;

    public EngineOptions {
        Objects.requireNonNull(lockTimeout);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofMinutes(5), true, true, AUTO);
    }

    public EngineOptions withLockTimeout(Duration timeout) {
        return new EngineOptions(timeout, verifyAfterMigrate, referenceCheck, migrationsPerTransaction);
    }

    public EngineOptions withVerifyAfterMigrate(boolean verify) {
        return new EngineOptions(lockTimeout, verify, referenceCheck, migrationsPerTransaction);
    }

    public EngineOptions withMigrationsPerTransaction(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("migrationsPerTransaction must be 0 (auto) or more");
        }
        return new EngineOptions(lockTimeout, verifyAfterMigrate, referenceCheck, n);
    }
}
