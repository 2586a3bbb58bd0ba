package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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
 */
final class BoundaryGuard {

    private final PlannedModule module;
    private final Map<String, String> schemaOwners;
    private final List<String> watched;
    private BoundaryCheck.Snapshot before;
    private long checkNanos;

    /** @param schemaOwners deployed schema name -> owning module, for every module of the plan and every installed one */
    BoundaryGuard(PlannedModule module, Map<String, String> schemaOwners) {
        this.module = module;
        this.schemaOwners = schemaOwners;
        this.watched = schemaOwners.keySet().stream().filter(s -> !module.allowedSchemas().contains(s)).sorted().toList();
    }

    /** Before a migration's SQL: the fingerprint, unless one is taken for the unit (batch) already. */
    void beforeMigration(Connection c) throws SQLException {
        if (before == null && !watched.isEmpty()) {
            long t = System.nanoTime();
            // read now, not carried over from the previous migration's "after": a change another session made
            // between two migrations is then not blamed on the second one
            try (JitOff jit = JitOff.on(c)) {
                before = BoundaryCheck.snapshot(c, watched);
            }
            checkNanos += System.nanoTime() - t;
        }
    }

    /** After the SQL of the unit's last migration ({@code script}): every violation, or nothing. */
    void check(Connection c, String script) {
        List<String> lines = new ArrayList<>();
        try (JitOff jit = JitOff.on(c)) {
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
        throw new FlywayException("undeclared cross-module reference in " + module.name() + " " + script + ":\n" + String.join("\n", lines)
                + "\nmodule " + module.name() + " may change and reference only its own schemas " + module.schemas()
                + " and those of the modules it requires (db/" + module.name() + "/module.properties: requires="
                + module.descriptor().requires().stream().map(Object::toString).collect(Collectors.joining(","))
                + "); declare the dependency or remove the change. "
                + (transactional ? "The migration was rolled back." : "It ran outside a transaction, so its changes stay: revert them by hand."));
    }

    /** The unit (migration or batch) is over: the next one takes its own "before". */
    void endUnit() {
        before = null;
    }

    /** The unit failed or was rolled back: nothing carries over to the next one. */
    void forget() {
        before = null;
    }

    /** Time spent in the fingerprints and checks so far (for the benchmark). */
    Duration time() {
        return Duration.ofNanos(checkNanos);
    }

    private String ownerText(String schema) {
        String owner = schemaOwners.get(schema);
        return owner == null ? "no module of this plan owns it" : "owned by module " + owner + ", which " + module.name() + " does not declare";
    }
}
