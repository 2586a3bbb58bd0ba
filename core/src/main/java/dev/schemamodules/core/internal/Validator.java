package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.ValidateResult;

/** Flyway's validation per module: checksums of applied scripts, failed or missing migrations. */
public final class Validator {

    private Validator() {
    }

    public static List<ValidationResult> validate(Plan plan, DataSource dataSource) {
        List<ValidationResult> results = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            results.add(ModuleWork.guard(m, () -> {
                var cfg = FlywayFactory.configure(m, dataSource, plan.seedEnvironment().isPresent())
                        .ignoreMigrationPatterns("repeatable:missing", "*:future", "*:pending");
                ValidateResult r = FlywayFactory.load(cfg).validateWithResult();
                List<String> errors = r.invalidMigrations == null ? List.of()
                        : r.invalidMigrations.stream().map(o -> FlywayMessages.validationError(m, FlywayMessages.scriptOf(o), o.errorDetails.errorMessage)).toList();
                return new ValidationResult(m.name(), r.validationSuccessful, errors);
            }));
        }
        return results;
    }
}
