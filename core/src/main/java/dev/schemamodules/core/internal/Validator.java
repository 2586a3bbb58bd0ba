package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.ReleaseHistory;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.api.VersionSkew;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                // info() and Flyway's validate each resolve every script (reading and checksumming it) and read the
                // history: one is enough when every row is one validate accepts with these patterns (the common case);
                // otherwise Flyway's validate names what is wrong, in its words
                MigrationInfo[] all = flyway.info().all();
                List<String> errors = new ArrayList<>();
                boolean valid = true;
                Map<Version, ScriptName> scripts = ModuleScripts.migrationsByVersion(m.descriptor());
                if (!Arrays.stream(all).allMatch(i -> accepted(i, scripts))) {
                    ValidateResult r = flyway.validateWithResult();
                    valid = r.validationSuccessful;
                    if (r.invalidMigrations != null) {
                        r.invalidMigrations.stream().map(o -> FlywayMessages.validationError(m, FlywayMessages.scriptOf(o), o.errorDetails.errorMessage))
                                .forEach(errors::add);
                    }
                }
                Version ahead = null;
                for (MigrationInfo i : all) {
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
                return new ValidationResult(m.name(), valid && ahead == null, errors);
            }));
        }
        return results;
    }

    /**
     * Whether Flyway's validate, ignoring missing repeatables, future and pending migrations (as {@link #validate} asks),
     * accepts {@code i} as it is: pending, applied as it is now (same checksum; a versioned SQL migration also under the
     * description its file name gives now: {@link MigrationInfo#isDescriptionMatching()} cannot tell, Flyway's
     * implementation does not give it the applied description), a baseline, an older application of a seed since
     * re-applied, a migration of a newer release (reported apart), a seed no longer in the release or Flyway's
     * schema-creation row. Anything else goes to Flyway's validate.
     *
     * @param scripts version -> the module's migration script now ({@link ModuleScripts#migrationsByVersion})
     */
    static boolean accepted(MigrationInfo i, Map<Version, ScriptName> scripts) {
        return switch (i.getState()) {
            case PENDING, BASELINE, SUPERSEDED, FUTURE_SUCCESS -> true;
            case SUCCESS -> i.isChecksumMatching() && (i.getVersion() == null || describedAsNow(i, scripts));
            case MISSING_SUCCESS -> i.getVersion() == null || "SCHEMA".equals(i.getType().name());
            default -> false;
        };
    }

    /**
     * Whether the applied versioned migration {@code i} is a SQL migration recorded under the description its script's
     * file name gives now ({@code V3__add_x.sql}: "add x"), as Flyway's validate compares them; a description longer than
     * Flyway stores whole (200 characters) is left to Flyway.
     */
    static boolean describedAsNow(MigrationInfo i, Map<Version, ScriptName> scripts) {
        ScriptName now = scripts.get(Version.parse(i.getVersion().getVersion()));
        return "SQL".equals(i.getType().name()) && now != null && now.flywayDescription().length() <= 200 && now.flywayDescription().equals(i.getDescription());
    }

    /**
     * The script of this release that the applied versioned SQL migration {@code i} was renamed to: same version,
     * another description than the one in the history (Flyway's validate refuses it: "description mismatch"). Empty
     * when it was not, or when that cannot be told here.
     */
    static Optional<ScriptName> renamed(MigrationInfo i, Map<Version, ScriptName> scripts) {
        if (i.getVersion() == null || !"SQL".equals(i.getType().name())) {
            return Optional.empty();
        }
        ScriptName now = scripts.get(Version.parse(i.getVersion().getVersion()));
        return now == null || now.flywayDescription().length() > 200 || now.flywayDescription().equals(i.getDescription()) ? Optional.empty()
                : Optional.of(now);
    }
}
