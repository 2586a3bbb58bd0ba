package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's cycle checks every undo step on its own, not only the end state of "undo all". */
class ModuleCycleTest {

    private static final String VERIFY_V1 = """
            DO $$ BEGIN
                PERFORM pg_temp.verify_expect('undo-check V1', 'tables missing', ARRAY(
                    SELECT 'notes' WHERE 'notes' NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r')));
            END $$;
            """;
    private static final String VERIFY_V2 = """
            DO $$ BEGIN
                PERFORM pg_temp.verify_expect('undo-check V2', 'columns missing', ARRAY(
                    SELECT 'notes.body' WHERE ('notes', 'body') NOT IN (SELECT tbl, col FROM pg_temp.verify_columns('${schema}'))));
            END $$;
            """;

    /** V1 creates a table, V2 adds a column, V3 adds an index; U1 drops the table (so "undo all" always ends empty). */
    private static ClassLoader module(Path dir, String name, String undoV2) throws Exception {
        Path jar = ModuleJarBuilder.module(name, "1.0.0", name.replace('-', '_'))
                .migration(1, "create_notes", "CREATE TABLE notes (id integer PRIMARY KEY);", "DROP TABLE notes;", VERIFY_V1)
                .migration(2, "add_body", "ALTER TABLE notes ADD COLUMN body text NOT NULL DEFAULT '';", undoV2, VERIFY_V2)
                .migration(3, "index_body", "CREATE INDEX idx_notes_body ON notes (body);", "DROP INDEX idx_notes_body;", VERIFY_V1)
                .writeTo(dir);
        return new URLClassLoader(new URL[] {jar.toUri().toURL()}, ModuleCycleTest.class.getClassLoader());
    }

    @Test
    void an_undo_that_leaves_its_change_behind_fails_the_cycle_naming_the_step(@TempDir Path dir) throws Exception {
        ClassLoader loader = module(dir, "undo-broken", "SELECT 1;");
        assertThatThrownBy(() -> ModuleCycle.assertFullCycle("undo-broken", loader))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("undo-broken U2 (undo/U2__add_body.sql) does not restore the catalog as it was before V2")
                .hasMessageContaining("--- before V2")
                .hasMessageContaining("+++ after U2")
                .hasMessageContaining("+column undo_broken.notes.body");
    }

    @Test
    void an_undo_that_restores_a_different_shape_fails_too(@TempDir Path dir) throws Exception {
        ClassLoader loader = module(dir, "undo-other", "ALTER TABLE notes DROP COLUMN body; ALTER TABLE notes ADD COLUMN extra text;");
        assertThatThrownBy(() -> ModuleCycle.assertFullCycle("undo-other", loader))
                .hasMessageContaining("undo-other U2 (undo/U2__add_body.sql)")
                .hasMessageContaining("+column undo_other.notes.extra");
    }

    @Test
    void correct_undo_scripts_pass_the_cycle(@TempDir Path dir) throws Exception {
        ClassLoader loader = module(dir, "undo-good", "ALTER TABLE notes DROP COLUMN body;");
        ModuleCycle.Result r = ModuleCycle.assertFullCycle("undo-good", loader);
        assertThat(r.migrationsUndone()).as("one undo per migration of the module").isEqualTo(3);
        assertThat(r.first()).containsKeys("table undo_good.notes", "column undo_good.notes.body", "index undo_good.idx_notes_body");
        assertThat(r.second()).isEqualTo(r.first());
    }

    @Test
    void the_golden_text_and_diff_are_readable() {
        String a = "table s.t\n    kind=r\ncolumn s.t.a\n    integer not null\n";
        String b = "table s.t\n    kind=r\ncolumn s.t.a\n    bigint not null\n";
        assertThat(CatalogText.diff("expected", a, "actual", a)).isEmpty();
        assertThat(CatalogText.diff("expected", a, "actual", b)).contains("--- expected", "+++ actual", "-    integer not null", "+    bigint not null");
    }
}
