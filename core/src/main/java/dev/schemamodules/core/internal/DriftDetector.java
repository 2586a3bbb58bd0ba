package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.DriftReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.ScratchDatabase;
import dev.schemamodules.core.api.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * Rebuilds, in a scratch database, what each installed module's applied migrations produce (every
 * module of the plan migrated to its installed version, dependencies first) and compares catalogs.
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    /**
     * The drift of every installed module of {@code plan}.
     *
     * @throws MigrationException when the live database cannot be read or the scratch cannot be built
     */
    public static DriftReport detect(Plan plan, DataSource live, ScratchDatabase scratch) {
        try {
            return compare(plan, live, scratch);
        } catch (SQLException e) {
            throw new MigrationException(null, "drift check failed: " + ScriptRunner.describe(e), e);
        } catch (FlywayException e) {
            throw new MigrationException(null, "drift check failed rebuilding the expected catalog in " + scratch.description() + ": "
                    + FlywayMessages.clean(null, e.getMessage()), e);
        }
    }

    private static DriftReport compare(Plan plan, DataSource live, ScratchDatabase scratch) throws SQLException {
        List<DriftReport.ModuleDrift> result = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            Optional<Version> installed;
            try (Connection c = live.getConnection()) {
                installed = new HistoryTable(m.primarySchema()).installedVersion(c);
            }
            if (installed.isEmpty()) {
                continue;
            }
            List<String> seeds;
            try (Connection c = live.getConnection()) {
                seeds = appliedSeedLocations(c, m);
            }
            // seed scripts the live database ran can create objects too: the scratch runs them as well
            var configuration = FlywayFactory.configure(m, scratch.dataSource(), seeds).target(installed.get().toString());
            FlywayFactory.load(configuration).migrate();
            CatalogSnapshot expected;
            CatalogSnapshot actual;
            try (Connection s = scratch.dataSource().getConnection(); Connection c = live.getConnection()) {
                expected = CatalogSnapshot.of(s, m.schemas());
                actual = CatalogSnapshot.of(c, m.schemas());
            }
            result.add(new DriftReport.ModuleDrift(m.name(), installed.get().toString(), diff(expected.objects(), actual.objects())));
        }
        return new DriftReport(result);
    }

    /** The seed folders (common, dev, ...) holding the seed scripts recorded as applied in the live history. */
    static List<String> appliedSeedLocations(Connection c, PlannedModule m) throws SQLException {
        HistoryTable history = new HistoryTable(m.primarySchema());
        if (!history.exists(c)) {
            return List.of();
        }
        java.util.Set<String> applied = new java.util.HashSet<>();
        try (var ps = c.prepareStatement("SELECT script FROM " + history.qualifiedName() + " WHERE version IS NULL AND type = 'SQL' AND success");
             var rs = ps.executeQuery()) {
            while (rs.next()) {
                applied.add(rs.getString(1));
            }
        }
        if (applied.isEmpty()) {
            return List.of();
        }
        List<String> locations = new ArrayList<>();
        for (String env : Resources.listDirectories(m.descriptor(), m.descriptor().resourceRoot() + "/seed")) {
            String location = m.descriptor().seedLocation(env);
            if (Resources.list(m.descriptor(), location).stream().anyMatch(applied::contains)) {
                locations.add(location);
            }
        }
        return locations;
    }

    static List<DriftReport.Difference> diff(Map<String, String> expected, Map<String, String> actual) {
        List<DriftReport.Difference> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        for (String k : keys) {
            String e = expected.get(k);
            String a = actual.get(k);
            if (a == null) {
                out.add(new DriftReport.Difference("missing", k, e, null));
            } else if (e == null) {
                out.add(new DriftReport.Difference("extra", k, null, a));
            } else if (!e.equals(a)) {
                out.add(new DriftReport.Difference("changed", k, e, a));
            }
        }
        return out;
    }
}
