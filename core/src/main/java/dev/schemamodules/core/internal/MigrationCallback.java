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
        if (referenceCheck) {
            check(context, info);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (info.getVersion() == null) {
            seeds++;
        } else {
            migrations++;
        }
        listener.migrationApplied(module.name(), info.getVersion() == null ? "R" : info.getVersion().getVersion(), info.getDescription(), took);
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
