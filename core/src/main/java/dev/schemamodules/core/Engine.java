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
import dev.schemamodules.core.api.PreflightReport;
import dev.schemamodules.core.api.ReleaseHistory;
import dev.schemamodules.core.api.VersionSkew;
import dev.schemamodules.core.api.UndoPreview;
import dev.schemamodules.core.api.ScratchDatabase;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.internal.Baseliner;
import dev.schemamodules.core.internal.DriftDetector;
import dev.schemamodules.core.internal.DryRunner;
import dev.schemamodules.core.internal.FlywayLock;
import dev.schemamodules.core.internal.LockWatcher;
import dev.schemamodules.core.internal.Migrator;
import dev.schemamodules.core.internal.Preflight;
import dev.schemamodules.core.internal.SchemaRecord;
import dev.schemamodules.core.internal.Repairer;
import dev.schemamodules.core.internal.RunLock;
import dev.schemamodules.core.internal.StatusReader;
import dev.schemamodules.core.internal.Undoer;
import dev.schemamodules.core.internal.Validator;
import dev.schemamodules.core.internal.VerifyRunner;
import java.util.List;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * The entry point: applies, inspects, verifies and reverts a {@link Plan} (from {@link Planner}) on one
 * database. Every operation that changes the database holds the run-wide migration lock for its whole
 * duration. This class only wires: it takes the lock, adopts the recorded schema names and hands over
 * to one class of {@code dev.schemamodules.core.internal} per operation (preflight, migrate, undo,
 * repair, drift, baseline), which also words that operation's failures; callers never use
 * {@code internal} directly (the build enforces it).
 *
 * <pre>{@code
 * Plan plan = Planner.plan(ModuleRegistry.discover(loader), PlanRequest.of("therapy"));
 * MigrateReport report = Engine.on(dataSource).migrate(plan, MigrationListener.NONE);
 * }</pre>
 */
@SuppressWarnings("try") // try (RunLock lock = lock(...)) holds the run-wide lock for the block; the body never names it
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
        return StatusReader.status(adopted(plan, MigrationListener.NONE), dataSource);
    }

    /**
     * {@code plan} as this database has it: each installed module with the schema names recorded at its
     * installation (a later plan without {@code --schema} gets them back). A different explicit name for an
     * installed module is refused, naming both. Changes nothing.
     */
    public Plan withInstalledNames(Plan plan) {
        return adopted(plan, MigrationListener.NONE);
    }

    /**
     * The checks {@link #migrate} runs before its first change, for the whole plan: applied scripts unchanged,
     * no history a migrate cannot continue (failed beyond recovery, missing or newer migrations), schema names
     * as recorded at installation, and the connected role allowed to change each schema the pending scripts
     * touch. Modules whose history is ahead of this release are listed apart (a migrate skips them), and
     * are problems too with {@link EngineOptions#strictVersions()}. Changes nothing.
     */
    public PreflightReport preflight(Plan plan) {
        return preflight(plan, ReleaseHistory.NONE);
    }

    /** {@link #preflight(Plan)}, naming from {@code releases} the release each module that is ahead needs. */
    public PreflightReport preflight(Plan plan, ReleaseHistory releases) {
        return Preflight.report(SchemaRecord.prepare(plan, dataSource), dataSource, releases, options.strictVersions());
    }

    /**
     * Applies every pending migration of every planned module in plan order (and the plan's seeds),
     * under the run-wide lock; then runs the verify scripts unless switched off. A module whose history is
     * ahead of this release is skipped (not touched, not verified) and reported in
     * {@link MigrateReport#skipped()}, unless {@link EngineOptions#strictVersions()}, which refuses the run.
     *
     * @throws MigrationException when a migration or a verify script fails (the failing migration is rolled back)
     */
    public MigrateReport migrate(Plan plan, MigrationListener listener) {
        return migrate(plan, listener, ReleaseHistory.NONE);
    }

    /** {@link #migrate(Plan, MigrationListener)}, naming from {@code releases} the release each skipped module needs. */
    public MigrateReport migrate(Plan plan, MigrationListener listener, ReleaseHistory releases) {
        try (RunLock lock = lock(listener)) {
            SchemaRecord.Prepared p = SchemaRecord.prepare(plan, dataSource);
            p.notes().forEach(listener::note);
            Preflight.Findings findings = Preflight.require(p, dataSource, releases, options.strictVersions(), listener::note);
            List<VersionSkew> ahead = findings.ahead();
            List<String> skipped = ahead.stream().map(VersionSkew::module).toList();
            ahead.forEach(a -> listener.note(a.describe() + "; migrate leaves it as it is"));
            Plan rest = new Plan(p.plan().modules().stream().filter(m -> !skipped.contains(m.name())).toList(), p.plan().seedEnvironment());
            FlywayLock.awaitFree(lock.connection(), rest.modules().stream().map(PlannedModule::primarySchema).toList(), lock.deadline(),
                    options.lockTimeout(), listener::waiting);
            return new Migrator(dataSource, options).migrate(rest, p.owners(), listener, findings.readings()).withSkipped(ahead);
        }
    }

    /** Flyway's validation per module: checksums of applied scripts, failed or missing migrations. Changes nothing. */
    public List<ValidationResult> validate(Plan plan) {
        return validate(plan, ReleaseHistory.NONE);
    }

    /**
     * {@link #validate(Plan)}; a module whose history is ahead of this release is invalid too (this release cannot
     * vouch for migrations it does not have), named with both versions and, from {@code releases}, the release it needs.
     */
    public List<ValidationResult> validate(Plan plan, ReleaseHistory releases) {
        return Validator.validate(adopted(plan, MigrationListener.NONE), dataSource, releases);
    }

    /** Runs the verify script of every applied migration, each in a transaction that is rolled back. */
    public List<VerifyResult> verify(Plan plan, MigrationListener listener) {
        try (RunLock lock = lock(listener); LockWatcher watcher = new LockWatcher(dataSource)) {
            return VerifyRunner.verifyAll(adopted(plan, listener), dataSource, options, watcher, listener);
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
            return new Undoer(dataSource, options.ddlLockTimeout()).undo(adopted(plan, listener), module, target, cascade, listener);
        }
    }

    /**
     * What {@link #undo} would do with the same arguments, without doing it: the dependents a cascade reverts
     * (with the requirement that would break), every undo script in order, and the tables dropped that hold
     * rows, with their counts. Refused as {@link #undo} would be. Changes nothing.
     */
    public UndoPreview undoPreview(Plan plan, String module, Version target, boolean cascade) {
        return new Undoer(dataSource, options.ddlLockTimeout()).preview(adopted(plan, MigrationListener.NONE), module, target, cascade);
    }

    /** Reverts every planned module completely, dependents first. */
    public List<ModuleStatus.MigrationRef> undoAll(Plan plan, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
            return new Undoer(dataSource, options.ddlLockTimeout()).undoAll(adopted(plan, listener), listener);
        }
    }

    /**
     * The exact SQL {@link #migrate} would run now (pending migrations, new or changed seeds), placeholders
     * resolved. Reads only.
     */
    public DryRunReport dryRun(Plan plan) {
        return DryRunner.dryRun(adopted(plan, MigrationListener.NONE), dataSource);
    }

    /**
     * Per module, under the run-wide lock: removes failed history rows (and the INVALID indexes such a
     * failure leaves), lists applied scripts changed since and realigns their checksums only when
     * {@code acceptChangedScripts}; never touches applied migrations this release does not have.
     */
    public RepairReport repair(Plan plan, boolean acceptChangedScripts, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
            return Repairer.repairAll(plan, dataSource, acceptChangedScripts, Migrator.RECOVERY_LOCK_TIMEOUT, listener::note);
        }
    }

    /**
     * Compares every installed module's live schemas with what its applied migrations produce in
     * {@code scratch}; takes the run-wide lock so no migration runs meanwhile.
     */
    public DriftReport drift(Plan plan, ScratchDatabase scratch, MigrationListener listener) {
        try (RunLock lock = lock(listener)) {
            return DriftDetector.detect(adopted(plan, listener), dataSource, scratch);
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
            Baseliner.baseline(plan, m, version, verify, dataSource, options, listener);
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

    /**
     * {@code plan} with the schema names recorded at each installed module's installation; a different
     * explicit name for an installed module is refused, naming both.
     */
    private Plan adopted(Plan plan, MigrationListener listener) {
        return SchemaRecord.adopted(plan, dataSource, listener::note);
    }

    private RunLock lock(MigrationListener listener) {
        return RunLock.acquire(dataSource, options.lockTimeout(), listener::waiting);
    }
}
