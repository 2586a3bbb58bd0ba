package dev.schemamodules.medication;

import static dev.schemamodules.medication.MedicationFixtures.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The catalog of the medication schema: every object against the reviewed golden file, plus the rules
 * that hold for every table and column.
 */
@SchemaTest(modules = "medication")
class MedicationCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum (labels in order), function,
     * trigger, policy, RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/medication.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "medication");
    }

    @Test
    void every_timestamp_column_is_timestamptz_with_millisecond_precision(TestDatabase db) throws Exception {
        List<String> wrong = db.column("SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name <> 'flyway_schema_history' AND data_type LIKE 'timestamp%' AND (data_type <> 'timestamp with time zone' OR datetime_precision <> 3)", S);
        long timestamps = db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name <> 'flyway_schema_history' AND data_type LIKE 'timestamp%'", S);
        assertThat(wrong).as("timestamp columns that are not timestamptz(3)").isEmpty();
        assertThat(timestamps).as("timestamp columns in the schema").isPositive();
    }

    @Test
    void column_names_are_case_sensitive_camel_case(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        assertThat(c.column("users", "phoneNumber")).as("quoted camelCase column users.\"phoneNumber\"").isPresent();
        assertThat(c.column("users", "phonenumber")).as("folded lower-case users.phonenumber").isEmpty();
        assertThat(c.column("dose_events", "scheduledTime")).as("dose_events.\"scheduledTime\"").isPresent();
        assertThat(c.column("dose_events", "scheduled_time")).as("snake_case dose_events.scheduled_time").isEmpty();
    }

    @Test
    void every_foreign_key_stays_in_the_schema_with_a_deliberate_delete_action_and_cascades_on_update(TestDatabase db) throws Exception {
        assertThat(db.catalog(S).foreignKeys(null)).as("foreign keys").isNotEmpty().allSatisfy(f -> {
            assertThat(f.referencedSchema()).as("schema referenced by %s", f.name()).isEqualTo(S);
            assertThat(f.onDelete()).as("%s ON DELETE", f.name()).isIn("CASCADE", "SET NULL");
            assertThat(f.onUpdate()).as("%s ON UPDATE", f.name()).isEqualTo("CASCADE");
        });
    }

    @Test
    void exactly_the_tables_with_updated_at_have_the_trigger_and_every_function_pins_search_path(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        for (String t : c.tables()) {
            boolean has = c.column(t, "updatedAt").isPresent();
            assertThat(c.triggers(t)).as("triggers on %s", t).isEqualTo(has ? List.of("trg_" + t + "_updated_at") : List.of());
        }
        assertThat(c.functionsWithoutPinnedSearchPath()).as("functions without a pinned search_path").isEmpty();
    }

    @Test
    void every_table_has_a_comment_no_row_level_security_and_nothing_references_another_schema(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        assertThat(c.tables()).as("tables").isNotEmpty();
        for (String t : c.tables()) {
            assertThat(c.tableComment(t)).as("comment on table %s", t).isPresent();
            assertThat(c.rowLevelSecurity(t)).as("row-level security on %s (the application has its own authentication)", t).isFalse();
        }
        assertThat(db.column("SELECT nspname FROM pg_namespace WHERE nspname IN ('platform', 'auth')"))
                .as("schemas of the platform module: not required by medication").isEmpty();
    }
}
