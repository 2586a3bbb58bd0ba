package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The seed helpers: an idempotent seed passes the re-run check, a seed that adds rows on every run fails it. */
class SeedsTest {

    private static final String TABLE = "CREATE TABLE colours (id integer PRIMARY KEY, name text NOT NULL);";
    private static final String VERIFY = """
            DO $$ BEGIN
                PERFORM pg_temp.verify_expect('seeds V1', 'tables missing', ARRAY(
                    SELECT 'colours' WHERE 'colours' NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}'))));
            END $$;
            """;

    private static <T> T withModule(Path dir, String name, String seed, Check<T> check) throws Exception {
        Path jar = ModuleJarBuilder.module(name, "1.0.0", name.replace('-', '_'))
                .migration(1, "create_colours", TABLE, "DROP TABLE colours;", VERIFY)
                .file("seed/common/R__colours.sql", seed)
                .writeTo(dir);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, SeedsTest.class.getClassLoader())) {
            Thread.currentThread().setContextClassLoader(loader);
            try (TestDatabase db = TestDatabase.create(List.of(name), "common")) {
                return check.run(db);
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    interface Check<T> {
        T run(TestDatabase db) throws Exception;
    }

    @Test
    void an_idempotent_seed_passes_and_the_digest_covers_its_rows(@TempDir Path dir) throws Exception {
        Map<String, String> digest = withModule(dir, "seed-good", "INSERT INTO ${schema}.colours VALUES (1, 'red'), (2, 'blue') "
                + "ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name;", db -> {
                    assertThat(Seeds.scripts(db, "seed-good")).extracting(Seeds.Script::fileName).containsExactly("R__colours.sql");
                    return Seeds.assertRerunChangesNothing(db, "seed-good");
                });
        assertThat(digest).containsOnlyKeys("seed_good.colours").hasEntrySatisfying("seed_good.colours", d -> assertThat(d).startsWith("2:"));
    }

    @Test
    void a_seed_that_adds_rows_on_every_run_fails_naming_the_table(@TempDir Path dir) throws Exception {
        withModule(dir, "seed-bad", "INSERT INTO colours SELECT coalesce(max(id), 0) + 1, 'again' FROM colours;", db -> {
            assertThatThrownBy(() -> Seeds.assertRerunChangesNothing(db, "seed-bad"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("every row of every table after running every seed script twice more")
                    .hasMessageContaining("seed_bad.colours");
            return null;
        });
    }
}
