package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.flywaydb.core.api.FlywayException;

/**
 * The module-boundary checks of one module's migrations, inside each migration's transaction: before its SQL
 * a fingerprint of the schemas it must not touch (every other module's, planned or installed, except those
 * of the modules it requires); after it, {@link ReferenceCheck} for what its objects reference and
 * {@link BoundaryCheck} for what it changed, wrote or names in function bodies. A violation is a
 * {@link FlywayException} naming every object, which rolls the migration (or batch) back.
 *
 * <p>What the fingerprints cost is kept down three ways, each without losing a change: a script of concurrent index
 * statements only reads the other modules' indexes only; a batch starts from the objects the previous unit's check
 * read at its end (a batch is re-run one migration per transaction from fresh reads when it fails, so a change another
 * session made in between costs a re-run, not a wrong report); and {@link ReferenceCheck} reads only the module's own
 * objects' dependencies.
 */
final class BoundaryGuard {

    private final PlannedModule module;
    private final Map<String, String> schemaOwners;
    private final List<String> watched;
    private BoundaryCheck.Snapshot before;
    /** The unit only builds, drops or rebuilds indexes concurrently: its fingerprints read indexes only. */
    private boolean indexWorkOnly;
    /**
     * The other modules' objects as the last unit's passing check read them at its end, or null. A unit that passes
     * changed none of them, so this is their state whether it committed or not. Only a batch starts from it (see
     * {@link #beforeMigration}); any failure drops it.
     */
    private Map<String, BoundaryCheck.ObjectState> carried;
    /** The unit is a batch ({@link #batchStarting}), which the engine re-runs one migration per transaction when it fails. */
    private boolean batch;

    /** @param schemaOwners deployed schema name -> owning module, for every module of the plan and every installed one */
    BoundaryGuard(PlannedModule module, Map<String, String> schemaOwners) {
        this.module = module;
        this.schemaOwners = schemaOwners;
        this.watched = schemaOwners.keySet().stream().filter(s -> !module.allowedSchemas().contains(s)).sorted().toList();
    }

    /**
     * Before a migration's SQL: the fingerprint, unless one is taken for the unit (batch) already. With
     * {@code indexWorkOnly} (a script of concurrent index statements only, see
     * {@link TransactionalScripts#onlyConcurrentIndexWork}) it reads the indexes only, the one kind of object such a
     * script can create, drop or rebuild.
     */
    void beforeMigration(Connection c, boolean indexWorkOnly) throws SQLException {
        if (before == null && !watched.isEmpty()) {
            this.indexWorkOnly = indexWorkOnly;
            try (JitOff jit = JitOff.on(c)) {
                if (batch && carried != null && !indexWorkOnly) {
                    // a batch starts from the objects the previous unit's check read (one catalog read less per batch;
                    // the rows written are this transaction's own counters, read now). A change another session made
                    // in between then shows as the batch's: the batch rolls back and is re-run one migration per
                    // transaction, each from a fresh read, so it costs a re-run, never a wrong report.
                    before = new BoundaryCheck.Snapshot(carried, BoundaryCheck.writes(c, watched));
                } else {
                    // a migration applied alone reads now: a change another session made since the previous unit
                    // is then not blamed on it
                    before = indexWorkOnly ? BoundaryCheck.indexSnapshot(c, watched) : BoundaryCheck.snapshot(c, watched);
                }
            }
        }
    }

    /** After the SQL of the unit's last migration ({@code script}): every violation, or nothing. */
    void check(Connection c, String script) {
        // a unit of index statements that changed no index of theirs changed nothing of theirs: the reading from
        // before it still holds. Any other unit that passes leaves its own reading.
        Map<String, BoundaryCheck.ObjectState> carriedBefore = indexWorkOnly ? carried : null;
        carried = null;
        Map<String, BoundaryCheck.ObjectState> afterObjects = carriedBefore;
        List<String> lines = new ArrayList<>();
        try (JitOff jit = JitOff.on(c)) {
            for (ReferenceCheck.Violation v : ReferenceCheck.find(c, module.schemas(), module.allowedSchemas())) {
                lines.add("  - " + v.object() + " references " + v.referenced() + " in schema " + v.schema() + " (" + ownerText(v.schema()) + ")");
            }
            if (before != null) {
                BoundaryCheck.Snapshot after = indexWorkOnly ? BoundaryCheck.indexSnapshot(c, watched) : BoundaryCheck.snapshot(c, watched);
                boolean sameTransaction = !c.getAutoCommit();
                for (BoundaryCheck.Violation v : sameTransaction ? BoundaryCheck.compare(before, after)
                        : BoundaryCheck.compare(before.withoutWrites(), after.withoutWrites())) {
                    lines.add("  - " + v + " (" + ownerText(v.schema()) + ")");
                }
                if (!indexWorkOnly) {
                    afterObjects = after.objects();
                }
            }
            // index statements create no function; a body that names another schema was reported when it was created
            for (BoundaryCheck.Violation v : indexWorkOnly ? List.<BoundaryCheck.Violation>of() : BoundaryCheck.functionBodies(c, module.schemas(), watched)) {
                lines.add("  - " + v + " (" + ownerText(v.schema()) + ")");
            }
        } catch (SQLException e) {
            throw new FlywayException("module boundary check failed to run: " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            carried = afterObjects;
            return;
        }
        boolean transactional;
        try {
            transactional = !c.getAutoCommit();
        } catch (SQLException e) {
            transactional = true;
        }
        throw new FlywayException("undeclared cross-module reference in " + module.name() + " " + script + ":\n" + String.join("\n", lines)
                + "\nmodule " + module.name() + " may change and reference only its own schemas " + module.schemas()
                + " and those of the modules it requires (db/" + module.name() + "/module.properties: requires="
                + module.descriptor().requires().stream().map(Object::toString).collect(Collectors.joining(","))
                + "); declare the dependency or remove the change. "
                + (transactional ? "The migration was rolled back." : "It ran outside a transaction, so its changes stay: revert them by hand."));
    }

    /** The next unit is a batch. */
    void batchStarting() {
        before = null;
        batch = true;
    }

    /** The unit (migration or batch) is over: the next one takes its own "before". */
    void endUnit() {
        before = null;
        batch = false;
    }

    /** The unit failed or was rolled back: nothing carries over to the next one. */
    void forget() {
        before = null;
        carried = null;
    }

    private String ownerText(String schema) {
        String owner = schemaOwners.get(schema);
        return owner == null ? "no module of this plan owns it" : "owned by module " + owner + ", which " + module.name() + " does not declare";
    }
}
