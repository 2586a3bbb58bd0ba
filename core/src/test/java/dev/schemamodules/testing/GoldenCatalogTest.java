package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The golden catalog assertion: written on request, equal when nothing changed, a unified diff when something did. */
class GoldenCatalogTest {

    @AfterEach
    void clearProperties() {
        System.clearProperty("catalog.dir");
        System.clearProperty(GoldenCatalog.UPDATE_PROPERTY);
    }

    @Test
    void a_missing_file_fails_then_update_writes_it_and_a_changed_column_fails_with_a_diff(@TempDir Path dir) throws Exception {
        System.setProperty("catalog.dir", dir.toString());
        try (TestDatabase db = TestDatabase.create(List.of("platform"), "")) {
            assertThatThrownBy(() -> GoldenCatalog.assertMatches(db, "platform")).as("no golden file yet")
                    .hasMessageContaining("no golden catalog for platform").hasMessageContaining("-Dcatalog.update=true");

            System.setProperty(GoldenCatalog.UPDATE_PROPERTY, "true");
            GoldenCatalog.assertMatches(db, "platform");
            System.clearProperty(GoldenCatalog.UPDATE_PROPERTY);
            String written = Files.readString(dir.resolve("platform.txt"));
            assertThat(written).as("golden file").startsWith("# Catalog of module platform (schemas platform, auth)")
                    .contains("table platform.extension_schemas\n", "column auth.users.id\n    uuid not null");

            GoldenCatalog.assertMatches(db, "platform");

            db.execute("ALTER TABLE platform.extension_schemas ALTER COLUMN schema_name DROP NOT NULL");
            assertThatThrownBy(() -> GoldenCatalog.assertMatches(db, "platform")).as("drift from the golden file")
                    .hasMessageContaining("the catalog of platform differs from")
                    .hasMessageContaining("+++ database")
                    .hasMessageContaining("-    text not null position=2")
                    .hasMessageContaining("+    text null position=2");
        }
    }
}
