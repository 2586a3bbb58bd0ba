package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The telehealth catalog: every object against the reviewed golden file, plus the rules that hold for
 * every table and function.
 */
@SchemaTest(modules = "telehealth")
class TelehealthCatalogTest {

    /**
     * Every table, view, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/telehealth.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "telehealth");
    }

    @Test
    void every_foreign_key_stays_inside_the_schema(TestDatabase db) throws Exception {
        assertThat(db.catalog("telehealth").foreignKeys(null)).as("foreign keys").isNotEmpty()
                .allSatisfy(f -> assertThat(f.referencedSchema()).as("%s target schema", f.name()).isEqualTo("telehealth"));
    }

    @Test
    void updated_at_triggers_cover_every_table_with_updated_at(TestDatabase db) throws Exception {
        Catalog cat = db.catalog("telehealth");
        List<String> withUpdatedAt = db.column("SELECT table_name::text FROM information_schema.columns WHERE table_schema = 'telehealth' "
                + "AND column_name = 'updated_at' AND table_name IN (SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'telehealth' AND table_type = 'BASE TABLE') ORDER BY 1");
        assertThat(withUpdatedAt).as("tables with updated_at").isNotEmpty();
        for (String t : withUpdatedAt) {
            assertThat(cat.triggers(t)).as("triggers of %s", t).containsExactly("update_" + t + "_updated_at");
        }
    }

    @Test
    void every_function_pins_search_path(TestDatabase db) throws Exception {
        Catalog cat = db.catalog("telehealth");
        assertThat(cat.functions()).as("functions").isNotEmpty();
        assertThat(cat.functionsWithoutPinnedSearchPath()).as("functions without a pinned search_path").isEmpty();
    }
}
