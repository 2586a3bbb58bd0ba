package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.loader.launch.LaunchedClassLoader;
import org.springframework.boot.loader.net.protocol.Handlers;
import org.springframework.boot.loader.net.protocol.jar.JarUrl;

/**
 * A schema module packaged inside a Spring Boot executable jar ({@code BOOT-INF/lib/<module>.jar},
 * stored, as the Boot plugin writes it) is discovered, planned, migrated, verified and undone through
 * Spring Boot's own nested-jar class loader ({@code jar:nested:} URLs), as in a deployed application.
 */
class NestedJarModulesTest {

    @TempDir
    Path dir;

    @Test
    void a_module_nested_in_an_executable_jar_is_planned_migrated_and_undone() throws Exception {
        Path moduleJar = ModuleJarBuilder.module("nested-notes", "1.0.0", "nested_notes")
                .migration(1, "create_notes", "CREATE TABLE notes (id integer PRIMARY KEY);", "DROP TABLE notes;",
                        "DO $$ BEGIN PERFORM 'nested_notes.notes'::regclass; END $$;")
                .migration(2, "add_body", "ALTER TABLE notes ADD COLUMN body text;", "ALTER TABLE notes DROP COLUMN body;",
                        "SELECT body FROM nested_notes.notes LIMIT 0;")
                .file("seed/dev/R__notes.sql", "INSERT INTO notes (id, body) VALUES (1, 'hello') ON CONFLICT DO NOTHING;")
                .writeTo(Files.createDirectories(dir.resolve("lib")));
        Path app = executableJar(dir.resolve("app.jar"), moduleJar);

        Handlers.register();
        URL nested = JarUrl.create(app.toFile(), "BOOT-INF/lib/" + moduleJar.getFileName());
        assertThat(nested.toString()).startsWith("jar:nested:");
        try (LaunchedClassLoader loader = new LaunchedClassLoader(false, new URL[] {nested}, getClass().getClassLoader());
             TestDatabase db = TestDatabase.empty()) {
            ModuleRegistry registry = ModuleRegistry.discover(loader);
            ModuleDescriptor module = registry.find("nested-notes").orElseThrow();
            assertThat(module.origin()).startsWith("jar:nested:").contains("app.jar");
            assertThat(Planner.latestVersion(module)).isEqualTo(Version.parse("2"));

            Plan plan = Planner.plan(registry, PlanRequest.of("nested-notes").withSeed("dev"));
            MigrateReport report = Engine.on(db.dataSource()).migrate(plan, MigrationListener.NONE);

            assertThat(report.migrationsApplied()).isEqualTo(2);
            assertThat(report.verification()).hasSize(2).allMatch(v -> v.passed());
            assertThat(db.scalar("SELECT body FROM nested_notes.notes WHERE id = 1")).isEqualTo("hello");

            assertThat(Engine.on(db.dataSource()).undo(plan, "nested-notes", Version.ZERO, false, MigrationListener.NONE)).hasSize(2);
            assertThat(db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'nested_notes' AND tablename = 'notes'")).isZero();
        }
    }

    /** An executable jar as Spring Boot lays it out: the module jar stored (not deflated) under BOOT-INF/lib. */
    private static Path executableJar(Path target, Path moduleJar) throws IOException {
        byte[] bytes = Files.readAllBytes(moduleJar);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        try (OutputStream os = Files.newOutputStream(target); JarOutputStream out = new JarOutputStream(os)) {
            JarEntry entry = new JarEntry("BOOT-INF/lib/" + moduleJar.getFileName());
            entry.setMethod(ZipEntry.STORED);
            entry.setSize(bytes.length);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc.getValue());
            out.putNextEntry(entry);
            out.write(bytes);
            out.closeEntry();
        }
        return target;
    }
}
