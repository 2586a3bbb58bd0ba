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
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs inside each migration's transaction. Before its SQL: the migration's {@code lock_timeout} (and
 * {@code statement_timeout}, if any), the lock watcher pointed at its backend, and a fingerprint of the
 * schemas it must not touch. After its SQL: the module-boundary checks ({@link ReferenceCheck} for what
 * its objects reference, {@link BoundaryCheck} for what it changed, wrote or names in function bodies);
 * a violation rolls that migration back. Then the progress report.
 */
public final class MigrationCallback implements Callback {

    private final PlannedModule module;
    private final Map<String, String> schemaOwners;
    private final boolean referenceCheck;
    private final MigrationListener listener;
    private final List<String> watched;
    private final EngineOptions options;
    private final LockWatcher lockWatcher;
    private long started;
    private int migrations;
    private int seeds;
    /** In a batch: the last version of the batch (checks there only) and the reports held until commit. */
    private org.flywaydb.core.api.MigrationVersion batchLast;
    private MigrationInfo failed;
    private final java.util.List<Runnable> held = new java.util.ArrayList<>();
    private int heldMigrations;
    /** Versions of the migrations this callback saw committed (a batch's once it commits), in order. */
    private final List<dev.schemamodules.core.api.Version> applied = new ArrayList<>();
    private final List<dev.schemamodules.core.api.Version> heldVersions = new ArrayList<>();
    private BoundaryCheck.Snapshot before;
    /** The fingerprint after the last migration that passed: the next one's "before" (nothing of ours ran in between). */
    private BoundaryCheck.Snapshot carried;
    private boolean sessionSettings;
    private long checkNanos;
    private boolean recorded;
    private String currentScript;

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
        this.schemaOwners = schemaOwners;
        this.referenceCheck = referenceCheck;
        this.listener = listener;
        this.options = options;
        this.lockWatcher = lockWatcher;
        this.watched = schemaOwners.keySet().stream().filter(s -> !module.allowedSchemas().contains(s)).sorted().toList();
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
            started = System.nanoTime();
            failed = null;
            currentScript = context.getMigrationInfo().getScript();
            beforeMigration(c, context.getMigrationInfo());
            MigrationInfo starting = context.getMigrationInfo();
            if (starting != null) {
                listener.migrationStarted(module.name(), starting.getVersion() == null ? "R" : starting.getVersion().getVersion(), starting.getDescription());
            }
            return;
        }
        if (event == Event.AFTER_EACH_MIGRATE_ERROR) {
            failed = context.getMigrationInfo();
            endMigration(c);
            before = null;
            carried = null;
            recorded = false;
            return;
        }
        MigrationInfo info = context.getMigrationInfo();
        // in a batch the checks run once, after the batch's last migration: they see whatever any migration
        // of the batch did; a violation rolls the batch back and the engine re-runs it one migration per
        // transaction, where the checks name the exact script
        boolean lastOfUnit = batchLast == null || batchLast.equals(info.getVersion());
        try {
            if (referenceCheck && lastOfUnit) {
                check(c, info);
            }
            if (!recorded) {
                SchemaRecord.record(c, module);   // in this migration's transaction: the names are kept exactly when it commits
                recorded = true;
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot record the schema names of " + module.name() + ": " + e.getMessage(), e);
        } finally {
            if (lastOfUnit) {
                before = null;
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

    private void beforeMigration(Connection c, MigrationInfo info) {
        try {
            boolean transactional = !c.getAutoCommit();
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_backend_pid(), set_config('lock_timeout', ?, ?), set_config('statement_timeout', ?, ?)")) {
                ps.setString(1, options.ddlLockTimeout().toMillis() + "ms");
                ps.setBoolean(2, transactional);
                ps.setString(3, options.statementTimeout().map(d -> d.toMillis() + "ms").orElse("0"));
                ps.setBoolean(4, transactional);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (lockWatcher != null) {
                        lockWatcher.watch(rs.getInt(1));
                    }
                }
            }
            sessionSettings = !transactional;
            if (referenceCheck && before == null && !watched.isEmpty()) {
                long t = System.nanoTime();
                before = carried != null ? BoundaryCheck.withFreshWrites(c, carried, watched) : BoundaryCheck.snapshot(c, watched);
                carried = null;
                checkNanos += System.nanoTime() - t;
            }
        } catch (SQLException e) {
            throw new FlywayException("cannot prepare " + info.getScript() + " (lock_timeout, boundary fingerprint): " + e.getMessage(), e);
        }
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
        before = null;
    }

    /** Ends the batch: committed ({@code true}) reports its migrations, rolled back forgets them. */
    public void endBatch(boolean committed) {
        failed = null;
        if (!committed) {
            recorded = false;
            carried = null;
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
        before = null;
    }

    private void check(Connection c, MigrationInfo info) {
        List<String> lines = new ArrayList<>();
        try {
            for (ReferenceCheck.Violation v : ReferenceCheck.find(c, module.schemas(), module.allowedSchemas())) {
                lines.add("  - " + v.object() + " references " + v.referenced() + " in schema " + v.schema() + " (" + ownerText(v.schema()) + ")");
            }
            long t = System.nanoTime();
            if (before != null) {
                BoundaryCheck.Snapshot after = BoundaryCheck.snapshot(c, watched);
                boolean sameTransaction = !c.getAutoCommit();
                for (BoundaryCheck.Violation v : sameTransaction ? BoundaryCheck.compare(before, after)
                        : BoundaryCheck.compare(before.withoutWrites(), after.withoutWrites())) {
                    lines.add("  - " + v + " (" + ownerText(v.schema()) + ")");
                }
                carried = lines.isEmpty() ? after : null;
            }
            for (BoundaryCheck.Violation v : BoundaryCheck.functionBodies(c, module.schemas(), watched)) {
                lines.add("  - " + v + " (" + ownerText(v.schema()) + ")");
            }
            checkNanos += System.nanoTime() - t;
        } catch (SQLException e) {
            throw new FlywayException("module boundary check failed to run: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            return;
        }
        boolean transactional;
        try {
            transactional = !c.getAutoCommit();
        } catch (SQLException e) {
            transactional = true;
        }
        throw new FlywayException("undeclared cross-module reference in " + module.name() + " " + info.getScript() + ":\n" + String.join("\n", lines)
                + "\nmodule " + module.name() + " may change and reference only its own schemas " + module.schemas()
                + " and those of the modules it requires (db/" + module.name() + "/module.properties: requires="
                + module.descriptor().requires().stream().map(Object::toString).collect(Collectors.joining(","))
                + "); declare the dependency or remove the change. "
                + (transactional ? "The migration was rolled back." : "It ran outside a transaction, so its changes stay: revert them by hand."));
    }

    private String ownerText(String schema) {
        String owner = schemaOwners.get(schema);
        return owner == null ? "no module of this plan owns it" : "owned by module " + owner + ", which " + module.name() + " does not declare";
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

    /** Time spent in the boundary fingerprints and checks so far (for the benchmark). */
    public Duration boundaryCheckTime() {
        return Duration.ofNanos(checkNanos);
    }

    @Override
    public String getCallbackName() {
        return "schema-modules";
    }
}
