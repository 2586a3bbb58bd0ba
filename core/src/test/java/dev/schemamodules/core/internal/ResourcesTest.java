package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.ModuleDescriptor;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Resources#readAll}: one opening of the module's files for many scripts, whatever the code source. */
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
}
