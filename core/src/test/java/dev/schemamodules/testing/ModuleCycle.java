package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.internal.CatalogSnapshot;
import dev.schemamodules.core.internal.ModuleScripts;
import dev.schemamodules.core.internal.ScriptName;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cycle every module proves: its dependencies are migrated, then the module one migration at a time
 * (the catalog recorded before each), every verify script uses the shared pg_temp.verify_* helpers and
 * passes, every undo step is checked on its own (the catalog after {@code U<n>} equals the catalog before
 * {@code V<n>}, for every n, newest first; a mismatch names the undo script and prints a unified diff),
 * the module's schemas are empty after the last undo, and migrating again gives the identical catalog.
 */
public final class ModuleCycle {

    private ModuleCycle() {
    }

    /**
     * What the cycle saw, for further assertions: the module's catalog objects (key such as
     * {@code table therapy.users}, then its definition; see {@link CatalogText}) after the first migrate and
     * after undo all and migrate again, the verify results and the number of undo steps.
     */
    public record Result(Map<String, String> first, Map<String, String> second, List<VerifyResult> verification, int migrationsUndone) {
    }

    /** The cycle for a module on the test class path. */
    public static Result assertFullCycle(String module) throws Exception {
        return assertFullCycle(module, Thread.currentThread().getContextClassLoader());
    }

    /** The cycle for a module found through {@code loader} (e.g. a jar built by {@link ModuleJarBuilder}). */
    public static Result assertFullCycle(String module, ClassLoader loader) throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            ModuleRegistry registry = ModuleRegistry.discover(loader);
            Plan plan = Planner.plan(registry, PlanRequest.of(module));
            PlannedModule m = plan.module(module).orElseThrow();
            ModuleScripts scripts = ModuleScripts.of(m.descriptor());
            List<ScriptName> migrations = scripts.migrations();
            assertThat(migrations).as("migrations of %s", module).isNotEmpty();
            for (ScriptName migration : migrations) {
                scripts.verifyFor(migration.version()).ifPresent(verify -> assertThat(scripts.readVerify(verify))
                        .as("%s verify/%s uses the shared pg_temp.verify_* helpers (docs/architecture.md)", module, verify.fileName())
                        .contains("pg_temp.verify_"));
            }

            List<String> dependencies = plan.modules().stream().map(PlannedModule::name).filter(n -> !n.equals(module)).toList();
            if (!dependencies.isEmpty()) {
                db.engine().migrate(Planner.plan(registry, PlanRequest.of(dependencies.toArray(String[]::new))), MigrationListener.NONE);
            }
            Map<Version, CatalogSnapshot> before = new LinkedHashMap<>();
            for (ScriptName migration : migrations) {
                before.put(migration.version(), snapshot(db, m));
                PartialMigration.migrateTo(m, db.dataSource(), migration.version().toString());
            }
            assertThat(db.engine().migrate(plan, MigrationListener.NONE).migrationsApplied())
                    .as("%s: nothing pending after applying its migrations one at a time", module).isZero();

            List<VerifyResult> verification = db.engine().verify(plan, MigrationListener.NONE);
            assertThat(verification).as("verify results of %s", module).isNotEmpty().allSatisfy(v -> assertThat(v.passed())
                    .as("%s %s: %s", v.module(), v.script(), v.failure().orElse("")).isTrue());
            CatalogSnapshot first = snapshot(db, m);
            assertThat(first.isEmpty()).as("catalog of %s after migrate", module).isFalse();

            int undone = 0;
            for (int i = migrations.size() - 1; i >= 0; i--) {
                Version version = migrations.get(i).version();
                Version target = i == 0 ? Version.parse("0") : migrations.get(i - 1).version();
                String undo = scripts.undoFor(version).map(u -> "undo/" + u.fileName()).orElse("(no undo script)");
                assertThat(db.engine().undo(plan, module, target, false, MigrationListener.NONE)).as("%s %s undoes one migration", module, undo).hasSize(1);
                undone++;
                String expected = CatalogText.render(before.get(version));
                String actual = CatalogText.render(snapshot(db, m));
                if (!expected.equals(actual)) {
                    throw new AssertionError(module + " U" + version + " (" + undo + ") does not restore the catalog as it was before V" + version
                            + ":\n" + CatalogText.diff("before V" + version, expected, "after U" + version, actual));
                }
            }
            for (String schema : m.schemas()) {
                assertThat(db.catalog(schema).remainingObjects()).as("objects left in schema %s after undoing all of %s", schema, module).isEmpty();
            }

            db.engine().migrate(plan, MigrationListener.NONE);
            CatalogSnapshot second = snapshot(db, m);
            if (!CatalogText.render(second).equals(CatalogText.render(first))) {
                throw new AssertionError("catalog of " + module + " after undo all and migrate again differs:\n"
                        + CatalogText.diff("first migrate", CatalogText.render(first), "migrate again", CatalogText.render(second)));
            }
            return new Result(first.objects(), second.objects(), verification, undone);
        }
    }
    private static CatalogSnapshot snapshot(TestDatabase db, PlannedModule m) throws Exception {
        try (Connection c = db.connection()) {
            return CatalogSnapshot.of(c, m.schemas());
        }
    }
}
