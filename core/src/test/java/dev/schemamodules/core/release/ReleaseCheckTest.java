package dev.schemamodules.core.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Release manifests and the immutability check on a module laid out in a temp dir (no database needed). */
class ReleaseCheckTest {

    @TempDir
    Path resources;
    Path module;

    @BeforeEach
    void layout() throws Exception {
        module = resources.resolve("db/shop");
        write("migration/V1__create_orders.sql", "CREATE TABLE orders (id bigint);\n");
        write("migration/V2__add_total.sql", "ALTER TABLE orders ADD COLUMN total numeric;\n");
        write("undo/U1__create_orders.sql", "DROP TABLE orders;\n");
        write("undo/U2__add_total.sql", "ALTER TABLE orders DROP COLUMN total;\n");
        write("verify/V1__create_orders.sql", "SELECT id FROM orders LIMIT 0;\n");
        write("seed/dev/R__orders.sql", "INSERT INTO orders VALUES (1) ON CONFLICT DO NOTHING;\n");
        write("module.properties", "name=shop\nversion=${project.version}\nschemas=shop\n");
    }

    @Test
    void cut_lists_every_migration_undo_and_verify_script_with_its_sha256() throws Exception {
        assertThat(ReleaseCheck.cut(resources, "1.0.0")).singleElement().asString().contains("shop 1.0.0: wrote").contains("5 scripts");

        Path manifest = module.resolve("released/1.0.0.sha256");
        ReleaseManifest m = ReleaseManifest.parse("shop", "1.0.0", Files.readString(manifest), manifest.toString());
        assertThat(m.files()).containsOnlyKeys("migration/V1__create_orders.sql", "migration/V2__add_total.sql",
                "undo/U1__create_orders.sql", "undo/U2__add_total.sql", "verify/V1__create_orders.sql");
        // what `printf 'CREATE TABLE orders (id bigint);\n' | sha256sum` prints
        assertThat(m.files().get("migration/V1__create_orders.sql")).isEqualTo("ba145000347bbc66ce6eacdb4ce49345156d4d75d78a402561e66f44c238d700");
        assertThat(Files.readString(manifest)).contains("sha256sum -c released/1.0.0.sha256");
        assertThat(Files.readAllLines(manifest).stream().filter(l -> !l.startsWith("#")).map(l -> l.substring(66)).toList())
                .as("scripts in path order").isSorted().hasSize(5);
        assertThat(ReleaseCheck.check(resources, "1.0.0")).singleElement().satisfies(r -> {
            assertThat(r.problems()).isEmpty();
            assertThat(r.releases()).containsExactly("1.0.0");
            assertThat(r.releasedFiles()).isEqualTo(5);
        });
    }

    @Test
    void cut_refuses_snapshots_and_a_second_cut_with_other_scripts_but_repeats_an_identical_one() throws Exception {
        assertThatThrownBy(() -> ReleaseCheck.cut(resources, "1.0.0-SNAPSHOT")).hasMessageContaining("not a -SNAPSHOT");
        ReleaseCheck.cut(resources, "1.0.0");
        String first = Files.readString(module.resolve("released/1.0.0.sha256"));
        assertThat(ReleaseCheck.cut(resources, "1.0.0")).singleElement().asString().contains("already cut, unchanged");
        write("migration/V3__add_note.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
        assertThatThrownBy(() -> ReleaseCheck.cut(resources, "1.0.0")).hasMessageContaining("already cut with other scripts");
        assertThat(Files.readString(module.resolve("released/1.0.0.sha256"))).isEqualTo(first);
    }

    @Test
    void an_edited_released_migration_is_named_with_its_release() throws Exception {
        ReleaseCheck.cut(resources, "1.0.0");
        write("migration/V2__add_total.sql", "ALTER TABLE orders ADD COLUMN total numeric(12,2);\n");

        assertThat(problems("1.1.0-SNAPSHOT")).singleElement().asString()
                .contains("db/shop/migration/V2__add_total.sql: changed since release shop 1.0.0 (SHA-256 ")
                .contains(" in released/1.0.0.sha256, ").contains("change the schema with a new migration");
    }

    @Test
    void a_deleted_released_undo_script_is_named_with_its_release() throws Exception {
        ReleaseCheck.cut(resources, "1.0.0");
        Files.delete(module.resolve("undo/U1__create_orders.sql"));

        assertThat(problems("1.1.0-SNAPSHOT")).singleElement().asString()
                .contains("db/shop/undo/U1__create_orders.sql: deleted, but it is part of release shop 1.0.0");
    }

    @Test
    void seeds_and_the_descriptor_are_not_released_files() throws Exception {
        ReleaseCheck.cut(resources, "1.0.0");
        write("seed/dev/R__orders.sql", "INSERT INTO orders VALUES (2) ON CONFLICT DO NOTHING;\n");
        write("module.properties", "name=shop\nversion=${project.version}\nschemas=shop\ndescription=changed\n");

        assertThat(problems("1.0.0")).isEmpty();
    }

    @Test
    void a_new_migration_needs_a_new_module_version_and_must_come_after_the_released_ones() throws Exception {
        ReleaseCheck.cut(resources, "1.0.0");
        write("migration/V3__add_note.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
        write("undo/U3__add_note.sql", "ALTER TABLE orders DROP COLUMN note;\n");

        assertThat(problems("1.0.0")).hasSize(2).allSatisfy(p -> assertThat(p)
                .contains("not part of release shop 1.0.0, but the module's version is still 1.0.0"));
        assertThat(problems("1.1.0-SNAPSHOT")).isEmpty();

        write("migration/V1_5__backfill.sql", "UPDATE orders SET total = 0;\n");
        assertThat(problems("1.1.0-SNAPSHOT")).singleElement().asString()
                .contains("db/shop/migration/V1_5__backfill.sql: version 1.5 is not newer than V2, the newest migration of release shop 1.0.0");
    }

    @Test
    void every_release_is_checked_not_only_the_latest() throws Exception {
        ReleaseCheck.cut(resources, "1.0.0");
        write("migration/V3__add_note.sql", "ALTER TABLE orders ADD COLUMN note text;\n");
        ReleaseCheck.cut(resources, "1.1.0");
        write("migration/V1__create_orders.sql", "CREATE TABLE orders (id integer);\n");

        assertThat(problems("1.2.0-SNAPSHOT")).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("V1__create_orders.sql: changed since release shop 1.0.0"))
                .anySatisfy(p -> assertThat(p).contains("V1__create_orders.sql: changed since release shop 1.1.0"));
    }

    @Test
    void a_malformed_manifest_is_a_problem_with_its_line() throws Exception {
        write("released/1.0.0.sha256", "# comment\nnot-a-checksum  migration/V1__create_orders.sql\n");

        assertThat(problems("1.0.0")).singleElement().asString().contains("released/1.0.0.sha256:2: expected '<sha-256 in hex>  <path>'");
    }

    @Test
    void main_cuts_only_modules_of_the_version_being_cut_and_fails_naming_the_file() throws Exception {
        assertThat(main("--resources=" + resources, "--version=1.0.1-SNAPSHOT", "--cut=1.1.0").code).isZero();
        assertThat(module.resolve("released")).doesNotExist();

        Run cut = main("--resources=" + resources, "--version=1.0.0", "--cut=1.0.0");
        assertThat(cut.code).isZero();
        assertThat(cut.out).contains("shop 1.0.0: wrote").contains("shop 1.0.0: releases 1.0.0, 5 released scripts checked, 0 problems");

        write("verify/V1__create_orders.sql", "SELECT 1;\n");
        Run check = main("--resources", resources.toString(), "--version", "1.1.0-SNAPSHOT", "--cut=");
        assertThat(check.code).isEqualTo(1);
        assertThat(check.err).contains("verify/V1__create_orders.sql: changed since release shop 1.0.0");

        assertThat(main("--version=1.0.0").code).isEqualTo(2);
        assertThat(main("--resources=" + resources, "--version=1.0.0", "--bogus").code).isEqualTo(2);
    }

    @Test
    void versions_order_numerically_with_snapshots_below_their_release() {
        assertThat(List.of("1.10.0", "1.2.0", "1.1.0-SNAPSHOT", "1.1.0", "2.0.0-SNAPSHOT", "1.0.0").stream().sorted(ReleaseVersion.ORDER).toList())
                .containsExactly("1.0.0", "1.1.0-SNAPSHOT", "1.1.0", "1.2.0", "1.10.0", "2.0.0-SNAPSHOT");
    }

    private List<String> problems(String version) {
        return ReleaseCheck.check(resources, version).stream().flatMap(r -> r.problems().stream()).toList();
    }

    private void write(String relative, String content) throws Exception {
        Path f = module.resolve(relative);
        Files.createDirectories(f.getParent());
        Files.writeString(f, content, StandardCharsets.UTF_8);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run main(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ReleaseMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
