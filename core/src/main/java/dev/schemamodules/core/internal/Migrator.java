package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleOutcome;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Applies a plan's pending migrations and seeds, module by module, then (unless switched off) its verify
 * scripts. The caller holds the run-wide lock. Per module: recover a failed non-transactional migration
 * ({@link FailedMigrationRecovery}), apply the batchable run in batches ({@link BatchPolicy}), then let
 * Flyway apply the rest and validate.
 */
public final class Migrator {

    /** How long recovery's {@code DROP INDEX CONCURRENTLY} may wait for a lock before the run fails. */
    public static final Duration RECOVERY_LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final EngineOptions options;

    public Migrator(DataSource dataSource, EngineOptions options) {
        this.dataSource = dataSource;
        this.options = options;
    }

    /** Applies {@code plan}; the schema owners are those of {@link #schemaOwners} (the plan's modules only). */
    public MigrateReport migrate(Plan plan, MigrationListener listener) {
        return migrate(plan, schemaOwners(plan), listener);
    }

    /**
     * Applies {@code plan}.
     *
     * @param owners deployed schema name -> owning module, for the plan's modules and every other installed one
     *               (their schemas are watched by the module-boundary checks)
     */
    public MigrateReport migrate(Plan plan, Map<String, String> owners, MigrationListener listener) {
        return migrate(plan, owners, listener, Map.of());
    }

    /**
     * Applies {@code plan}.
     *
     * @param owners   deployed schema name -> owning module, for the plan's modules and every other installed one
     * @param readings what a preflight of this run read of each module's history: while a module's history is unchanged
     *                 since ({@link Preflight.Reading#holds}), its migrate starts from that reading instead of resolving its
     *                 scripts and reading its history again, and a module it found up to date is reported so at once (the
     *                 most part of a deploy that changes nothing)
     */
    public MigrateReport migrate(Plan plan, Map<String, String> owners, MigrationListener listener, Map<String, Preflight.Reading> readings) {
        long start = System.nanoTime();
        List<ModuleOutcome> outcomes = new ArrayList<>();
        List<VerifyResult> verification = new ArrayList<>();
        Map<String, Set<Version>> applied = new HashMap<>();
        try (LockWatcher watcher = new LockWatcher(dataSource); ProgressWatcher progress = new ProgressWatcher(dataSource, watcher)) {
            for (PlannedModule m : plan.modules()) {
                MigrationListener moduleListener = progress.watching(m, listener);
                Preflight.Reading reading = readings.get(m.name());
                outcomes.add(ModuleWork.guard(m, () -> unchanged(m, reading, moduleListener)
                        .orElseGet(() -> migrate(m, owners, watcher, moduleListener, applied, reading))));
            }
            if (options.verifyAfterMigrate()) {
                // what this run applied (a no-op deploy verifies nothing); everything applied with verifyAll
                verification.addAll(VerifyRunner.verify(plan, dataSource, options, watcher, listener, options.verifyAll() ? null : applied));
            }
        }
        List<VerifyResult> failed = verification.stream().filter(v -> !v.passed()).toList();
        if (!failed.isEmpty()) {
            VerifyResult f = failed.get(0);
            throw new MigrationException(f.module(), "verification failed after migrate: " + failed.size() + " script(s); first: "
                    + f.module() + " " + f.script() + ": " + f.failure().orElse("?"));
        }
        return new MigrateReport(outcomes, verification, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The outcome of {@code m} when the preflight found it up to date and its history is unchanged since; else empty. */
    private Optional<ModuleOutcome> unchanged(PlannedModule m, Preflight.Reading known, MigrationListener listener) {
        if (known == null || !known.upToDate()) {
            return Optional.empty();
        }
        long start = System.nanoTime();
        if (!holds(known, m)) {
            return Optional.empty();
        }
        listener.moduleStarted(m, 0);
        ModuleOutcome outcome = new ModuleOutcome(m.name(), known.version(), known.version(), 0, 0, Duration.ofNanos(System.nanoTime() - start));
        listener.moduleFinished(outcome);
        return Optional.of(outcome);
    }

    /** Whether {@code known} (may be null) still describes {@code m}'s history. */
    private boolean holds(Preflight.Reading known, PlannedModule m) {
        if (known == null) {
            return false;
        }
        try (Connection c = dataSource.getConnection()) {
            return known.holds(c, m);
        } catch (SQLException e) {
            return false;   // the full path reads the history and reports what is wrong with it
        }
    }

    /**
     * One module: recover a failed non-transactional migration, apply in batches, then the rest. A
     * migration that gives up on its {@code lock_timeout} (SQLSTATE 55P03), or that PostgreSQL chose as a deadlock victim
     * (40P01), was rolled back (or, outside a
     * transaction, is recovered like any failed one); it runs again after 1, 2, 4 ... s, at most
     * {@link EngineOptions#ddlLockRetries()} times, each time naming the sessions that held the lock.
     */
    private ModuleOutcome migrate(PlannedModule m, Map<String, String> owners, LockWatcher watcher, MigrationListener listener,
                                  Map<String, Set<Version>> applied, Preflight.Reading reading) {
        long start = System.nanoTime();
        MigrationCallback callback = new MigrationCallback(m, owners, options, watcher, listener);
        Flyway flyway = FlywayFactory.create(m, dataSource, true, callback);
        MigrationInfo before = null;
        for (int attempt = 0; ; attempt++) {
            ModuleWork.withConnection(dataSource, m,
                    c -> FailedMigrationRecovery.recover(c, new HistoryTable(m.primarySchema()), m, RECOVERY_LOCK_TIMEOUT, listener::note));
            try {
                if (attempt == 0) {
                    // once: each info() re-resolves every script and re-reads the history; the preflight's reading
                    // serves while the history is unchanged since (the recovery above changes it when it acts)
                    MigrationInfo[] all;
                    MigrationInfo[] pending;
                    if (holds(reading, m)) {
                        before = reading.current();
                        all = reading.all();
                        pending = reading.pending();
                    } else {
                        MigrationInfoService info = flyway.info();
                        before = info.current();
                        all = info.all();
                        pending = info.pending();
                    }
                    listener.moduleStarted(m, pending.length);
                    if (upToDate(all)) {
                        break;   // nothing Flyway's migrate would apply or refuse: skip its second resolve and history read
                    }
                    boolean fresh = before == null || before.getVersion() == null || before.getVersion().compareTo(MigrationVersion.fromVersion("0")) <= 0;
                    applyInBatches(m, pending, callback, fresh);
                    if (upToDateButPending(all) && callback.appliedVersions().size() == pending.length) {
                        // the batches applied every pending migration, all versioned, over a history Flyway accepts
                        // as it is: its migrate would validate what this run wrote with the checksums it resolved
                        // and apply nothing. Skipped: a resolve of every script and a read of the history
                        break;
                    }
                }
                // what batching left (seeds, non-transactional scripts, a failed batch one migration per
                // transaction) and Flyway's validate-on-migrate of everything applied
                flyway.migrate();
                break;
            } catch (FlywayException e) {
                List<String> blockers = watcher.lastBlockers();
                // a deadlock victim (40P01) was rolled back like a lock_timeout: the other session went on, so
                // the migration runs again in the same bounded way
                boolean deadlock = hasSqlState(e, "40P01");
                if (!hasSqlState(e, "55P03") && !deadlock) {
                    throw failure(m, e, callback, List.of());
                }
                if (attempt >= options.ddlLockRetries()) {
                    throw failure(m, e, callback, blockers);
                }
                long pause = retryPauseMillis(attempt);
                listener.waiting("module " + m.name() + ": " + callback.currentScript() + (deadlock
                        ? " was chosen by PostgreSQL as the victim of a deadlock with another session (rolled back; the other session went on)"
                        : " could not get its lock within "
                        + (callback.currentLockTimeout() == null ? options.ddlLockTimeout() : callback.currentLockTimeout()).toMillis() / 1000.0
                        + (concurrent(callback) ? " s (lock_timeout of a concurrent index build; the INVALID index it left is dropped before it runs again)"
                        : " s (lock_timeout; rolled back, nothing else waited behind it)")) + "; held by "
                        + (blockers.isEmpty() ? "a session that had let go when looked at" : String.join("; ", blockers))
                        + "; retrying in " + pause / 1000 + " s (" + (attempt + 1) + " of " + options.ddlLockRetries() + ")");
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw failure(m, e, callback, blockers);
                }
            }
        }
        applied.put(m.name(), new HashSet<>(callback.appliedVersions()));
        // the newest migration this run committed (no migration can be applied out of order), not a third resolve and
        // history read through flyway.info()
        Optional<String> after = callback.migrations() == 0 ? versionOf(before)
                : callback.appliedVersions().stream().max(Version::compareTo).map(Version::toString);
        ModuleOutcome outcome = new ModuleOutcome(m.name(), versionOf(before), after, callback.migrations(), callback.seeds(),
                Duration.ofNanos(System.nanoTime() - start));
        listener.moduleFinished(outcome);
        return outcome;
    }

    /**
     * Applies the pending versioned migrations segment by segment ({@link BatchPolicy#segments}): each run of
     * transactional ones in batches, each batch one transaction ending at its last version with one history row per
     * migration ({@link BatchApplier}; through Flyway's group mode where that cannot be used), each non-transactional
     * one alone through Flyway, as its final migrate would run it. On a module not installed yet, Flyway first
     * creates its schemas and history table with the first migration. A batch that fails is rolled back completely and
     * left, with everything after it, to the ordinary migrate that follows, which re-runs it one migration per
     * transaction: the good ones are applied and the failing one is reported (and rolled back) exactly as without
     * batching. A migration Flyway applies here fails as it would there (a lock timeout is retried by the caller).
     */
    private void applyInBatches(PlannedModule m, MigrationInfo[] pending, MigrationCallback callback, boolean freshInstall) {
        int size = BatchPolicy.batchSize(options, freshInstall);
        if (size <= 1 || pending.length < 2) {
            return;
        }
        List<BatchPolicy.Segment> segments = BatchPolicy.segments(pending, callback.scripts());
        if (segments.stream().noneMatch(s -> s.transactional() && s.migrations().size() >= 2)) {
            return;   // nothing to batch: the final migrate applies everything as it would anyway
        }
        boolean history = ModuleWork.withConnection(dataSource, m, new HistoryTable(m.primarySchema())::exists);
        for (BatchPolicy.Segment segment : segments) {
            List<MigrationInfo> run = segment.migrations();
            int from = 0;
            if (!segment.transactional()) {
                // alone, as Flyway's migrate runs it; nothing before it is left to validate here (the final migrate
                // validates everything), and a module not installed yet gets its schemas and history table with it
                FlywayFactory.load(FlywayFactory.configureOnly(m, dataSource, ScriptName.fileNameOf(run.get(0).getScript()), callback)).migrate();
                history = true;
                from = 1;
            } else if (!history) {
                // a module not installed yet: Flyway creates its schemas and history table, applying nothing; the
                // batch then applies the whole run, its first migration included
                FlywayFactory.load(FlywayFactory.configureNone(m, dataSource)).migrate();
                history = true;
            }
            for (int i = from; i < run.size(); i += size) {
                List<MigrationInfo> batch = run.subList(i, Math.min(run.size(), i + size));
                MigrationVersion last = batch.get(batch.size() - 1).getVersion();
                callback.beginBatch(last);
                BatchApplier.Outcome outcome = BatchApplier.apply(m, dataSource, batch, callback);
                if (outcome == BatchApplier.Outcome.NOT_APPLICABLE) {
                    try {
                        FlywayFactory.load(FlywayFactory.configure(m, dataSource, false, callback).group(true).target(last.getVersion())).migrate();
                        outcome = BatchApplier.Outcome.COMMITTED;
                    } catch (FlywayException e) {
                        outcome = BatchApplier.Outcome.ROLLED_BACK;
                    }
                }
                callback.endBatch(outcome == BatchApplier.Outcome.COMMITTED);
                if (outcome != BatchApplier.Outcome.COMMITTED) {
                    return;
                }
            }
        }
    }

    /**
     * Whether every script is applied as it is now and every history row is one Flyway's migrate accepts as it
     * is (applied successfully with its checksum, a baseline, a superseded seed, a seed or migration of another
     * environment or release that the configuration ignores): then migrate would do nothing and raise nothing.
     */
    static boolean upToDate(MigrationInfo[] all) {
        return acceptable(all, false);
    }

    /**
     * {@link #upToDate}, except that pending versioned migrations are fine too: once this run has applied every one of
     * them (with the checksums Flyway resolved), Flyway's migrate would do nothing and raise nothing either.
     */
    static boolean upToDateButPending(MigrationInfo[] all) {
        return acceptable(all, true);
    }

    private static boolean acceptable(MigrationInfo[] all, boolean pendingVersioned) {
        for (MigrationInfo i : all) {
            MigrationState s = i.getState();
            boolean fine = switch (s) {
                case PENDING -> pendingVersioned && i.getVersion() != null;
                case SUCCESS -> i.isChecksumMatching();
                case BASELINE, SUPERSEDED, FUTURE_SUCCESS -> true;
                // a seed not in this run's environment (ignored: repeatable:missing), Flyway's schema-creation row
                case MISSING_SUCCESS -> i.getVersion() == null || "SCHEMA".equals(i.getType().name());
                default -> false;
            };
            if (!fine) {
                return false;
            }
        }
        return true;
    }

    private MigrationException failure(PlannedModule m, FlywayException e, MigrationCallback callback, List<String> blockers) {
        List<String> invalid = ModuleWork.withConnection(dataSource, m, c -> FailedMigrationRecovery.leftBy(c, m, new HistoryTable(m.primarySchema()).failedScripts(c))
                .stream().map(FailedMigrationRecovery.InvalidIndex::qualified).toList());
        return new MigrationException(m.name(), FlywayMessages.translate(m, e, callback.failedMigration())
                + (invalid.isEmpty() ? "" : "\n  INVALID index(es) left by the failed non-transactional statement: " + String.join(", ", invalid)
                + "; fix the cause and run migrate again: it drops them and retries the migration")
                + (blockers.isEmpty() ? "" : "\n  the lock was held by " + String.join("; ", blockers)
                + "; nothing else was applied in this module after it. Run again when that session has finished, or raise "
                + (concurrent(callback) ? "--concurrent-lock-timeout" : "--ddl-lock-timeout")), e);
    }

    /** Whether the migration that ran last had the concurrent index builds' lock_timeout. */
    private boolean concurrent(MigrationCallback callback) {
        return callback.currentLockTimeout() != null && !options.concurrentLockTimeout().equals(options.ddlLockTimeout())
                && callback.currentLockTimeout().equals(options.concurrentLockTimeout());
    }

    /** The pause before running again what gave up on a lock for the {@code attempt}-th time (from 0): 1, 2, 4 ... s, at most 30 s. */
    static long retryPauseMillis(int attempt) {
        return Math.min(30_000L, 1000L << Math.min(attempt, 15));
    }

    /** Whether {@code e} or one of its causes is an SQL error with {@code state}. */
    static boolean hasSqlState(Throwable e, String state) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException s && state.equals(s.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    /** Deployed schema name -> owning module, for the modules of {@code plan}. */
    public static Map<String, String> schemaOwners(Plan plan) {
        Map<String, String> owners = new HashMap<>();
        for (PlannedModule m : plan.modules()) {
            m.schemas().forEach(s -> owners.put(s, m.name()));
        }
        return owners;
    }

    private static Optional<String> versionOf(MigrationInfo info) {
        return Optional.ofNullable(info).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion);
    }
}
