package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.release.ModuleIndex;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Resources#readAll}: one opening of the module's files for many scripts, whatever the code source; and
 * {@link Resources#list} and {@link Resources#listDirectories}, the same names from every code source.
 */
class ResourcesTest {

    private static final String SMALL = "CREATE TABLE small (id int); -- é\n";
    private static final String LARGE = "-- " + "x".repeat(2_000) + "\nCREATE TABLE large (id int);\n";
    private static final List<String> BOTH = List.of("V2__large.sql", "V1__small.sql");

    @TempDir
    Path dir;

    private Path classesDirectory() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("classes/db/res/migration"));
        Files.writeString(migrations.resolve("V1__small.sql"), SMALL);
        Files.writeString(migrations.resolve("V2__large.sql"), LARGE);
        return dir.resolve("classes");
    }

    private Path jar() throws Exception {
        Path jar = dir.resolve("res.jar");
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Map.Entry<String, String> e : Map.of("V1__small.sql", SMALL, "V2__large.sql", LARGE).entrySet()) {
                out.putNextEntry(new JarEntry("db/res/migration/" + e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return jar;
    }

    private static ModuleDescriptor module(Path root, boolean originKnown) throws Exception {
        ModuleDescriptor.Builder b = ModuleDescriptor.builder("res").schemas("res")
                .classLoader(new URLClassLoader(new URL[] {root.toUri().toURL()}, ResourcesTest.class.getClassLoader()));
        return (originKnown ? b.origin(root.toUri().toString()) : b).build();
    }

    /** Every file asked for, in the order asked, then only those within the limit, then the large one alone. */
    private static void readsAllThenWithinTheLimit(ModuleDescriptor m) {
        assertThat(Resources.readAll(m, m.migrationLocation(), BOTH, Long.MAX_VALUE)).containsExactly(
                Map.entry("V2__large.sql", LARGE), Map.entry("V1__small.sql", SMALL));
        assertThat(Resources.readAll(m, m.migrationLocation(), BOTH, 1_000)).containsExactly(Map.entry("V1__small.sql", SMALL));
        assertThat(Resources.read(m, m.migrationLocation(), "V2__large.sql")).isEqualTo(LARGE);
    }

    @Test
    void a_jar_gives_every_file_asked_for_in_the_order_asked_and_leaves_out_those_over_the_limit() throws Exception {
        readsAllThenWithinTheLimit(module(jar(), true));
    }

    @Test
    void a_classes_directory_reads_the_same() throws Exception {
        readsAllThenWithinTheLimit(module(classesDirectory(), true));
    }

    @Test
    void on_the_class_path_sizes_are_not_known_so_only_an_unlimited_read_reads() throws Exception {
        ModuleDescriptor m = module(classesDirectory(), false);
        assertThat(m.origin()).isEqualTo("code");
        assertThat(Resources.readAll(m, m.migrationLocation(), BOTH, 1_000)).isEmpty();
        assertThat(Resources.readAll(m, m.migrationLocation(), BOTH, Long.MAX_VALUE)).containsExactly(
                Map.entry("V2__large.sql", LARGE), Map.entry("V1__small.sql", SMALL));
    }

    @Test
    void a_missing_file_is_named_with_its_module_whatever_the_code_source() throws Exception {
        List<String> withMissing = List.of("V1__small.sql", "V3__missing.sql");
        for (ModuleDescriptor m : List.of(module(jar(), true), module(classesDirectory(), true), module(classesDirectory(), false))) {
            assertThatThrownBy(() -> Resources.readAll(m, m.migrationLocation(), withMissing, Long.MAX_VALUE))
                    .as(m.origin())
                    .isInstanceOf(UncheckedIOException.class)
                    .hasMessage("reading db/res/migration/V3__missing.sql of module res");
        }
    }

    /** Files in and below the module's migration and seed folders, as a module's build lays them out. */
    private Path tree(String name) throws Exception {
        Path classes = dir.resolve(name);
        Path root = Files.createDirectories(classes.resolve("db/res"));
        Files.writeString(root.resolve("module.properties"), "name=res\nschemas=res\n");
        for (String f : List.of("migration/V1__small.sql", "migration/V2__large.sql", "migration/notes/README.md",
                "seed/common/R__a.sql", "seed/dev/R__b.sql", "seed/R__loose.sql")) {
            Files.createDirectories(root.resolve(f).getParent());
            Files.writeString(root.resolve(f), SMALL);
        }
        return classes;
    }

    /** {@code classes} as a jar, with an entry for each folder as {@code jar} writes them. */
    private Path jarOf(Path classes, String name) throws Exception {
        Path jar = dir.resolve(name);
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(classes)) {
            paths = walk.filter(p -> !p.equals(classes)).sorted().toList();
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            for (Path p : paths) {
                String entry = classes.relativize(p).toString().replace('\\', '/');
                out.putNextEntry(new JarEntry(Files.isDirectory(p) ? entry + "/" : entry));
                if (Files.isRegularFile(p)) {
                    out.write(Files.readAllBytes(p));
                }
                out.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void files_and_folders_are_listed_alike_from_a_jar_with_or_without_its_index_a_classes_directory_and_the_class_path() throws Exception {
        Path plain = tree("plain");
        Path indexed = tree("indexed");
        assertThat(ModuleIndex.write(indexed)).containsExactly("res");
        List<ModuleDescriptor> sources = new ArrayList<>();
        sources.add(module(jarOf(plain, "plain.jar"), true));
        sources.add(module(jarOf(indexed, "indexed.jar"), true));
        sources.add(module(plain, true));
        sources.add(module(plain, false));
        assertThat(Resources.indexed(sources.get(0))).isFalse();
        assertThat(Resources.indexed(sources.get(1))).isTrue();
        for (ModuleDescriptor m : sources) {
            assertThat(Resources.list(m, m.migrationLocation())).as(m.origin()).containsExactly("V1__small.sql", "V2__large.sql");
            assertThat(Resources.list(m, m.migrationLocation() + "/")).as(m.origin()).containsExactly("V1__small.sql", "V2__large.sql");
            assertThat(Resources.listDirectories(m, m.migrationLocation())).as(m.origin()).containsExactly("notes");
            assertThat(Resources.list(m, "db/res/seed")).as(m.origin()).containsExactly("R__loose.sql");
            assertThat(Resources.listDirectories(m, "db/res/seed")).as(m.origin()).containsExactly("common", "dev");
            assertThat(Resources.list(m, "db/res/seed/dev")).as(m.origin()).containsExactly("R__b.sql");
            assertThat(Resources.list(m, "db/res/undo")).as(m.origin()).isEmpty();
            assertThat(Resources.listDirectories(m, "db/res/undo")).as(m.origin()).isEmpty();
        }
    }
}
