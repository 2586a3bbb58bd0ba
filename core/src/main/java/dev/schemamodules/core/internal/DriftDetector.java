package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.DriftReport;
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

/**
 * Rebuilds, in a scratch database, what each installed module's applied migrations produce (every
 * module of the plan migrated to its installed version, dependencies first) and compares catalogs.
 */
public final class DriftDetector {

    private DriftDetector() {
    }

    public static DriftReport detect(Plan plan, DataSource live, ScratchDatabase scratch) throws SQLException {
        List<DriftReport.ModuleDrift> result = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            Optional<Version> installed;
            try (Connection c = live.getConnection()) {
                installed = new HistoryTable(m.primarySchema()).installedVersion(c);
            }
            if (installed.isEmpty()) {
                continue;
            }
            FlywayFactory.load(FlywayFactory.configure(m, scratch.dataSource(), false).target(installed.get().toString())).migrate();
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
