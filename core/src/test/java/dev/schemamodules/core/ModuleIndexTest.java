package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.core.release.ModuleIndex;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A module jar's file index ({@code db/<module>/files.index}, written by the module's build): scripts are
 * listed from it, not by walking every entry of the jar, and Flyway gets them the same way (a
 * non-transactional script's {@code .sql.conf} included, seeds, identical checksums).
 */
class ModuleIndexTest {

    @TempDir
    Path dir;

    private static ModuleJarBuilder notes() {
        return ModuleJarBuilder.module("indexed-notes", "1.0.0", "indexed_notes")
                .migration(1, "create_notes", "CREATE TABLE notes (id integer PRIMARY KEY, body text);", "DROP TABLE notes;",
                        "DO $$ BEGIN PERFORM 'indexed_notes.notes'::regclass; END $$;")
                .migration(2, "index_body", "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_notes_body ON notes (body);",
                        "DROP INDEX CONCURRENTLY IF EXISTS idx_notes_body;", "DO $$ BEGIN PERFORM 'indexed_notes.idx_notes_body'::regclass; END $$;")
                .file("migration/V2__index_body.sql.conf", "executeInTransaction=false\n")
                .file("seed/dev/R__notes.sql", "INSERT INTO notes (id, body) VALUES (1, 'hello') ON CONFLICT DO NOTHING;");
    }

    @Test
    void the_build_writes_every_file_of_each_module_into_its_index() throws Exception {
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes.resolve("db/a/migration"));
        Files.createDirectories(classes.resolve("db/a/seed/dev"));
        Files.writeString(classes.resolve("db/a/module.properties"), "name=a\n");
        Files.writeString(classes.resolve("db/a/migration/V1__x.sql"), "SELECT 1;");
        Files.writeString(classes.resolve("db/a/seed/dev/R__s.sql"), "SELECT 1;");
        Files.createDirectories(classes.resolve("db/not-a-module"));

        assertThat(ModuleIndex.write(classes)).containsExactly("a");
        assertThat(Files.readAllLines(classes.resolve("db/a/files.index"))).containsExactly("migration/V1__x.sql", "module.properties", "seed/dev/R__s.sql");
        assertThat(ModuleIndex.write(classes)).as("written again, the index does not list itself").containsExactly("a");
        assertThat(Files.readAllLines(classes.resolve("db/a/files.index"))).doesNotContain("files.index");
    }

    @Test
    void scripts_are_listed_from_the_index_when_the_jar_has_one() throws Exception {
        // an index that leaves V2 out: only what the index says is seen, so the jar's entries were not walked
        Path jar = notes().withIndex("migration/V1__create_notes.sql", "module.properties", "undo/U1__create_notes.sql",
                "verify/V1__create_notes.sql").writeTo(Files.createDirectories(dir.resolve("partial")));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, getClass().getClassLoader())) {
            ModuleDescriptor module = ModuleRegistry.discover(loader).find("indexed-notes").orElseThrow();
            assertThat(Planner.latestVersion(module)).hasToString("1");
        }
    }

    @Test
    void a_jar_with_its_index_migrates_validates_and_is_up_to_date_exactly_like_one_without() throws Exception {
        Path indexed = notes().withIndex().writeTo(Files.createDirectories(dir.resolve("indexed")));
        Path plain = notes().writeTo(Files.createDirectories(dir.resolve("plain")));
        try (URLClassLoader withIndex = new URLClassLoader(new URL[] {indexed.toUri().toURL()}, getClass().getClassLoader());
             URLClassLoader without = new URLClassLoader(new URL[] {plain.toUri().toURL()}, getClass().getClassLoader());
             TestDatabase db = TestDatabase.empty()) {
            Plan plan = Planner.plan(ModuleRegistry.discover(withIndex), PlanRequest.of("indexed-notes").withSeed("dev"));
            MigrateReport report = Engine.on(db.dataSource()).migrate(plan, MigrationListener.NONE);
            assertThat(report.migrationsApplied()).isEqualTo(2);
            assertThat(report.modules().get(0).seeds()).isEqualTo(1);
            assertThat(report.verification()).hasSize(2).allMatch(v -> v.passed());
            assertThat(db.scalar("SELECT body FROM indexed_notes.notes WHERE id = 1")).isEqualTo("hello");

            // the same scripts read by Flyway's own scanner (no index): same checksums, nothing to do
            Plan other = Planner.plan(ModuleRegistry.discover(without), PlanRequest.of("indexed-notes").withSeed("dev"));
            List<ValidationResult> validation = Engine.on(db.dataSource()).validate(other);
            assertThat(validation).allMatch(ValidationResult::valid);
            MigrateReport again = Engine.on(db.dataSource(), EngineOptions.defaults()).migrate(other, MigrationListener.NONE);
            assertThat(again.migrationsApplied()).isZero();
            assertThat(again.modules().get(0).seeds()).isZero();
        }
    }
}
