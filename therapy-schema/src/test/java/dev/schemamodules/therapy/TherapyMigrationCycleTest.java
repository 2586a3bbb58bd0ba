package dev.schemamodules.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.testing.CatalogText;
import dev.schemamodules.testing.ModuleCycle;
import dev.schemamodules.testing.ModuleFiles;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The module's life cycle: phases, verify scripts, undo, re-run, adoption pitfalls, the document's verification query. */
@SchemaTest(modules = "therapy")
class TherapyMigrationCycleTest {

    /** The document's eight phases: the tables V1..V8 create (later migrations are not phases of the document). */
    static final List<List<String>> PHASES = List.of(
            List.of("admins", "organizations", "users", "auth_credentials"),
            List.of("partners", "password_reset_tokens"),
            List.of("appointments", "video_sessions"),
            List.of("questionnaires", "questionnaire_questions", "questionnaire_answer_options"),
            List.of("user_partner_assignments", "user_questionnaire_assignments"),
            List.of("therapy_sessions"),
            List.of("user_questionnaire_responses", "user_questionnaire_text_responses", "session_questionnaire_assignments"),
            List.of("shared_charts"));

    /** The migration files of the document's phases, V1..V8, read from the module (names are not repeated here). */
    private static List<String> phaseFiles() {
        return ModuleFiles.migrationFiles("therapy").subList(0, PHASES.size());
    }

    private static List<String> tablesUpTo(int phase) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < phase; i++) {
            out.addAll(PHASES.get(i));
        }
        return out;
    }

    private static String resource(String path) throws IOException {
        try (InputStream in = TherapyMigrationCycleTest.class.getClassLoader().getResourceAsStream(path)) {
            assertThat(in).as("resource %s", path).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The SQL without "--" comments, so words in explanations do not count. */
    private static String code(String sql) {
        return sql.replaceAll("(?m)--.*$", "");
    }

    private static List<String> matches(String text, String regex) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile(regex, Pattern.CASE_INSENSITIVE).matcher(text);
        while (m.find()) {
            out.add(m.group(1).toLowerCase());
        }
        return out;
    }

    @Test
    void full_cycle_migrate_verify_undo_all_migrate_gives_identical_catalog() throws Exception {
        ModuleCycle.Result r = ModuleCycle.assertFullCycle("therapy");
        assertThat(r.migrationsUndone()).as("every undo step, newest first").isEqualTo(ModuleFiles.migrationCount("therapy"));
        assertThat(r.verification().stream().filter(v -> v.module().equals("therapy")).map(VerifyResult::version).toList())
                .as("one verify script per migration").containsExactlyElementsOf(ModuleFiles.versions("therapy"));
        assertThat(r.first().keySet().stream().filter(k -> k.startsWith("table therapy.")).toList())
                .as("the document's 18 tables in the first catalog").containsAll(tablesUpTo(PHASES.size()).stream().map(t -> "table therapy." + t).toList());
    }

    @Test
    void after_each_migration_the_schema_holds_exactly_the_tables_of_the_phases_so_far() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("therapy"), "")) {
            Plan plan = db.plan();
            List<String> after = db.catalog("therapy").tables();
            // migrations after the document's phases are undone first; the phases are checked from V8 down
            db.engine().undo(plan, "therapy", Version.parse(String.valueOf(PHASES.size())), false, MigrationListener.NONE);
            for (int n = PHASES.size(); n >= 1; n--) {
                assertThat(db.catalog("therapy").tables()).as("tables after V%d", n).containsExactlyInAnyOrderElementsOf(tablesUpTo(n));
                assertThat(db.catalog("therapy").functions()).as("functions after V%d", n).hasSize(n >= 4 ? 1 : 0);
                List<VerifyResult> verification = db.engine().verify(plan, MigrationListener.NONE);
                assertThat(verification).as("verify scripts after V%d", n).allSatisfy(v -> assertThat(v.passed())
                        .as("%s %s: %s", v.module(), v.script(), v.failure().orElse("")).isTrue());
                assertThat(verification.stream().filter(v -> v.module().equals("therapy"))).as("one verify per applied migration").hasSize(n);
                List<?> undone = db.engine().undo(plan, "therapy", Version.parse(String.valueOf(n - 1)), false, MigrationListener.NONE);
                assertThat(undone).as("U%d alone", n).hasSize(1);
            }
            assertThat(db.catalog("therapy").remainingObjects()).as("no table, sequence or function left after U1").isEmpty();
            MigrateReport again = db.engine().migrate(plan, MigrationListener.NONE);
            assertThat(again.migrationsApplied()).as("every migration applied again").isEqualTo(ModuleFiles.migrationCount("therapy"));
            assertThat(db.catalog("therapy").tables()).as("the same tables again").isEqualTo(after);
        }
    }

    @Test
    void document_verification_query_on_the_module_schema_returns_exactly_the_18_names(TestDatabase db) throws Exception {
        List<String> names = db.column("""
                SELECT table_name
                FROM information_schema.tables
                WHERE table_schema = 'therapy'
                AND table_type = 'BASE TABLE'
                AND table_name <> 'flyway_schema_history'
                ORDER BY table_name
                """);
        assertThat(names).as("the document's 18 tables, sorted").hasSize(18)
                .isSorted().containsExactlyInAnyOrderElementsOf(tablesUpTo(PHASES.size()));
        assertThat(db.catalog("therapy").baseTables()).as("Catalog.baseTables agrees").isEqualTo(names);
    }

    @Test
    void verification_ignores_same_named_tables_in_other_schemas() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("therapy"), "")) {
            db.execute("""
                    CREATE SCHEMA lookalike;
                    CREATE TABLE lookalike.users (id uuid PRIMARY KEY, extra text, more text);
                    CREATE TABLE lookalike.admins (id bigint);
                    """);
            assertThat(db.engine().verify(db.plan(), MigrationListener.NONE)).as("verify scripts look only at the module's schema")
                    .allSatisfy(v -> assertThat(v.passed()).as("%s %s: %s", v.module(), v.script(), v.failure().orElse("")).isTrue());
            // as many columns as therapy.users itself has (not hard-coded: a new migration may add one), none of lookalike.users'
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'therapy' AND table_name = 'users'"))
                    .as("schema-filtered column count of users")
                    .isEqualTo(db.count("SELECT count(*) FROM pg_attribute WHERE attrelid = 'therapy.users'::regclass AND attnum > 0 AND NOT attisdropped"));
        }
    }

    @Test
    void verify_scripts_detect_tables_of_another_shape_and_the_application_defects() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("therapy"), "")) {
            db.execute("""
                    ALTER TABLE therapy.shared_charts ALTER COLUMN chart_type TYPE varchar(60);
                    ALTER TABLE therapy.questionnaires DROP CONSTRAINT questionnaires_color_coding_scheme_check;
                    ALTER TABLE therapy.questionnaires ADD CONSTRAINT questionnaires_color_coding_scheme_check
                        CHECK (color_coding_scheme IN (NULL, '4-point', '5-point'));
                    ALTER TABLE therapy.partners DROP CONSTRAINT partners_deactivated_by_fkey;
                    ALTER TABLE therapy.partners ADD CONSTRAINT partners_deactivated_by_fkey FOREIGN KEY (deactivated_by) REFERENCES therapy.organizations (id);
                    COMMENT ON TABLE therapy.users IS NULL;
                    """);
            Map<String, String> failures = new java.util.TreeMap<>();
            for (VerifyResult v : db.engine().verify(db.plan(), MigrationListener.NONE)) {
                if (v.module().equals("therapy") && !v.passed()) {
                    failures.put(v.version(), v.failure().orElse(""));
                }
            }
            assertThat(failures).as("failing verify scripts").containsOnlyKeys("1", "2", "4", "8");
            assertThat(failures.get("1")).as("V1: missing table comment").contains("users");
            assertThat(failures.get("2")).as("V2: FK without delete action").contains("partners_deactivated_by_fkey");
            assertThat(failures.get("4")).as("V4: the application's color check").contains("questionnaires_color_coding_scheme_check");
            assertThat(failures.get("8")).as("V8: column of another type").contains("shared_charts.chart_type");
        }
    }

    @Test
    void migrating_again_is_a_no_op_because_the_history_table_records_every_version(TestDatabase db) throws Exception {
        String before;
        try (Connection c = db.connection()) {
            before = CatalogText.of(c, List.of("therapy"));
        }
        MigrateReport report = db.engine().migrate(db.plan(), MigrationListener.NONE);
        assertThat(report.migrationsApplied()).as("nothing pending on a second run").isZero();
        try (Connection c = db.connection()) {
            assertThat(CatalogText.of(c, List.of("therapy"))).as("catalog unchanged").isEqualTo(before);
        }
        assertThat(db.count("SELECT count(*) FROM therapy.flyway_schema_history WHERE success AND version IS NOT NULL")).as("one recorded version per migration").isEqualTo(ModuleFiles.migrationCount("therapy"));
    }

    @Test
    void migrating_into_a_schema_that_already_holds_tables_but_no_history_is_refused() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("platform"), "")) {
            db.execute("CREATE SCHEMA therapy; CREATE TABLE therapy.admins (id integer PRIMARY KEY)");
            Plan plan = Planner.plan(ModuleRegistry.discover(Thread.currentThread().getContextClassLoader()), PlanRequest.of("therapy"));
            assertThatThrownBy(() -> db.engine().migrate(plan, MigrationListener.NONE)).as("existing tables need an explicit baseline")
                    .isInstanceOf(MigrationException.class).hasMessageContaining("baseline");
            assertThat(db.catalog("therapy").tables()).as("nothing created").containsExactly("admins");
            assertThat(db.catalog("therapy").columns("admins")).as("the existing table keeps its shape").hasSize(1);
        }
    }

    @Test
    void migrating_over_an_existing_differently_shaped_table_fails_instead_of_hiding_drift() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("therapy"), "")) {
            db.engine().undo(db.plan(), "therapy", Version.parse("7"), false, MigrationListener.NONE);
            db.execute("CREATE TABLE therapy.shared_charts (id integer PRIMARY KEY, chart text)");
            assertThatThrownBy(() -> db.engine().migrate(db.plan(), MigrationListener.NONE)).as("no IF NOT EXISTS: V8 fails on the existing table")
                    .isInstanceOf(MigrationException.class).hasMessageContaining("shared_charts");
            assertThat(db.catalog("therapy").columns("shared_charts")).as("V8 rolled back; the foreign table keeps its shape").hasSize(2);
            assertThat(db.count("SELECT count(*) FROM therapy.flyway_schema_history WHERE version = '8' AND success")).as("V8 not recorded").isZero();
        }
    }

    @Test
    void module_deploys_into_another_schema_name_without_hard_coded_references() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = Planner.plan(ModuleRegistry.discover(Thread.currentThread().getContextClassLoader()),
                    PlanRequest.of("therapy").withSchemaOverrides(Map.of("therapy", "clinic")));
            MigrateReport report = db.engine().migrate(plan, MigrationListener.NONE);
            assertThat(report.verification()).as("verify scripts pass in schema clinic")
                    .allSatisfy(v -> assertThat(v.passed()).as("%s %s: %s", v.module(), v.script(), v.failure().orElse("")).isTrue());
            assertThat(db.catalog("clinic").tables()).as("18 tables in clinic").containsExactlyInAnyOrderElementsOf(tablesUpTo(PHASES.size()));
            assertThat(db.catalog("clinic").foreignKeys(null)).as("foreign keys stay inside clinic")
                    .allSatisfy(f -> assertThat(f.referencedSchema()).isEqualTo("clinic"));
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'therapy'")).as("no schema named therapy").isZero();
        }
    }

    @Test
    void every_migration_has_an_undo_and_a_verify_script_of_the_same_name() throws Exception {
        for (String file : ModuleFiles.migrationFiles("therapy")) {
            assertThat(resource("db/therapy/migration/" + file)).as(file).isNotBlank();
            assertThat(resource("db/therapy/undo/U" + file.substring(1))).as("undo of %s", file).isNotBlank();
            assertThat(code(resource("db/therapy/verify/" + file))).as("verify %s raises on failure (directly or through pg_temp.verify_expect)", file)
                    .containsAnyOf("RAISE EXCEPTION", "pg_temp.verify_expect(");
        }
    }

    @Test
    void migrations_create_the_phases_in_order_without_drops_if_not_exists_or_status_selects() throws Exception {
        for (int v = 1; v <= PHASES.size(); v++) {
            String sql = code(resource("db/therapy/migration/" + phaseFiles().get(v - 1)));
            assertThat(matches(sql, "CREATE TABLE\\s+(\\w+)")).as("tables created by V%d, in the document's order", v).isEqualTo(PHASES.get(v - 1));
            assertThat(sql).as("V%d has no destructive statements", v).doesNotContainIgnoringCase("DROP ");
            assertThat(sql).as("V%d does not hide drift", v).doesNotContainIgnoringCase("IF NOT EXISTS");
            assertThat(sql.strip()).as("V%d does not end with a status SELECT", v).doesNotContainPattern("(?is)^SELECT|;\\s*SELECT\\b");
            assertThat(sql).as("V%d grants nothing to PUBLIC", v).doesNotContainIgnoringCase("TO PUBLIC");
        }
    }

    @Test
    void undo_scripts_drop_in_exact_reverse_order_without_cascade() throws Exception {
        List<String> created = new ArrayList<>();
        List<String> dropped = new ArrayList<>();
        for (int v = 1; v <= PHASES.size(); v++) {
            created.addAll(matches(code(resource("db/therapy/migration/" + phaseFiles().get(v - 1))), "CREATE TABLE\\s+(\\w+)"));
        }
        for (int v = PHASES.size(); v >= 1; v--) {
            String undo = code(resource("db/therapy/undo/U" + phaseFiles().get(v - 1).substring(1)));
            assertThat(undo).as("U%d without CASCADE", v).doesNotContainIgnoringCase("CASCADE");
            assertThat(undo).as("U%d fails loudly instead of IF EXISTS", v).doesNotContainIgnoringCase("IF EXISTS");
            dropped.addAll(matches(undo, "DROP TABLE\\s+(\\w+)"));
        }
        List<String> reverse = new ArrayList<>(created);
        java.util.Collections.reverse(reverse);
        assertThat(created).as("the 18 tables are created once each").hasSize(18).doesNotHaveDuplicates();
        assertThat(dropped).as("U8..U1 drop order").isEqualTo(reverse);
        assertThat(code(resource("db/therapy/undo/U4__create_questionnaires.sql"))).as("U4 also drops the trigger function")
                .contains("DROP FUNCTION update_questionnaires_updated_at()");
    }
}
