package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/** Maps Flyway's view of each module's history (states of applied and pending migrations) to {@link ModuleStatus}. */
public final class StatusReader {

    private StatusReader() {
    }

    public static List<ModuleStatus> status(Plan plan, DataSource dataSource) {
        List<ModuleStatus> result = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            result.add(ModuleWork.guard(m, () -> status(m, dataSource, plan.seedEnvironment().isPresent())));
        }
        return result;
    }

    private static ModuleStatus status(PlannedModule m, DataSource dataSource, boolean withSeeds) {
        Flyway flyway = FlywayFactory.create(m, dataSource, withSeeds);
        List<ModuleStatus.MigrationRef> applied = new ArrayList<>();
        List<ModuleStatus.MigrationRef> pending = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
        // one info(): each call resolves every script (reading and checksumming it) and reads the history again
        MigrationInfoService info = flyway.info();
        for (MigrationInfo i : info.all()) {
            MigrationState s = i.getState();
            ModuleStatus.MigrationRef ref = new ModuleStatus.MigrationRef(i.getVersion() == null ? null : i.getVersion().getVersion(),
                    i.getDescription(), i.getScript(), i.getType().name(), i.getInstalledOn() == null ? null : iso.format(i.getInstalledOn()));
            if (s == MigrationState.PENDING || s == MigrationState.OUTDATED) {
                pending.add(ref);
            } else if (s.isApplied() && "SCHEMA".equals(i.getType().name())) {
                continue;
            } else if (s == MigrationState.SUCCESS || s == MigrationState.BASELINE || s == MigrationState.SUPERSEDED
                    || s == MigrationState.OUT_OF_ORDER) {
                applied.add(ref);
            } else if (s.isFailed()) {
                problems.add(i.getScript() + " failed on " + ref.installedOn() + "; fix the database and remove its history row");
            } else if (s == MigrationState.MISSING_SUCCESS && i.getVersion() != null) {
                applied.add(ref);
                problems.add(i.getScript() + " is applied but not in the module jar (" + m.descriptor().origin() + ")");
            } else if (s == MigrationState.FUTURE_SUCCESS) {
                applied.add(ref);
            } else if (s == MigrationState.MISSING_SUCCESS) {
                continue;
            }
            if (s.isApplied() && s.isResolved() && i.getVersion() != null && !i.isChecksumMatching()) {
                problems.add(i.getScript() + " was changed after it was applied (checksum " + i.getAppliedChecksum() + " in history, "
                        + i.getResolvedChecksum() + " now)");
            }
        }
        MigrationInfo current = info.current();
        Optional<String> installed = Optional.ofNullable(current).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion)
                .filter(v -> !"0".equals(v) || !applied.isEmpty());
        return new ModuleStatus(m.name(), m.descriptor().version(), m.schemas(), installed, m.latestVersion().toString(), applied, pending, problems);
    }
}
