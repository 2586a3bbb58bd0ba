package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.api.Version;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * Reverts migrations with the modules' undo scripts, newest first, each undo script and the removal of
 * its history row in one transaction. The caller holds the run-wide lock.
 */
public final class Undoer {

    private final DataSource dataSource;

    public Undoer(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Reverts {@code module} down to {@code target}; refuses, before changing anything, when an installed
     * dependent needs a version above {@code target}, unless {@code cascade}, which first reverts every
     * installed module that requires it (directly or not) completely, in reverse plan order.
     */
    public List<ModuleStatus.MigrationRef> undo(Plan plan, String module, Version target, boolean cascade, MigrationListener listener) {
        PlannedModule m = plan.module(module).orElseThrow(() -> new PlanException("module '" + module + "' is not in the plan"));
        List<PlannedModule> dependents = blockingDependents(plan, m, target);
        if (!dependents.isEmpty() && !cascade) {
            throw new MigrationException(module, "refusing to undo " + module + " below version " + target + ": installed module(s) "
                    + String.join(", ", dependents.stream().map(PlannedModule::name).toList()) + " require it. Undo them first, or pass --cascade");
        }
        List<ModuleStatus.MigrationRef> undone = new ArrayList<>();
        if (cascade) {
            Map<String, List<String>> requires = plan.modules().stream().collect(Collectors.toMap(PlannedModule::name,
                    p -> p.descriptor().requires().stream().map(Requirement::module).toList()));
            for (PlannedModule d : reversed(plan)) {
                boolean dependsOn = !d.name().equals(module) && DependencyGraph.closure(List.of(d.name()), requires).contains(module);
                if (dependsOn && isInstalled(d)) {
                    undone.addAll(undoModule(d, Version.ZERO, listener));
                }
            }
        }
        undone.addAll(undoModule(m, target, listener));
        return undone;
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

    private List<PlannedModule> blockingDependents(Plan plan, PlannedModule m, Version target) {
        List<PlannedModule> blocking = new ArrayList<>();
        for (PlannedModule d : plan.dependentsOf(m.name())) {
            Version needs = d.descriptor().requires().stream().filter(r -> r.module().equals(m.name())).findFirst().orElseThrow().minimumVersion();
            if (needs.compareTo(target) > 0 && isInstalled(d)) {
                blocking.add(d);
            }
        }
        return blocking;
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
