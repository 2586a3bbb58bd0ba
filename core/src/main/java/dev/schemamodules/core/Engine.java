package dev.schemamodules.core;

import dev.schemamodules.core.api.DriftReport;
import dev.schemamodules.core.api.DryRunReport;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.RepairReport;
import dev.schemamodules.core.api.ScratchDatabase;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.internal.Baseliner;
import dev.schemamodules.core.internal.DriftDetector;
import dev.schemamodules.core.internal.DryRunner;
import dev.schemamodules.core.internal.FlywayMessages;
import dev.schemamodules.core.internal.Migrator;
import dev.schemamodules.core.internal.ModuleWork;
import dev.schemamodules.core.internal.Repairer;
import dev.schemamodules.core.internal.RunLock;
import dev.schemamodules.core.internal.ScriptRunner;
import dev.schemamodules.core.internal.StatusReader;
import dev.schemamodules.core.internal.Undoer;
import dev.schemamodules.core.internal.Validator;
import dev.schemamodules.core.internal.VerifyRunner;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * The entry point: applies, inspects, verifies and reverts a {@link Plan} (from {@link Planner}) on one
 * database. Every operation that changes the database holds the run-wide migration lock for its whole
 * duration. This class only wires; the work is done in {@code dev.schemamodules.core.internal}, which
 * callers never use directly (the build enforces it).
 *
 * <pre>{@code
 * Plan plan = Planner.plan(ModuleRegistry.discover(loader), PlanRequest.of("therapy"));
 * MigrateReport report = Engine.on(dataSource).migrate(plan, MigrationListener.NONE);
 * }</pre>
 */
public final class Engine {

    private final DataSource dataSource;
    private final EngineOptions options;

    private Engine(DataSource dataSource, EngineOptions options) {
        this.dataSource = dataSource;
        this.options = options;
    }

    /** An engine on {@code dataSource} with {@link EngineOptions#defaults()}. */
    public static Engine on(DataSource dataSource) {
        return new Engine(dataSource, EngineOptions.defaults());
    }

    /** An engine on {@code dataSource} with {@code options}. */
    public static Engine on(DataSource dataSource, EngineOptions options) {
        return new Engine(dataSource, options);
    }

    /** Installed version, applied and pending migrations of every planned module. Changes nothing. */
    public List<ModuleStatus> status(Plan plan) {
        return StatusReader.status(plan, dataSource);
    }

    /**
     * Applies every pending migration of every planned module in plan order (and the plan's seeds),
     * under the run-wide lock; then runs the verify scripts unless switched off.
     *
     * @throws MigrationException when a migration or a verify script fails (the failing migration is rolled back)
     */
    public MigrateReport migrate(Plan plan, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
            return new Migrator(dataSource, options).migrate(plan, listener);
        }
    }

    /** Flyway's validation per module: checksums of applied scripts, failed or missing migrations. Changes nothing. */
    public List<ValidationResult> validate(Plan plan) {
        return Validator.validate(plan, dataSource);
    }

    /** Runs the verify script of every applied migration, each in a transaction that is rolled back. */
    public List<VerifyResult> verify(Plan plan, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
            return VerifyRunner.verifyAll(plan, dataSource, listener);
        }
    }

    /**
     * Reverts {@code module} down to {@code target} (exclusive: migrations above it are undone), newest
     * first, each undo script and the removal of its history row in one transaction. Refuses, before
     * changing anything, when an installed module that requires {@code module} needs a version above
     * {@code target}, unless {@code cascade}, which first reverts those dependents completely, in
     * reverse plan order. {@code plan} must contain the dependents (plan all modules).
     *
     * @return the migrations undone, in the order they were undone
     */
    public List<ModuleStatus.MigrationRef> undo(Plan plan, String module, Version target, boolean cascade, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
            return new Undoer(dataSource).undo(plan, module, target, cascade, listener);
        }
    }

    /** Reverts every planned module completely, dependents first. */
    public List<ModuleStatus.MigrationRef> undoAll(Plan plan, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
            return new Undoer(dataSource).undoAll(plan, listener);
        }
    }

    /**
     * The exact SQL {@link #migrate} would run now (pending migrations, new or changed seeds), placeholders
     * resolved. Reads only.
     */
    public DryRunReport dryRun(Plan plan) {
        return ModuleWork.withConnection(dataSource, plan.modules().get(0),
                c -> DryRunner.dryRun(plan, dataSource, c.getMetaData().getUserName(), c.getCatalog()));
    }

    /**
     * Per module, under the run-wide lock: removes failed history rows (and the INVALID indexes such a
     * failure leaves), lists applied scripts changed since and realigns their checksums only when
     * {@code acceptChangedScripts}; never touches applied migrations this release does not have.
     */
    public RepairReport repair(Plan plan, boolean acceptChangedScripts, MigrationListener listener) {
        List<RepairReport.ModuleRepair> modules = new ArrayList<>();
        try (RunLock lock = lock(listener)) {
            for (PlannedModule m : plan.modules()) {
                modules.add(ModuleWork.guard(m, () -> ModuleWork.withConnection(dataSource, m,
                        c -> Repairer.repair(c, m, dataSource, acceptChangedScripts, Migrator.RECOVERY_LOCK_TIMEOUT, listener::note))));
            }
        }
        return new RepairReport(modules);
    }

    /**
     * Compares every installed module's live schemas with what its applied migrations produce in
     * {@code scratch}; takes the run-wide lock so no migration runs meanwhile.
     */
    public DriftReport drift(Plan plan, ScratchDatabase scratch, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
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
    public void baseline(Plan plan, String module, Version version, boolean verify, MigrationListener listener) {
        PlannedModule m = plan.module(module).orElseThrow(() -> new PlanException("module '" + module + "' is not in the plan"));
        try (RunLock lock = lock(listener)) {
            Baseliner.baseline(plan, m, version, verify, dataSource);
        } catch (SQLException e) {
            throw new MigrationException(module, "module " + module + ": baseline failed: " + ScriptRunner.describe(e), e);
        } catch (FlywayException e) {
            throw new MigrationException(module, "module " + module + ": baseline failed: " + FlywayMessages.clean(m, e.getMessage()), e);
        }
    }

    /**
     * Runs {@code work} while holding the run-wide migration lock, so no migrate, undo or other exclusive
     * work runs meanwhile (used for exclusive {@link dev.schemamodules.core.api.ModuleTask}s).
     *
     * @throws MigrationException when the lock is not granted within {@link EngineOptions#lockTimeout()}
     */
    public <T> T exclusively(MigrationListener listener, Callable<T> work) throws Exception {
        try (RunLock lock = lock(listener)) {
            return work.call();
        }
    }

    private RunLock lock(MigrationListener listener) {
        return RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting);
    }
}
