package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/**
 * Adopts a database that already holds a module's objects (created by the application's own scripts)
 * at an explicit version: no default version, so Flyway's {@code baselineVersion=1} trap (the baseline
 * swallowing V1 of a module whose V1 has not really been applied; flyway issues 2735, 3184) cannot
 * happen. Before the baseline row is written, the verify scripts of every version up to it must pass
 * against the existing objects.
 */
public final class Baseliner {

    private Baseliner() {
    }

    /**
     * Writes the baseline row of {@code m} at {@code version}, after the checks above.
     *
     * @throws MigrationException naming the module when a check fails or the database cannot be written
     */
    public static void baseline(Plan plan, PlannedModule m, Version version, boolean verify, DataSource dataSource, EngineOptions options,
                                MigrationListener listener) {
        try (LockWatcher watcher = new LockWatcher(dataSource)) {
            adopt(plan, m, version, verify, dataSource, options, watcher, listener);
        } catch (SQLException e) {
            throw new MigrationException(m.name(), "module " + m.name() + ": baseline failed: " + ScriptRunner.describe(e), e);
        } catch (FlywayException e) {
            throw new MigrationException(m.name(), "module " + m.name() + ": baseline failed: " + FlywayMessages.clean(m, e.getMessage()), e);
        }
    }

    private static void adopt(Plan plan, PlannedModule m, Version version, boolean verify, DataSource dataSource, EngineOptions options,
                              LockWatcher watcher, MigrationListener listener) throws SQLException {
        ModuleScripts scripts = ModuleScripts.of(m.descriptor());
        boolean known = version.toString().equals("0") || scripts.migrations().stream().anyMatch(s -> s.version().equals(version));
        if (!known) {
            throw new MigrationException(m.name(), "module " + m.name() + " has no migration V" + version + "; baseline at one of "
                    + scripts.migrations().stream().map(s -> s.version().toString()).toList() + " (the version the existing objects correspond to)");
        }
        try (Connection c = dataSource.getConnection()) {
            HistoryTable history = new HistoryTable(m.primarySchema());
            if (history.exists(c) && !history.appliedMigrations(c).isEmpty()) {
                throw new MigrationException(m.name(), "module " + m.name() + " already has migration history in " + history.qualifiedName()
                        + "; baseline is only for a database whose objects were created outside this tool");
            }
            for (Requirement r : m.descriptor().requires()) {
                PlannedModule dep = plan.module(r.module()).orElseThrow();
                Optional<Version> installed = new HistoryTable(dep.primarySchema()).installedVersion(c);
                if (installed.isEmpty() || installed.get().compareTo(r.minimumVersion()) < 0) {
                    throw new MigrationException(m.name(), "module " + m.name() + " requires " + r + " but " + r.module() + " is at "
                            + installed.map(Version::toString).orElse("nothing") + " in this database; migrate or baseline it first");
                }
            }
            if (verify) {
                List<String> failures = new ArrayList<>();
                for (ScriptName s : scripts.migrations()) {
                    if (s.version().compareTo(version) > 0) {
                        break;
                    }
                    Optional<ScriptName> v = scripts.verifyFor(s.version());
                    if (v.isPresent()) {
                        VerifyResult r = VerifyRunner.run(c, m, scripts, v.get(), options, watcher, listener);
                        if (!r.passed()) {
                            failures.add(r.script() + ": " + r.failure().orElse(""));
                        }
                    }
                }
                if (!failures.isEmpty()) {
                    throw new MigrationException(m.name(), "module " + m.name() + ": the existing objects do not match V" + version
                            + "; nothing was written. Failed verify scripts:\n  " + String.join("\n  ", failures));
                }
            }
        }
        FlywayFactory.load(FlywayFactory.configure(m, dataSource, false).baselineVersion(version.toString())
                .baselineDescription("baseline: existing objects adopted at V" + version)).baseline();
    }
}
