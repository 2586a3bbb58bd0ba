package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.api.UndoPreview;
import dev.schemamodules.core.api.Version;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reverts migrations with the modules' undo scripts, newest first, each undo script and the removal of
 * its history row in one transaction. The caller holds the run-wide lock.
 */
public final class Undoer {

    private final DataSource dataSource;
    private final Duration lockTimeout;

    public Undoer(DataSource dataSource) {
        this(dataSource, dev.schemamodules.core.api.EngineOptions.DEFAULT_DDL_LOCK_TIMEOUT);
    }

    /** @param lockTimeout {@code lock_timeout} of each undo script's transaction */
    public Undoer(DataSource dataSource, Duration lockTimeout) {
        this.dataSource = dataSource;
        this.lockTimeout = lockTimeout;
    }

    /**
     * Reverts {@code module} down to {@code target}; refuses, before changing anything, when an installed
     * dependent needs a version above {@code target}, unless {@code cascade}, which first reverts (completely,
     * in reverse plan order) exactly the installed modules whose requirement would no longer hold: the direct
     * dependents that need more than {@code target}, and, since those are reverted completely, every installed
     * module that requires one of them, and so on. Dependents whose requirement still holds are left alone.
     */
    public List<ModuleStatus.MigrationRef> undo(Plan plan, String module, Version target, boolean cascade, MigrationListener listener) {
        PlannedModule m = plan.module(module).orElseThrow(() -> new PlanException("module '" + module + "' is not in the plan"));
        Map<PlannedModule, String> broken = broken(plan, m, target, cascade);
        List<ModuleStatus.MigrationRef> undone = new ArrayList<>();
        for (PlannedModule d : broken.keySet()) {
            undone.addAll(undoModule(d, Version.ZERO, listener));
        }
        undone.addAll(undoModule(m, target, listener));
        return undone;
    }

    /** What {@link #undo} would do, without doing it (refused the same way). */
    public UndoPreview preview(Plan plan, String module, Version target, boolean cascade) {
        PlannedModule m = plan.module(module).orElseThrow(() -> new PlanException("module '" + module + "' is not in the plan"));
        Map<PlannedModule, String> broken = broken(plan, m, target, cascade);
        List<String> reasons = new ArrayList<>();
        List<UndoPreview.Step> steps = new ArrayList<>();
        List<UndoPreview.TableRows> rows = new ArrayList<>();
        List<String> schemas = new ArrayList<>();
        Map<PlannedModule, Version> targets = new java.util.LinkedHashMap<>();
        broken.forEach((d, why) -> {
            reasons.add(d.name() + " (" + why + ")");
            targets.put(d, Version.ZERO);
        });
        targets.put(m, target);
        targets.forEach((x, to) -> {
            ModuleScripts scripts = ModuleScripts.of(x.descriptor());
            schemas.addAll(x.schemas());
            ModuleWork.withConnection(dataSource, x, c -> {
                List<HistoryTable.Row> toUndo = new ArrayList<>(new HistoryTable(x.primarySchema()).appliedMigrations(c).stream()
                        .filter(r -> r.version().compareTo(to) > 0).toList());
                Collections.reverse(toUndo);
                List<String> sql = new ArrayList<>();
                for (HistoryTable.Row row : toUndo) {
                    ScriptName u = scripts.undoFor(row.version()).orElseThrow(() -> new MigrationException(x.name(), "module " + x.name()
                            + ": no undo script for " + row.script() + "; nothing was undone"));
                    steps.add(new UndoPreview.Step(x.name(), row.version().toString(), u.fileName()));
                    sql.add(scripts.readUndo(u));
                }
                for (UndoImpact.TableRows t : UndoImpact.rowsLost(c, x, sql, to.equals(Version.ZERO) && !toUndo.isEmpty())) {
                    rows.add(new UndoPreview.TableRows(t.table(), t.rows()));
                }
                return null;
            });
        });
        return new UndoPreview(reasons, steps, rows, schemas);
    }

    /**
     * The installed modules an undo of {@code m} to {@code target} would break, in reverse plan order, each with
     * the requirement that would no longer hold. Without {@code cascade} any such module is a refusal.
     */
    private Map<PlannedModule, String> broken(Plan plan, PlannedModule m, Version target, boolean cascade) {
        Map<String, Version> reverted = new java.util.HashMap<>();
        reverted.put(m.name(), target);
        Map<PlannedModule, String> broken = new java.util.LinkedHashMap<>();
        for (PlannedModule d : plan.modules()) {   // plan order: a module comes after everything it requires
            if (d.name().equals(m.name())) {
                continue;
            }
            for (Requirement r : d.descriptor().requires()) {
                Version to = reverted.get(r.module());
                if (to != null && r.minimumVersion().compareTo(to) > 0 && isInstalled(d)) {
                    broken.put(d, "requires " + r + (to.equals(Version.ZERO) ? ", which is reverted completely" : ", which goes back to " + to));
                    reverted.put(d.name(), Version.ZERO);
                    break;
                }
            }
        }
        if (!broken.isEmpty() && !cascade) {
            throw new MigrationException(m.name(), "refusing to undo " + m.name() + " below version " + target + ": installed module(s) "
                    + String.join(", ", broken.keySet().stream().map(PlannedModule::name).toList()) + " require it ("
                    + String.join("; ", broken.entrySet().stream().map(e -> e.getKey().name() + " " + e.getValue()).toList())
                    + "). Undo them first, or pass --cascade");
        }
        List<PlannedModule> order = new ArrayList<>(broken.keySet());
        Collections.reverse(order);
        Map<PlannedModule, String> reversedOrder = new java.util.LinkedHashMap<>();
        order.forEach(d -> reversedOrder.put(d, broken.get(d)));
        return reversedOrder;
    }

    /** Reverts every planned module completely, dependents first. */
    public List<ModuleStatus.MigrationRef> undoAll(Plan plan, MigrationListener listener) {
        List<ModuleStatus.MigrationRef> undone = new ArrayList<>();
        for (PlannedModule m : reversed(plan)) {
            undone.addAll(undoModule(m, Version.ZERO, listener));
        }
        return undone;
    }

    private static List<PlannedModule> reversed(Plan plan) {
        List<PlannedModule> reversed = new ArrayList<>(plan.modules());
        Collections.reverse(reversed);
        return reversed;
    }

    private boolean isInstalled(PlannedModule m) {
        return ModuleWork.withConnection(dataSource, m, c -> !new HistoryTable(m.primarySchema()).appliedMigrations(c).isEmpty());
    }

    private List<ModuleStatus.MigrationRef> undoModule(PlannedModule m, Version target, MigrationListener listener) {
        ModuleScripts scripts = ModuleScripts.of(m.descriptor());
        HistoryTable history = new HistoryTable(m.primarySchema());
        return ModuleWork.withConnection(dataSource, m, c -> {
            List<HistoryTable.Row> toUndo = new ArrayList<>(history.appliedMigrations(c).stream().filter(r -> r.version().compareTo(target) > 0).toList());
            Collections.reverse(toUndo);
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
                        try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
                            ps.setString(1, lockTimeout.toMillis() + "ms");
                            ps.execute();
                        }
                        ScriptRunner.run(c, u.fileName(), scripts.readUndo(u), m.placeholders(), m.schemas());
                        history.delete(c, row.version());
                        history.forgetSeeds(c);
                        c.commit();
                    } catch (ScriptRunner.ScriptFailure | SQLException e) {
                        c.rollback();
                        throw new MigrationException(m.name(), "module " + m.name() + ": undo " + u.fileName() + " failed and was rolled back ("
                                + undone.size() + " undone before it): " + e.getMessage(), e);
                    }
                    listener.undone(m.name(), row.version().toString(), row.description(), Duration.ofNanos(System.nanoTime() - t));
                    undone.add(new ModuleStatus.MigrationRef(row.version().toString(), row.description(), u.fileName(), "UNDO", null));
                }
            } finally {
                c.setAutoCommit(auto);
            }
            return undone;
        });
    }
}
