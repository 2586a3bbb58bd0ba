package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.RepairReport;
import dev.schemamodules.core.api.Version;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Flyway's repair, restricted to what is safe to do without asking: removes failed history rows (and the
 * INVALID indexes a failed non-transactional migration leaves); realigns the recorded checksum and
 * description of applied migrations whose script changed only when the user accepts it; never marks an
 * applied migration this release does not have as deleted (it may come from a newer release). Runs
 * under the caller's run-wide lock.
 */
public final class Repairer {

    private Repairer() {
    }

    /** Repairs every module of {@code plan} in plan order (the caller holds the run-wide lock). */
    public static RepairReport repairAll(Plan plan, DataSource dataSource, boolean acceptChangedScripts, java.time.Duration lockTimeout,
                                         Consumer<String> note) {
        List<RepairReport.ModuleRepair> modules = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            modules.add(ModuleWork.guard(m, () -> ModuleWork.withConnection(dataSource, m,
                    c -> repair(c, m, dataSource, acceptChangedScripts, lockTimeout, note))));
        }
        return new RepairReport(modules);
    }

    static RepairReport.ModuleRepair repair(Connection c, PlannedModule m, DataSource dataSource, boolean acceptChangedScripts,
                                                   java.time.Duration lockTimeout, Consumer<String> note) throws SQLException {
        HistoryTable history = new HistoryTable(m.primarySchema());
        if (!history.exists(c)) {
            return new RepairReport.ModuleRepair(m.name(), List.of(), List.of(), List.of(), false, List.of());
        }
        List<String> failed = history.failedScripts(c);
        List<String> invalid = failed.isEmpty() ? List.of()
                : FailedMigrationRecovery.leftBy(c, m, failed).stream().map(FailedMigrationRecovery.InvalidIndex::qualified).toList();
        if (!failed.isEmpty()) {
            // the report lists the removed rows; recovery's own "they run again now" is migrate's wording
            FailedMigrationRecovery.recover(c, history, m, lockTimeout, line -> {
                if (!line.contains("removed the failed history row")) {
                    note.accept(line);
                }
            });
        }
        List<RepairReport.ChangedScript> changed = new ArrayList<>();
        List<Integer> ranks = new ArrayList<>();
        List<String> notInRelease = new ArrayList<>();
        for (MigrationInfo i : FlywayFactory.create(m, dataSource, false).info().all()) {
            if (i.getVersion() == null || !i.getState().isApplied() || "SCHEMA".equals(i.getType().name()) || i.getState() == MigrationState.BASELINE) {
                continue;
            }
            if (!i.getState().isResolved()) {
                if (i.getState() == MigrationState.MISSING_SUCCESS || i.getState() == MigrationState.FUTURE_SUCCESS) {
                    notInRelease.add("V" + i.getVersion() + " " + i.getScript());
                }
                continue;
            }
            boolean checksum = !i.isChecksumMatching();
            boolean description = !Objects.equals(i.getDescription(), resolvedDescription(i));
            if (checksum || description) {
                changed.add(new RepairReport.ChangedScript(i.getVersion().getVersion(), i.getScript(), m.name() + ":" + m.descriptor().migrationLocation()
                        + "/" + resolvedScript(m, i), i.getAppliedChecksum(), i.getResolvedChecksum(), i.getDescription(), resolvedDescription(i)));
                ranks.add(i.getInstalledRank());
            }
        }
        if (acceptChangedScripts && !changed.isEmpty()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + history.qualifiedName()
                    + " SET checksum = ?, description = ?, script = ? WHERE installed_rank = ?")) {
                for (int n = 0; n < changed.size(); n++) {
                    RepairReport.ChangedScript s = changed.get(n);
                    if (s.releaseChecksum() == null) {
                        ps.setNull(1, java.sql.Types.INTEGER);
                    } else {
                        ps.setInt(1, s.releaseChecksum());
                    }
                    ps.setString(2, s.releaseDescription());
                    ps.setString(3, s.location().substring(s.location().lastIndexOf('/') + 1));
                    ps.setInt(4, ranks.get(n));
                    ps.executeUpdate();
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return new RepairReport.ModuleRepair(m.name(), failed, invalid, changed, acceptChangedScripts && !changed.isEmpty(), notInRelease);
    }

    /** The description of the release's script (public API; Flyway's own {@code MigrationInfo} knows both). */
    private static String resolvedDescription(MigrationInfo i) {
        String d = i.getResolvedDescription();
        return d != null ? d : i.getDescription();
    }

    /** The file name of the release's script for {@code i}'s version, read from the module's own files. */
    private static String resolvedScript(PlannedModule m, MigrationInfo i) {
        Version version = Version.parse(i.getVersion().getVersion());
        return ModuleScripts.of(m.descriptor()).migrations().stream().filter(s -> s.version().equals(version)).map(ScriptName::fileName)
                .findFirst().orElse(i.getScript());
    }
}
