package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.PlannedModule;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Runs inside each migration's transaction, after its SQL: the cross-module reference check (a
 * violation rolls that migration back) and the progress report.
 */
public final class MigrationCallback implements Callback {

    private final PlannedModule module;
    private final Map<String, String> schemaOwners;
    private final boolean referenceCheck;
    private final MigrationListener listener;
    private long started;
    private int migrations;
    private int seeds;
    /** In a batch: the last version of the batch (reference check there only) and the reports held until commit. */
    private org.flywaydb.core.api.MigrationVersion batchLast;
    private final java.util.List<Runnable> held = new java.util.ArrayList<>();
    private int heldMigrations;

    /**
     * @param schemaOwners deployed schema name -> owning module, for every module of the plan
     */
    public MigrationCallback(PlannedModule module, Map<String, String> schemaOwners, boolean referenceCheck, MigrationListener listener) {
        this.module = module;
        this.schemaOwners = schemaOwners;
        this.referenceCheck = referenceCheck;
        this.listener = listener;
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        if (event == Event.BEFORE_EACH_MIGRATE) {
            started = System.nanoTime();
            return;
        }
        MigrationInfo info = context.getMigrationInfo();
        // in a batch the check runs once, after the batch's last migration: it inspects the module's whole
        // schemas, so it sees whatever any migration of the batch created; a violation rolls the batch back
        // and the engine re-runs it one migration per transaction, where this check names the exact script
        if (referenceCheck && (batchLast == null || batchLast.equals(info.getVersion()))) {
            check(context, info);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String version = info.getVersion() == null ? "R" : info.getVersion().getVersion();
        if (batchLast != null) {
            heldMigrations++;
            held.add(() -> listener.migrationApplied(module.name(), version, info.getDescription(), took));
            return;
        }
        if (info.getVersion() == null) {
            seeds++;
        } else {
            migrations++;
        }
        listener.migrationApplied(module.name(), version, info.getDescription(), took);
    }

    /** Starts a batch ending at {@code last}: reports are held until {@link #endBatch}. */
    public void beginBatch(org.flywaydb.core.api.MigrationVersion last) {
        batchLast = last;
        held.clear();
        heldMigrations = 0;
    }

    /** Ends the batch: committed ({@code true}) reports its migrations, rolled back forgets them. */
    public void endBatch(boolean committed) {
        if (committed) {
            migrations += heldMigrations;
            held.forEach(Runnable::run);
        }
        batchLast = null;
        held.clear();
        heldMigrations = 0;
    }

    private void check(Context context, MigrationInfo info) {
        List<ReferenceCheck.Violation> violations;
        try {
            violations = ReferenceCheck.find(context.getConnection(), module.schemas(), module.allowedSchemas());
        } catch (SQLException e) {
            throw new FlywayException("cross-module reference check failed to run: " + e.getMessage(), e);
        }
        if (violations.isEmpty()) {
            return;
        }
        String list = violations.stream().map(v -> "  - " + v.object() + " references " + v.referenced() + " in schema " + v.schema()
                + " (" + ownerText(v.schema()) + ")").collect(Collectors.joining("\n"));
        throw new FlywayException("undeclared cross-module reference in " + module.name() + " " + info.getScript() + ":\n" + list
                + "\nmodule " + module.name() + " may reference only its own schemas " + module.schemas() + " and those of the modules it requires "
                + "(db/" + module.name() + "/module.properties: requires=" + module.descriptor().requires().stream().map(Object::toString)
                        .collect(Collectors.joining(",")) + "); declare the dependency or remove the reference. The migration was rolled back.");
    }

    private String ownerText(String schema) {
        String owner = schemaOwners.get(schema);
        return owner == null ? "no module of this plan owns it" : "owned by module " + owner + ", which " + module.name() + " does not declare";
    }

    public int migrations() {
        return migrations;
    }

    public int seeds() {
        return seeds;
    }

    @Override
    public String getCallbackName() {
        return "schema-modules";
    }
}
