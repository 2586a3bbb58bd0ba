package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.DryRunReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * The exact SQL migrate would run: pending versioned scripts and new or changed seed scripts, per
 * module in plan order, with placeholders resolved. Reads the history tables; writes nothing.
 */
public final class DryRunner {

    private DryRunner() {
    }

    /** The dry run of {@code plan} as the connected user of {@code dataSource} would run it. Reads only. */
    public static DryRunReport dryRun(Plan plan, DataSource dataSource) {
        return ModuleWork.withConnection(dataSource, plan.modules().get(0),
                c -> dryRun(plan, dataSource, c.getMetaData().getUserName(), c.getCatalog()));
    }

    static DryRunReport dryRun(Plan plan, DataSource dataSource, String databaseUser, String databaseName) {
        List<DryRunReport.ModuleScripts> modules = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            Flyway flyway = FlywayFactory.create(m, dataSource, true);
            List<DryRunReport.Script> scripts = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            boolean history;
            try (Connection c = dataSource.getConnection()) {
                for (String schema : m.schemas()) {
                    try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
                        ps.setString(1, schema);
                        try (ResultSet rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                missing.add(schema);
                            }
                        }
                    }
                }
                history = new HistoryTable(m.primarySchema()).exists(c);
            } catch (SQLException e) {
                throw ModuleWork.failure(m, e);
            }
            for (MigrationInfo info : flyway.info().all()) {
                if (info.getState() != MigrationState.PENDING && info.getState() != MigrationState.OUTDATED) {
                    continue;
                }
                String location = locate(m, info);
                String raw = Resources.read(m.descriptor(), location, info.getScript());
                Map<String, String> placeholders = FlywayFactory.placeholders(m, info.getScript());
                placeholders.put("flyway:user", databaseUser);
                placeholders.put("flyway:database", databaseName);
                try {
                    scripts.add(new DryRunReport.Script(info.getVersion() == null ? null : info.getVersion().getVersion(), info.getScript(),
                            ScriptRunner.resolve(info.getScript(), raw, placeholders), info.getDescription(), info.getChecksum(), TransactionalScripts.canRunInTransaction(raw)));
                } catch (ScriptRunner.ScriptFailure e) {
                    throw new MigrationException(m.name(), "module " + m.name() + ": " + e.getMessage());
                }
            }
            modules.add(new DryRunReport.ModuleScripts(m.name(), m.schemas(), missing, history, scripts));
        }
        return new DryRunReport(modules);
    }

    private static String locate(PlannedModule m, MigrationInfo info) {
        if (info.getVersion() != null) {
            return m.descriptor().migrationLocation();
        }
        for (String seed : m.seedLocations()) {
            if (Resources.list(m.descriptor(), seed).contains(info.getScript())) {
                return seed;
            }
        }
        throw new MigrationException(m.name(), "module " + m.name() + ": cannot find " + info.getScript() + " in " + m.seedLocations());
    }
}
