package dev.schemamodules.core.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How a run behaves.
 *
 * @param lockTimeout        how long to wait for another run's migration lock
 * @param verifyAfterMigrate run every applied migration's verify script after migrate
 * @param referenceCheck     fail a migration whose objects reference an undeclared module's schema
 */
public record EngineOptions(Duration lockTimeout, boolean verifyAfterMigrate, boolean referenceCheck) {

    public EngineOptions {
        Objects.requireNonNull(lockTimeout);
    }

    public static EngineOptions defaults() {
        return new EngineOptions(Duration.ofMinutes(5), true, true);
    }

    public EngineOptions withLockTimeout(Duration timeout) {
        return new EngineOptions(timeout, verifyAfterMigrate, referenceCheck);
    }

    public EngineOptions withVerifyAfterMigrate(boolean verify) {
        return new EngineOptions(lockTimeout, verify, referenceCheck);
    }
}
