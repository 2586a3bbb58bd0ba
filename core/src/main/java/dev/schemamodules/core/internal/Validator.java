package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.ReleaseHistory;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.api.VersionSkew;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.ValidateResult;

/**
 * Flyway's validation per module: checksums of applied scripts, failed or missing migrations; and a history
 * ahead of this release (migrations applied by a newer release), which this release cannot vouch for.
 */
public final class Validator {

    private Validator() {
    }

    public static List<ValidationResult> validate(Plan plan, DataSource dataSource) {
        return validate(plan, dataSource, ReleaseHistory.NONE);
    }

    public static List<ValidationResult> validate(Plan plan, DataSource dataSource, ReleaseHistory releases) {
        List<ValidationResult> results = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            results.add(ModuleWork.guard(m, () -> {
                var cfg = FlywayFactory.configure(m, dataSource, plan.seedEnvironment().isPresent())
                        .ignoreMigrationPatterns("repeatable:missing", "*:future", "*:pending");
                Flyway flyway = FlywayFactory.load(cfg);
                ValidateResult r = flyway.validateWithResult();
                List<String> errors = new ArrayList<>();
                if (r.invalidMigrations != null) {
                    r.invalidMigrations.stream().map(o -> FlywayMessages.validationError(m, FlywayMessages.scriptOf(o), o.errorDetails.errorMessage))
                            .forEach(errors::add);
                }
                Version ahead = null;
                for (MigrationInfo i : flyway.info().all()) {
                    if (i.getState() == MigrationState.FUTURE_SUCCESS || i.getState() == MigrationState.FUTURE_FAILED) {
                        Version v = Version.parse(i.getVersion().getVersion());
                        ahead = ahead == null || v.isAbove(ahead) ? v : ahead;
                    }
                }
                if (ahead != null) {
                    errors.add(new VersionSkew(m.name(), ahead.toString(), m.latestVersion().toString(), m.descriptor().version(),
                            releases.releaseThatReached(m.name(), ahead.toString())).describe()
                            + ": validate it with that release; migrate with this one leaves it as it is");
                }
                return new ValidationResult(m.name(), r.validationSuccessful && ahead == null, errors);
            }));
        }
        return results;
    }
}
