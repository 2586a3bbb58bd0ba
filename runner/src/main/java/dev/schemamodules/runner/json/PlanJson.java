package dev.schemamodules.runner.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.PreflightReport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code plan --json}: the modules in apply order and, unless {@code --offline}, what each would apply and the preflight.
 *
 * @param seed      the {@code --seed} environment, {@code null} without one
 * @param modules   in apply order, dependencies first
 * @param preflight the checks {@code migrate} runs before changing anything; absent with {@code --offline}
 */
public record PlanJson(String seed, List<Module> modules, @JsonInclude(JsonInclude.Include.NON_NULL) Preflight preflight) {

    /**
     * One module.
     *
     * @param version       the module release
     * @param requested     false when it is only pulled in as a dependency
     * @param latestVersion the schema version this release reaches
     * @param status        what the database has ({@code installedVersion}, {@code pending}, {@code problems}); absent with {@code --offline}
     */
    public record Module(String name, String version, List<String> schemas, List<Requirement> requires, boolean requested, String latestVersion,
                         @JsonUnwrapped Status status) {
    }

    /** A declared dependency: {@code module>=minimumVersion}. */
    public record Requirement(String module, String minimumVersion) {
    }

    /** The database's side of a module (only when the plan connected). */
    public record Status(String installedVersion, List<MigrationJson> pending, List<String> problems) {
    }

    /**
     * @param ok whether {@code migrate} would start; {@code problems} say why not, {@code notes} what it will do on its own,
     *           {@code ahead} the modules whose database is ahead of this runner, which it would skip
     */
    public record Preflight(boolean ok, List<String> problems, List<String> notes, List<SkewJson> ahead) {
    }

    /** @param statuses one per planned module, in plan order; null when offline (as is {@code preflight}) */
    public static PlanJson of(Plan plan, List<ModuleStatus> statuses, PreflightReport preflight) {
        List<Module> modules = new ArrayList<>();
        for (int i = 0; i < plan.modules().size(); i++) {
            PlannedModule m = plan.modules().get(i);
            Status status = null;
            if (statuses != null) {
                ModuleStatus s = statuses.get(i);
                status = new Status(s.installedVersion().orElse(null), s.pending().stream().map(MigrationJson::of).toList(), s.problems());
            }
            modules.add(new Module(m.name(), m.descriptor().version(), m.schemas(),
                    m.descriptor().requires().stream().map(r -> new Requirement(r.module(), r.minimumVersion().toString())).toList(),
                    m.requested(), m.latestVersion().toString(), status));
        }
        return new PlanJson(plan.seedEnvironment().orElse(null), modules,
                preflight == null ? null : new Preflight(preflight.ok(), preflight.problems(), preflight.notes(),
                        preflight.ahead().stream().map(SkewJson::of).toList()));
    }
}
