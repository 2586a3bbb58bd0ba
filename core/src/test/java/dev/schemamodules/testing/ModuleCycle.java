package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.internal.CatalogSnapshot;
import dev.schemamodules.core.internal.ModuleScripts;
import dev.schemamodules.core.internal.ScriptName;
import java.sql.Connection;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The full cycle every module proves: migrate (with its dependencies) into an empty database, every
 * verify script uses the shared pg_temp.verify_* helpers and passes, undo all of the module's migrations, its schemas are empty, migrate again,
 * and the catalog is identical to the first time.
 */
public final class ModuleCycle {

    private ModuleCycle() {
    }

    /** What the cycle saw, for further assertions. */
    public record Result(CatalogSnapshot first, CatalogSnapshot second, List<VerifyResult> verification, int migrationsUndone) {
    }

    public static Result assertFullCycle(String module) throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = TemplateDatabases.plan(List.of(module), "");
            PlannedModule m = plan.module(module).orElseThrow();

            ModuleScripts scripts = ModuleScripts.of(m.descriptor());
            for (ScriptName migration : scripts.migrations()) {
                scripts.verifyFor(migration.version()).ifPresent(verify -> assertThat(scripts.readVerify(verify))
                        .as("%s verify/%s uses the shared pg_temp.verify_* helpers (docs/architecture.md)", module, verify.fileName())
                        .contains("pg_temp.verify_"));
            }

            db.engine().migrate(plan, MigrationListener.NONE);
            List<VerifyResult> verification = db.engine().verify(plan, MigrationListener.NONE);
            assertThat(verification).as("verify results of %s", module).isNotEmpty().allSatisfy(v -> assertThat(v.passed())
                    .as("%s %s: %s", v.module(), v.script(), v.failure().orElse("")).isTrue());
            CatalogSnapshot first = snapshot(db, m);
            assertThat(first.isEmpty()).as("catalog of %s after migrate", module).isFalse();

            int undone = db.engine().undo(plan, module, MigrationVersion.fromVersion("0"), false, MigrationListener.NONE).size();
            assertThat(undone).as("migrations of %s undone", module).isEqualTo(ModuleScripts.of(m.descriptor()).migrations().size());
            for (String schema : m.schemas()) {
                assertThat(db.catalog(schema).remainingObjects()).as("objects left in schema %s after undoing all of %s", schema, module).isEmpty();
            }

            db.engine().migrate(plan, MigrationListener.NONE);
            CatalogSnapshot second = snapshot(db, m);
            assertThat(second.objects()).as("catalog of %s after undo all and migrate again", module).isEqualTo(first.objects());
            return new Result(first, second, verification, undone);
        }
    }

    private static CatalogSnapshot snapshot(TestDatabase db, PlannedModule m) throws Exception {
        try (Connection c = db.connection()) {
            return CatalogSnapshot.of(c, m.schemas());
        }
    }
}
