package dev.schemamodules.core.api;

import dev.schemamodules.core.internal.FlywayFactory;
import dev.schemamodules.core.internal.HistoryTable;
import dev.schemamodules.core.internal.MigrationCallback;
import dev.schemamodules.core.internal.ModuleScripts;
import dev.schemamodules.core.internal.RunLock;
import dev.schemamodules.core.internal.ScriptName;
import dev.schemamodules.core.internal.ScriptRunner;
import dev.schemamodules.core.internal.VerifyRunner;
import dev.schemamodules.core.internal.Baseliner;
import dev.schemamodules.core.internal.DriftDetector;
import dev.schemamodules.core.internal.DryRunner;
import dev.schemamodules.core.internal.FailedMigrationRecovery;
import dev.schemamodules.core.internal.FlywayMessages;
import dev.schemamodules.core.internal.Repairer;
import java.sql.Connection;
import java.sql.SQLException;
import java.text.SimpleDateFormat;
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
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Applies, inspects, verifies and reverts a {@link Plan} on one database. Every operation that changes
 * the database holds the run-wide migration lock for its whole duration.
 */
public final class Engine {

    /** How long recovery's {@code DROP INDEX CONCURRENTLY} may wait for a lock before the run fails. */
    private static final Duration RECOVERY_LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final EngineOptions options;

    private Engine(DataSource dataSource, EngineOptions options) {
        this.dataSource = dataSource;
        this.options = options;
    }

    public static Engine on(DataSource dataSource) {
        return new Engine(dataSource, EngineOptions.defaults());
    }

    public static Engine on(DataSource dataSource, EngineOptions options) {
        return new Engine(dataSource, options);
    }

    /** Installed version, applied and pending migrations of every planned module. Changes nothing. */
    public List<ModuleStatus> status(Plan plan) {
        List<ModuleStatus> result = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            result.add(guard(m, () -> status(m, plan.seedEnvironment().isPresent())));
        }
        return result;
    }

    private ModuleStatus status(PlannedModule m, boolean withSeeds) {
        Flyway flyway = FlywayFactory.create(m, dataSource, withSeeds);
        List<ModuleStatus.MigrationRef> applied = new ArrayList<>();
        List<ModuleStatus.MigrationRef> pending = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
        MigrationInfo[] all = flyway.info().all();
        for (MigrationInfo i : all) {
            MigrationState s = i.getState();
            ModuleStatus.MigrationRef ref = new ModuleStatus.MigrationRef(i.getVersion() == null ? null : i.getVersion().getVersion(),
                    i.getDescription(), i.getScript(), i.getType().name(), i.getInstalledOn() == null ? null : iso.format(i.getInstalledOn()));
            if (s == MigrationState.PENDING || s == MigrationState.OUTDATED) {
                pending.add(ref);
            } else if (s.isApplied() && "SCHEMA".equals(i.getType().name())) {
                continue;
            } else if (s == MigrationState.SUCCESS || s == MigrationState.BASELINE || s == MigrationState.SUPERSEDED
                    || s == MigrationState.OUT_OF_ORDER) {
                applied.add(ref);
            } else if (s.isFailed()) {
                problems.add(i.getScript() + " failed on " + ref.installedOn() + "; fix the database and remove its history row");
            } else if (s == MigrationState.MISSING_SUCCESS && i.getVersion() != null) {
                applied.add(ref);
                problems.add(i.getScript() + " is applied but not in the module jar (" + m.descriptor().origin() + ")");
            } else if (s == MigrationState.FUTURE_SUCCESS) {
                applied.add(ref);
            } else if (s == MigrationState.MISSING_SUCCESS) {
                continue;
            }
            if (s.isApplied() && s.isResolved() && i.getVersion() != null && !i.isChecksumMatching()) {
                problems.add(i.getScript() + " was changed after it was applied (checksum " + i.getAppliedChecksum() + " in history, "
                        + i.getResolvedChecksum() + " now)");
            }
        }
        MigrationInfo current = flyway.info().current();
        Optional<String> installed = Optional.ofNullable(current).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion)
                .filter(v -> !"0".equals(v) || !applied.isEmpty());
        return new ModuleStatus(m.name(), m.descriptor().version(), m.schemas(), installed, m.latestVersion().getVersion(), applied, pending, problems);
    }

    /**
     * Applies every pending migration of every planned module in plan order (and the plan's seeds),
     * under the run-wide lock; then runs the verify scripts unless switched off.
     */
    public MigrateReport migrate(Plan plan, MigrationListener listener) {
        long start = System.nanoTime();
        List<ModuleOutcome> outcomes = new ArrayList<>();
        List<VerifyResult> verification = new ArrayList<>();
        Map<String, String> owners = schemaOwners(plan);
        try (RunLock lock = RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting)) {
            for (PlannedModule m : plan.modules()) {
                outcomes.add(guard(m, () -> migrate(m, owners, listener)));
            }
            if (options.verifyAfterMigrate()) {
                verification.addAll(verifyLocked(plan, listener));
                List<VerifyResult> failed = verification.stream().filter(v -> !v.passed()).toList();
                if (!failed.isEmpty()) {
                    VerifyResult f = failed.get(0);
                    throw new MigrationException(f.module(), "verification failed after migrate: " + failed.size() + " script(s); first: "
                            + f.module() + " " + f.script() + ": " + f.failure().orElse("?"));
                }
            }
        }
        return new MigrateReport(outcomes, verification, Duration.ofNanos(System.nanoTime() - start));
    }

    private ModuleOutcome migrate(PlannedModule m, Map<String, String> owners, MigrationListener listener) {
        long start = System.nanoTime();
        MigrationCallback callback = new MigrationCallback(m, owners, options.referenceCheck(), listener);
        withConnection(m, c -> FailedMigrationRecovery.recover(c, new HistoryTable(m.primarySchema()), m, RECOVERY_LOCK_TIMEOUT, listener::note));
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
            List<String> invalid = withConnection(m, c -> FailedMigrationRecovery.leftBy(c, m, new HistoryTable(m.primarySchema()).failedScripts(c)).stream()
                    .map(FailedMigrationRecovery.InvalidIndex::qualified).toList());
            throw new MigrationException(m.name(), FlywayMessages.translate(m, e)
                    + (invalid.isEmpty() ? "" : "\n  INVALID index(es) left by the failed non-transactional statement: " + String.join(", ", invalid)
                    + "; fix the cause and run migrate again: it drops them and retries the migration"), e);
        }
        MigrationInfo after = callback.migrations() == 0 && callback.seeds() == 0 ? before : flyway.info().current();
        ModuleOutcome outcome = new ModuleOutcome(m.name(), versionOf(before), versionOf(after), callback.migrations(), callback.seeds(),
                Duration.ofNanos(System.nanoTime() - start));
        listener.moduleFinished(outcome);
        return outcome;
    }

    /**
     * Applies the leading run of pending versioned migrations that can run in a transaction in batches of
     * {@link EngineOptions#migrationsPerTransaction()}, each batch one Flyway group transaction ending at its
     * last version (Flyway still writes one history row per migration). A batch that fails is rolled back
     * completely and left to the caller's ordinary migrate, which re-runs it one migration per transaction:
     * the good ones are applied and the failing one is reported (and rolled back) exactly as without batching.
     */
    private void applyInBatches(PlannedModule m, MigrationInfo[] pending, MigrationCallback callback, boolean freshInstall) {
        int size = options.migrationsPerTransaction() != EngineOptions.AUTO ? options.migrationsPerTransaction()
                : freshInstall ? EngineOptions.DEFAULT_MIGRATIONS_PER_TRANSACTION : 1;
        List<MigrationInfo> run = new ArrayList<>();
        for (MigrationInfo p : pending) {
            if (p.getVersion() == null || !transactional(p)) {
                break;
            }
            run.add(p);
        }
        if (size <= 1 || run.size() < 2) {
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

    private static boolean transactional(MigrationInfo info) {
        if (info instanceof org.flywaydb.core.internal.info.MigrationInfoImpl impl && impl.getResolvedMigration() != null
                && impl.getResolvedMigration().getExecutor() != null) {
            return impl.getResolvedMigration().getExecutor().canExecuteInTransaction();
        }
        return false;
    }

    /** Flyway's validation per module: checksums of applied scripts, failed or missing migrations. */
    public List<ValidationResult> validate(Plan plan) {
        List<ValidationResult> results = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            results.add(guard(m, () -> {
                var cfg = FlywayFactory.configure(m, dataSource, plan.seedEnvironment().isPresent())
                        .ignoreMigrationPatterns("repeatable:missing", "*:future", "*:pending");
                ValidateResult r = FlywayFactory.load(cfg).validateWithResult();
                List<String> errors = r.invalidMigrations == null ? List.of()
                        : r.invalidMigrations.stream().map(o -> FlywayMessages.validationError(m, scriptOf(o), o.errorDetails.errorMessage)).toList();
                return new ValidationResult(m.name(), r.validationSuccessful, errors);
            }));
        }
        return results;
    }

    /** Runs the verify script of every applied migration, each in a transaction that is rolled back. */
    public List<VerifyResult> verify(Plan plan, MigrationListener listener) {
        try (RunLock lock = RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting)) {
            return verifyLocked(plan, listener);
        }
    }

    private List<VerifyResult> verifyLocked(Plan plan, MigrationListener listener) {
        List<VerifyResult> results = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            ModuleScripts scripts = ModuleScripts.of(m.descriptor());
            withConnection(m, c -> {
                for (HistoryTable.Row row : new HistoryTable(m.primarySchema()).appliedMigrations(c)) {
                    Optional<ScriptName> verify = scripts.verifyFor(row.version());
                    VerifyResult r;
                    if (verify.isEmpty()) {
                        r = new VerifyResult(m.name(), row.version().getVersion(), row.script(), false,
                                Optional.of("no verify script " + m.descriptor().verifyLocation() + "/V" + row.version() + "__*.sql"));
                    } else {
                        r = VerifyRunner.run(c, m, scripts, verify.get());
                    }
                    results.add(r);
                    listener.verified(r);
                }
                return null;
            });
        }
        return results;
    }

    /**
     * Reverts {@code module} down to {@code target} (exclusive: migrations above it are undone), newest
     * first, each undo script and the removal of its history row in one transaction. Refuses, before
     * changing anything, when an installed module that requires {@code module} needs a version above
     * {@code target}, unless {@code cascade}, which first reverts those dependents completely, in
     * reverse plan order. {@code plan} must contain the dependents (plan all modules).
     */
    public List<ModuleStatus.MigrationRef> undo(Plan plan, String module, MigrationVersion target, boolean cascade, MigrationListener listener) {
        PlannedModule m = plan.module(module).orElseThrow(() -> new PlanException("module '" + module + "' is not in the plan"));
        try (RunLock lock = RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting)) {
            List<PlannedModule> dependents = blockingDependents(plan, m, target);
            if (!dependents.isEmpty() && !cascade) {
                throw new MigrationException(module, "refusing to undo " + module + " below version " + target + ": installed module(s) "
                        + String.join(", ", dependents.stream().map(PlannedModule::name).toList()) + " require it. Undo them first, or pass --cascade");
            }
            List<ModuleStatus.MigrationRef> undone = new ArrayList<>();
            List<PlannedModule> reversed = new ArrayList<>(plan.modules());
            java.util.Collections.reverse(reversed);
            if (cascade) {
                for (PlannedModule d : reversed) {
                    if (transitivelyDependsOn(plan, d, module) && isInstalled(d)) {
                        undone.addAll(undoModule(d, MigrationVersion.fromVersion("0"), listener));
                    }
                }
            }
            undone.addAll(undoModule(m, target, listener));
            return undone;
        }
    }

    /** Reverts every planned module completely, dependents first. */
    public List<ModuleStatus.MigrationRef> undoAll(Plan plan, MigrationListener listener) {
        try (RunLock lock = RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting)) {
            List<ModuleStatus.MigrationRef> undone = new ArrayList<>();
            List<PlannedModule> reversed = new ArrayList<>(plan.modules());
            java.util.Collections.reverse(reversed);
            for (PlannedModule m : reversed) {
                undone.addAll(undoModule(m, MigrationVersion.fromVersion("0"), listener));
            }
            return undone;
        }
    }

    private List<PlannedModule> blockingDependents(Plan plan, PlannedModule m, MigrationVersion target) {
        List<PlannedModule> blocking = new ArrayList<>();
        for (PlannedModule d : plan.dependentsOf(m.name())) {
            MigrationVersion needs = d.descriptor().requires().stream().filter(r -> r.module().equals(m.name())).findFirst().orElseThrow().minimumVersion();
            if (needs.compareTo(target) > 0 && isInstalled(d)) {
                blocking.add(d);
            }
        }
        return blocking;
    }

    private static boolean transitivelyDependsOn(Plan plan, PlannedModule d, String module) {
        for (Requirement r : d.descriptor().requires()) {
            if (r.module().equals(module) || plan.module(r.module()).map(x -> transitivelyDependsOn(plan, x, module)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    private boolean isInstalled(PlannedModule m) {
        return withConnection(m, c -> !new HistoryTable(m.primarySchema()).appliedMigrations(c).isEmpty());
    }

    private List<ModuleStatus.MigrationRef> undoModule(PlannedModule m, MigrationVersion target, MigrationListener listener) {
        ModuleScripts scripts = ModuleScripts.of(m.descriptor());
        HistoryTable history = new HistoryTable(m.primarySchema());
        return withConnection(m, c -> {
            List<HistoryTable.Row> toUndo = new ArrayList<>(history.appliedMigrations(c).stream().filter(r -> r.version().compareTo(target) > 0).toList());
            java.util.Collections.reverse(toUndo);
            for (HistoryTable.Row row : toUndo) {
                if (scripts.undoFor(row.version()).isEmpty()) {
                    throw new MigrationException(m.name(), "module " + m.name() + ": no undo script for " + row.script() + " (expected "
                            + m.descriptor().undoLocation() + "/U" + row.version() + "__" + row.description().replace(' ', '_') + ".sql); nothing was undone");
                }
            }
            List<ModuleStatus.MigrationRef> undone = new ArrayList<>();
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                for (HistoryTable.Row row : toUndo) {
                    ScriptName u = scripts.undoFor(row.version()).orElseThrow();
                    long t = System.nanoTime();
                    try {
                        ScriptRunner.run(c, u.fileName(), scripts.readUndo(u), m.placeholders(), m.schemas());
                        history.delete(c, row.version());
                        history.forgetSeeds(c);
                        c.commit();
                    } catch (ScriptRunner.ScriptFailure | SQLException e) {
                        c.rollback();
                        throw new MigrationException(m.name(), "module " + m.name() + ": undo " + u.fileName() + " failed and was rolled back ("
                                + undone.size() + " undone before it): " + e.getMessage(), e);
                    }
                    Duration d = Duration.ofNanos(System.nanoTime() - t);
                    listener.undone(m.name(), row.version().getVersion(), row.description(), d);
                    undone.add(new ModuleStatus.MigrationRef(row.version().getVersion(), row.description(), u.fileName(), "UNDO", null));
                }
            } finally {
                c.setAutoCommit(auto);
            }
            return undone;
        });
    }

    /**
     * The exact SQL {@link #migrate} would run now (pending migrations, new or changed seeds), placeholders
     * resolved. Reads only.
     */
    public DryRunReport dryRun(Plan plan) {
        return withConnection(plan.modules().get(0), c -> DryRunner.dryRun(plan, dataSource, c.getMetaData().getUserName(), c.getCatalog()));
    }

    /**
     * Per module, under the run-wide lock: removes failed history rows (and the INVALID indexes such a
     * failure leaves), lists applied scripts changed since and realigns their checksums only when
     * {@code acceptChangedScripts}; never touches applied migrations this release does not have.
     */
    public RepairReport repair(Plan plan, boolean acceptChangedScripts, MigrationListener listener) {
        List<RepairReport.ModuleRepair> modules = new ArrayList<>();
        try (RunLock lock = RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting)) {
            for (PlannedModule m : plan.modules()) {
                modules.add(guard(m, () -> withConnection(m, c -> Repairer.repair(c, m, dataSource, acceptChangedScripts, RECOVERY_LOCK_TIMEOUT, listener::note))));
            }
        }
        return new RepairReport(modules);
    }

    /**
     * Compares every installed module's live schemas with what its applied migrations produce in
     * {@code scratch}; takes the run-wide lock so no migration runs meanwhile.
     */
    public DriftReport drift(Plan plan, ScratchDatabase scratch, MigrationListener listener) {
        try (RunLock lock = RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting)) {
            return DriftDetector.detect(plan, dataSource, scratch);
        } catch (SQLException e) {
            throw new MigrationException(null, "drift check failed: " + ScriptRunner.describe(e), e);
        } catch (FlywayException e) {
            throw new MigrationException(null, "drift check failed rebuilding the expected catalog in " + scratch.description() + ": "
                    + FlywayMessages.clean(null, e.getMessage()), e);
        }
    }

    /**
     * Adopts existing objects of {@code module} at {@code version}: after the verify scripts up to that
     * version pass (unless {@code verify} is false), writes Flyway's baseline row; later migrations then
     * apply normally. Refused when the module already has history.
     */
    public void baseline(Plan plan, String module, MigrationVersion version, boolean verify, MigrationListener listener) {
        PlannedModule m = plan.module(module).orElseThrow(() -> new PlanException("module '" + module + "' is not in the plan"));
        try (RunLock lock = RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting)) {
            Baseliner.baseline(plan, m, version, verify, dataSource);
        } catch (SQLException e) {
            throw new MigrationException(module, "module " + module + ": baseline failed: " + ScriptRunner.describe(e), e);
        } catch (FlywayException e) {
            throw new MigrationException(module, "module " + module + ": baseline failed: " + FlywayMessages.clean(plan.module(module).orElse(null), e.getMessage()), e);
        }
    }

    private static String scriptOf(org.flywaydb.core.api.output.ValidateOutput o) {
        String path = o.filepath == null || o.filepath.isEmpty() ? "V" + o.version + "__" + String.valueOf(o.description).replace(' ', '_') + ".sql" : o.filepath;
        return path.substring(path.lastIndexOf('/') + 1);
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

    /** Flyway messages carry separator lines and blank lines; keep the informative ones. */
    static String condense(String message) {
        if (message == null) {
            return "unknown error";
        }
        List<String> lines = new ArrayList<>();
        for (String line : message.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.matches("-+") || l.startsWith("Error Code") || l.startsWith("SQL State: null")
                    || l.startsWith("Statement  : Run Flyway with -X")) {
                continue;
            }
            l = l.replaceFirst("^Error while executing \\w+ callback: ", "");
            lines.add(l.replaceFirst("^([A-Za-z][A-Za-z ]*?)\\s+:\\s", "$1: "));
        }
        return String.join("\n  ", lines);
    }

    private interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T withConnection(PlannedModule m, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new MigrationException(m.name(), "module " + m.name() + ": " + ScriptRunner.describe(e), e);
        }
    }

    private static <T> T guard(PlannedModule m, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (FlywayException e) {
            throw new MigrationException(m.name(), FlywayMessages.translate(m, e), e);
        }
    }

}
