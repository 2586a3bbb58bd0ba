package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleOutcome;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
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

    public MigrateReport migrate(Plan plan, MigrationListener listener) {
        long start = System.nanoTime();
        List<ModuleOutcome> outcomes = new ArrayList<>();
        List<VerifyResult> verification = new ArrayList<>();
        Map<String, String> owners = schemaOwners(plan);
        for (PlannedModule m : plan.modules()) {
            outcomes.add(ModuleWork.guard(m, () -> migrate(m, owners, listener)));
        }
        if (options.verifyAfterMigrate()) {
            verification.addAll(VerifyRunner.verifyAll(plan, dataSource, listener));
            List<VerifyResult> failed = verification.stream().filter(v -> !v.passed()).toList();
            if (!failed.isEmpty()) {
                VerifyResult f = failed.get(0);
                throw new MigrationException(f.module(), "verification failed after migrate: " + failed.size() + " script(s); first: "
                        + f.module() + " " + f.script() + ": " + f.failure().orElse("?"));
            }
        }
        return new MigrateReport(outcomes, verification, Duration.ofNanos(System.nanoTime() - start));
    }

    private ModuleOutcome migrate(PlannedModule m, Map<String, String> owners, MigrationListener listener) {
        long start = System.nanoTime();
        MigrationCallback callback = new MigrationCallback(m, owners, options.referenceCheck(), listener);
        ModuleWork.withConnection(dataSource, m,
                c -> FailedMigrationRecovery.recover(c, new HistoryTable(m.primarySchema()), m, RECOVERY_LOCK_TIMEOUT, listener::note));
        Flyway flyway = FlywayFactory.create(m, dataSource, true, callback);
        MigrationInfoService info = flyway.info();   // once: each call re-resolves every script and re-reads the history
        MigrationInfo before = info.current();
        MigrationInfo[] pending = info.pending();
        listener.moduleStarted(m, pending.length);
        try {
            boolean fresh = before == null || before.getVersion() == null || before.getVersion().compareTo(MigrationVersion.fromVersion("0")) <= 0;
            applyInBatches(m, pending, callback, fresh);
            // what batching left (seeds, non-transactional scripts, a failed batch one migration per
            // transaction) and Flyway's validate-on-migrate of everything applied
            flyway.migrate();
        } catch (FlywayException e) {
            throw failure(m, e, callback);
        }
        MigrationInfo after = callback.migrations() == 0 && callback.seeds() == 0 ? before : flyway.info().current();
        ModuleOutcome outcome = new ModuleOutcome(m.name(), versionOf(before), versionOf(after), callback.migrations(), callback.seeds(),
                Duration.ofNanos(System.nanoTime() - start));
        listener.moduleFinished(outcome);
        return outcome;
    }

    /**
     * Applies the batchable pending migrations in batches, each batch one Flyway group transaction ending
     * at its last version (Flyway still writes one history row per migration). A batch that fails is
     * rolled back completely and left to the ordinary migrate that follows, which re-runs it one migration
     * per transaction: the good ones are applied and the failing one is reported (and rolled back) exactly
     * as without batching.
     */
    private void applyInBatches(PlannedModule m, MigrationInfo[] pending, MigrationCallback callback, boolean freshInstall) {
        int size = BatchPolicy.batchSize(options, freshInstall);
        if (size <= 1 || pending.length < 2) {
            return;
        }
        List<MigrationInfo> run = BatchPolicy.batchable(pending, ModuleScripts.of(m.descriptor()));
        if (run.size() < 2) {
            return;
        }
        for (int i = 0; i < run.size(); i += size) {
            List<MigrationInfo> batch = run.subList(i, Math.min(run.size(), i + size));
            MigrationVersion last = batch.get(batch.size() - 1).getVersion();
            callback.beginBatch(last);
            try {
                FlywayFactory.load(FlywayFactory.configure(m, dataSource, false, callback).group(true).target(last.getVersion())).migrate();
                callback.endBatch(true);
            } catch (FlywayException e) {
                callback.endBatch(false);
                return;
            }
        }
    }

    private MigrationException failure(PlannedModule m, FlywayException e, MigrationCallback callback) {
        List<String> invalid = ModuleWork.withConnection(dataSource, m, c -> FailedMigrationRecovery.leftBy(c, m, new HistoryTable(m.primarySchema()).failedScripts(c))
                .stream().map(FailedMigrationRecovery.InvalidIndex::qualified).toList());
        return new MigrationException(m.name(), FlywayMessages.translate(m, e, callback.failedMigration())
                + (invalid.isEmpty() ? "" : "\n  INVALID index(es) left by the failed non-transactional statement: " + String.join(", ", invalid)
                + "; fix the cause and run migrate again: it drops them and retries the migration"), e);
    }

    private static Map<String, String> schemaOwners(Plan plan) {
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
