package dev.schemamodules.therapy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The catalog of the therapy schema: every object against the reviewed golden file, plus the rules that
 * hold for every table and the deliberate choices the catalog alone does not explain.
 */
@SchemaTest(modules = "therapy")
class TherapyCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/therapy.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "therapy");
    }

    @Test
    void serial_ids_own_their_sequences(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        assertThat(catalog.tables()).as("tables").isNotEmpty();
        for (String table : catalog.tables()) {
            if (table.equals("user_partner_assignments")) {
                assertThat(catalog.column(table, "id")).as("user_partner_assignments has a composite key, no id").isEmpty();
            } else {
                assertThat(db.scalar("SELECT pg_get_serial_sequence(?, 'id')", "therapy." + table)).as("sequence owned by %s.id", table)
                        .isEqualTo("therapy." + table + "_id_seq");
            }
        }
    }

    @Test
    void every_foreign_key_stays_in_the_schema_with_a_deliberate_delete_action(TestDatabase db) throws Exception {
        assertThat(db.catalog("therapy").foreignKeys(null)).as("CASCADE or SET NULL everywhere (deactivated_by fixed to SET NULL)")
                .isNotEmpty().allSatisfy(f -> {
                    assertThat(f.onDelete()).as(f.name()).isIn("CASCADE", "SET NULL");
                    assertThat(f.referencedSchema()).as("%s target schema", f.name()).isEqualTo("therapy");
                });
    }

    @Test
    void auth_credentials_reference_id_has_no_foreign_key_by_design(TestDatabase db) throws Exception {
        assertThat(db.catalog("therapy").foreignKeys("auth_credentials")).as("polymorphic reference_id, no FK").isEmpty();
    }

    @Test
    void color_coding_scheme_check_allows_null_explicitly_instead_of_listing_it(TestDatabase db) throws Exception {
        String def = db.catalog("therapy").constraints("questionnaires").stream()
                .filter(c -> c.name().equals("questionnaires_color_coding_scheme_check")).findFirst().orElseThrow().definition();
        assertThat(def).as("NULL or one of the two schemes").contains("color_coding_scheme IS NULL").contains("'4-point'").contains("'5-point'")
                .doesNotContain("NULL::character varying");
    }

    @Test
    void every_table_has_a_comment_and_every_function_pins_search_path(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        for (String table : catalog.tables()) {
            assertThat(catalog.tableComment(table)).as("comment on table %s", table).isPresent().get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .isNotBlank();
        }
        assertThat(catalog.functionsWithoutPinnedSearchPath()).as("every function pins search_path").isEmpty();
    }
}
