package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs inside each migration's transaction. Before its SQL: the migration's {@code lock_timeout} (and
 * {@code statement_timeout}, if any), the lock watcher pointed at its backend, and the boundary fingerprint
 * ({@link BoundaryGuard}). After its SQL: the module-boundary checks ({@link BoundaryGuard}), whose violation
 * rolls that migration back, and the schema-name record. Then the progress report, held until commit in a
 * batch.
 */
public final class MigrationCallback implements Callback {

    private final PlannedModule module;
    /** Listed on first use ({@link #scripts}). */
    private ModuleScripts scripts;
    private final boolean referenceCheck;
    private final MigrationListener listener;
    private final BoundaryGuard boundary;
    private final EngineOptions options;
    private final LockWatcher lockWatcher;
    private long started;
    private int migrations;
    private int seeds;
    /** In a batch: the last version of the batch (checks there only) and the reports held until commit. */
    private org.flywaydb.core.api.MigrationVersion batchLast;
    private MigrationInfo failed;
    private final List<Runnable> held = new ArrayList<>();
    private int heldMigrations;
    /** Versions of the migrations this callback saw committed (a batch's once it commits), in order. */
    private final List<dev.schemamodules.core.api.Version> applied = new ArrayList<>();
    private final List<dev.schemamodules.core.api.Version> heldVersions = new ArrayList<>();
    private boolean sessionSettings;
    private boolean recorded;
    private String currentScript;
    private Duration currentLockTimeout;
    /** The backend the last migration's settings were sent to (its connection's). */
    private int backendPid;

    /**
     * @param schemaOwners deployed schema name -> owning module, for every module of the plan and every installed one
     */
    public MigrationCallback(PlannedModule module, Map<String, String> schemaOwners, boolean referenceCheck, MigrationListener listener) {
        this(module, schemaOwners, EngineOptions.defaults().withDdlLockTimeout(EngineOptions.DEFAULT_DDL_LOCK_TIMEOUT, 0), null, listener,
                referenceCheck);
    }

    public MigrationCallback(PlannedModule module, Map<String, String> schemaOwners, EngineOptions options, LockWatcher lockWatcher,
                             MigrationListener listener) {
        this(module, schemaOwners, options, lockWatcher, listener, options.referenceCheck());
    }

    private MigrationCallback(PlannedModule module, Map<String, String> schemaOwners, EngineOptions options, LockWatcher lockWatcher,
                              MigrationListener listener, boolean referenceCheck) {
        this.module = module;
        this.referenceCheck = referenceCheck;
        this.listener = listener;
        this.options = options;
        this.lockWatcher = lockWatcher;
        this.boundary = new BoundaryGuard(module, schemaOwners);
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        Connection c = context.getConnection();
        if (event == Event.BEFORE_EACH_MIGRATE) {
            starting(c, context.getMigrationInfo());
        } else if (event == Event.AFTER_EACH_MIGRATE_ERROR) {
            failed(c, context.getMigrationInfo());
        } else {
            applied(c, context.getMigrationInfo());
        }
    }

    /** Before a migration's SQL, in its transaction (Flyway's BEFORE_EACH_MIGRATE, or {@link BatchApplier}). */
    void starting(Connection c, MigrationInfo starting) {
        starting(c, starting, false);
    }

    /**
     * {@link #starting(Connection, MigrationInfo)}; with {@code settingsSent}, the caller sends the settings with the
     * migration's SQL itself ({@link #transactionSetStatements()}, or {@link #transactionSettings()} in a {@code SELECT}
     * of its own; in a batch, after the first migration has set them here on the same connection), which saves a round
     * trip per migration.
     */
    void starting(Connection c, MigrationInfo starting, boolean settingsSent) {
        started = System.nanoTime();
        failed = null;
        currentScript = starting.getScript();
        beforeMigration(c, starting, settingsSent);
        listener.migrationStarted(module.name(), starting.getVersion() == null ? "R" : starting.getVersion().getVersion(), starting.getDescription());
    }

    /** A migration's SQL failed (Flyway's AFTER_EACH_MIGRATE_ERROR, or {@link BatchApplier} before its rollback). */
    void failed(Connection c, MigrationInfo info) {
        failed = info;
        endMigration(c);
        boundary.forget();
        recorded = false;
    }

    /**
     * After a migration's SQL, in its transaction (Flyway's AFTER_EACH_MIGRATE, or {@link BatchApplier}): the checks at the
     * end of a unit, the schema-name record, the report (held in a batch).
     */
    void applied(Connection c, MigrationInfo info) {
        // in a batch the checks run once, after the batch's last migration: they see whatever any migration
        // of the batch did; a violation rolls the batch back and the engine re-runs it one migration per
        // transaction, where the checks name the exact script
        boolean lastOfUnit = batchLast == null || batchLast.equals(info.getVersion());
        try {
            if (referenceCheck && lastOfUnit) {
                boundary.check(c, info.getScript());
            }
            if (!recorded) {
                SchemaRecord.record(c, module);   // in this migration's transaction: the names are kept exactly when it commits
                recorded = true;
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot record the schema names of " + module.name() + ": " + e.getMessage(), e);
        } finally {
            if (lastOfUnit) {
                boundary.endUnit();
            }
            endMigration(c);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String version = info.getVersion() == null ? "R" : info.getVersion().getVersion();
        if (batchLast != null) {
            heldMigrations++;
            heldVersions.add(dev.schemamodules.core.api.Version.parse(version));
            held.add(() -> listener.migrationApplied(module.name(), version, info.getDescription(), took));
            return;
        }
        if (info.getVersion() == null) {
            seeds++;
        } else {
            migrations++;
            applied.add(dev.schemamodules.core.api.Version.parse(version));
        }
        listener.migrationApplied(module.name(), version, info.getDescription(), took);
    }

    /** With {@code settingsSent}, the settings go with the SQL and the backend is the one the last migration ran on. */
    private void beforeMigration(Connection c, MigrationInfo info, boolean settingsSent) {
        try {
            boolean transactional = !c.getAutoCommit();
            boolean indexWorkOnly = !transactional && concurrentIndexWork(info);
            currentLockTimeout = indexWorkOnly ? options.concurrentLockTimeout() : options.ddlLockTimeout();
            if (!settingsSent) {
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid(), set_config('lock_timeout', ?, ?), set_config('statement_timeout', ?, ?)")) {
                    ps.setString(1, currentLockTimeout.toMillis() + "ms");
                    ps.setBoolean(2, transactional);
                    ps.setString(3, statementTimeoutSetting());
                    ps.setBoolean(4, transactional);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        backendPid = rs.getInt(1);
                    }
                }
            }
            if (lockWatcher != null && backendPid > 0) {
                lockWatcher.watch(backendPid);
            }
            sessionSettings = !transactional;
            if (referenceCheck) {
                boundary.beforeMigration(c, indexWorkOnly);
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot prepare " + info.getScript() + " (lock_timeout, boundary fingerprint): " + e.getMessage(), e);
        }
    }

    /**
     * What {@link #starting} sets before a transactional migration ({@code lock_timeout}, {@code statement_timeout},
     * for the transaction), as {@code set_config} calls for the caller's own {@code SELECT} ahead of the migration's SQL.
     */
    String transactionSettings() {
        return "set_config('lock_timeout', '" + options.ddlLockTimeout().toMillis() + "ms', true), set_config('statement_timeout', '"
                + statementTimeoutSetting() + "', true)";
    }

    /**
     * {@link #transactionSettings()} as {@code SET LOCAL} statements, each ended by a semicolon, for the caller to send
     * ahead of a migration's SQL: the server neither plans them nor answers them with a row, as it does a {@code SELECT}.
     */
    String transactionSetStatements() {
        return "SET LOCAL lock_timeout = '" + options.ddlLockTimeout().toMillis() + "ms'; SET LOCAL statement_timeout = '"
                + statementTimeoutSetting() + "';";
    }

    /** The {@code statement_timeout} value a migration runs with ({@code 0}: none). */
    private String statementTimeoutSetting() {
        return options.statementTimeout().map(d -> d.toMillis() + "ms").orElse("0");
    }

    /**
     * Whether {@code info}'s script only builds, drops or rebuilds indexes concurrently: it then gets
     * {@link EngineOptions#concurrentLockTimeout()}, since such a build waits for older transactions by design
     * and no read or write queues behind it meanwhile.
     */
    private boolean concurrentIndexWork(MigrationInfo info) {
        if (info == null || info.getVersion() == null || info.getScript() == null) {
            return false;
        }
        return ScriptName.parse(ScriptName.fileNameOf(info.getScript()))
                .map(name -> TransactionalScripts.onlyConcurrentIndexWork(scripts().readMigration(name)))
                .orElse(false);
    }

    /** The module's scripts, listed once for this run of the module (its segments, batches and migrations). */
    ModuleScripts scripts() {
        if (scripts == null) {
            scripts = ModuleScripts.of(module.descriptor());
        }
        return scripts;
    }

    /** The {@code lock_timeout} the migration that runs now (or ran last) was given. */
    public Duration currentLockTimeout() {
        return currentLockTimeout;
    }

    private void endMigration(Connection c) {
        if (lockWatcher != null) {
            lockWatcher.pause();
        }
        if (sessionSettings) {
            sessionSettings = false;
            try (Statement st = c.createStatement()) {
                st.execute("RESET lock_timeout; RESET statement_timeout");
            } catch (SQLException e) {
                // the pool's next user gets a fresh session state from Flyway anyway; nothing to roll back
            }
        }
    }

    /** Starts a batch ending at {@code last}: reports are held until {@link #endBatch}. */
    public void beginBatch(org.flywaydb.core.api.MigrationVersion last) {
        batchLast = last;
        held.clear();
        heldVersions.clear();
        heldMigrations = 0;
        boundary.batchStarting();
    }

    /** Ends the batch: committed ({@code true}) reports its migrations, rolled back forgets them. */
    public void endBatch(boolean committed) {
        failed = null;
        if (!committed) {
            recorded = false;
            boundary.forget();
        }
        if (committed) {
            migrations += heldMigrations;
            applied.addAll(heldVersions);
            held.forEach(Runnable::run);
        }
        batchLast = null;
        held.clear();
        heldVersions.clear();
        heldMigrations = 0;
        boundary.endUnit();
    }

    /** The migration whose failure Flyway reported last (outside a rolled-back batch), if any. */
    public MigrationInfo failedMigration() {
        return failed;
    }

    public int migrations() {
        return migrations;
    }

    /** Versions of the versioned migrations applied and committed through this callback, in order. */
    public List<dev.schemamodules.core.api.Version> appliedVersions() {
        return List.copyOf(applied);
    }

    public int seeds() {
        return seeds;
    }

    /** The script of the migration that ran last (or runs now). */
    public String currentScript() {
        return currentScript;
    }

    @Override
    public String getCallbackName() {
        return "schema-modules";
    }
}
