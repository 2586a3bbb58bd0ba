package dev.schemamodules.medication;

import static dev.schemamodules.medication.MedicationFixtures.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.testing.ModuleCycle;
import dev.schemamodules.testing.ModuleFiles;
import dev.schemamodules.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** migrate -> verify -> undo all -> empty -> migrate again, and every undo step on its own. */
class MedicationCycleTest {

    @Test
    void full_cycle_migrate_verify_undo_all_empty_migrate_again() throws Exception {
        ModuleCycle.Result result = ModuleCycle.assertFullCycle("medication");
        assertThat(result.migrationsUndone()).as("every medication migration undone, one step at a time").isEqualTo(ModuleFiles.migrationCount("medication"));
        assertThat(result.verification()).as("verify scripts run after migrate").hasSize(ModuleFiles.migrationCount("medication")).allMatch(VerifyResult::passed);
    }

    @Test
    void each_undo_step_reverts_exactly_its_migration_and_the_rest_still_verifies() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("medication"), "")) {
            int[][] expected = {
                // version, tables, enum types, functions, indexes
                {4, 11, 13, 0, 49},
                {3, 6, 13, 0, 30},
                {2, 2, 13, 0, 14},
                {1, 0, 13, 0, 0},
                {0, 0, 0, 0, 0},
            };
            for (int[] step : expected) {
                db.engine().undo(db.plan(), "medication", Version.parse(String.valueOf(step[0])), false, MigrationListener.NONE);
                assertThat(db.catalog(S).tables()).as("tables after undo to V%s", step[0]).hasSize(step[1]);
                assertThat(db.catalog(S).enums()).as("enum types after undo to V%s", step[0]).hasSize(step[2]);
                assertThat(db.catalog(S).functions()).as("functions after undo to V%s", step[0]).hasSize(step[3]);
                assertThat(db.catalog(S).indexes(null)).as("indexes after undo to V%s", step[0]).hasSize(step[4]);
                List<VerifyResult> verified = db.engine().verify(db.plan(), MigrationListener.NONE);
                assertThat(verified).as("verify scripts of the migrations still applied at V%s", step[0]).hasSize(step[0])
                        .allSatisfy(v -> assertThat(v.passed()).as("%s: %s", v.script(), v.failure().orElse("")).isTrue());
            }
            assertThat(db.catalog(S).remainingObjects()).as("objects left after undoing every step").isEmpty();
        }
    }

    @Test
    void undo_of_v5_leaves_the_application_init_schema_without_defaults_checks_or_triggers() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("medication"), "")) {
            db.engine().undo(db.plan(), "medication", Version.parse("4"), false, MigrationListener.NONE);
            assertThat(db.catalog(S).column("users", "id").orElseThrow().defaultExpression()).as("users.id default after U5").isNull();
            assertThat(db.catalog(S).column("users", "updatedAt").orElseThrow().defaultExpression()).as("users.updatedAt default after U5").isNull();
            assertThat(db.catalog(S).constraints(null).stream().filter(k -> k.type().equals("c"))).as("CHECKs after U5").isEmpty();
            assertThat(db.catalog(S).triggers("users")).as("triggers after U5").isEmpty();
            assertThat(db.catalog(S).tableComment("users")).as("comments after U5").isEmpty();
            assertThat(db.catalog(S).foreignKeys(null)).as("foreign keys after U5").hasSize(16);

            db.engine().migrate(db.plan(), MigrationListener.NONE);
            assertThat(db.catalog(S).column("users", "id").orElseThrow().defaultExpression()).as("users.id default after V5 again")
                    .isEqualTo("gen_random_uuid()");
        }
    }

    @Test
    void undoing_a_seeded_database_leaves_the_schema_empty() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("medication"), "dev")) {
            assertThat(db.count("SELECT count(*) FROM " + S + ".users")).as("seeded users").isEqualTo(11);
            db.engine().undo(db.plan(), "medication", Version.parse("0"), false, MigrationListener.NONE);
            assertThat(db.catalog(S).remainingObjects()).as("objects left, including the seed's reference table").isEmpty();
        }
    }

    @Test
    void module_deploys_seeds_verifies_and_undoes_in_public_when_the_schema_is_overridden() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = Planner.plan(ModuleRegistry.discover(Thread.currentThread().getContextClassLoader()),
                    PlanRequest.of("medication").withSchemaOverrides(Map.of("medication", "public")).withSeed("dev"));
            db.engine().migrate(plan, MigrationListener.NONE);

            assertThat(db.catalog("public").tables()).as("tables in public (11 + the seed's tier table)").hasSize(12);
            assertThat(db.count("SELECT count(*) FROM public.users")).as("demo users in public").isEqualTo(11);
            assertThat(db.catalog("public").foreignKeys(null)).as("foreign keys, all within public").hasSize(16)
                    .allSatisfy(f -> assertThat(f.referencedSchema()).isEqualTo("public"));
            assertThat(db.engine().verify(plan, MigrationListener.NONE)).as("verify scripts against public").hasSize(ModuleFiles.migrationCount("medication"))
                    .allSatisfy(v -> assertThat(v.passed()).as("%s: %s", v.script(), v.failure().orElse("")).isTrue());
            assertThat(db.column("SELECT nspname FROM pg_namespace WHERE nspname = ?", S)).as("no schema named %s", S).isEmpty();

            db.engine().undo(plan, "medication", Version.parse("0"), false, MigrationListener.NONE);
            assertThat(db.catalog("public").remainingObjects()).as("objects left in public after undo").isEmpty();
        }
    }
}
