package dev.schemamodules.core.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded binaries live in a per-user cache folder only the user can write, and are reused (issue 19). */
class EmbeddedCacheTest {

    @TempDir
    Path home;

    @Test
    void the_cache_folder_follows_xdg_cache_home_and_is_owner_only_even_if_it_was_opened_before() throws Exception {
        Path xdg = home.resolve("xdg");
        Path dir = EmbeddedCache.directory(Map.of("XDG_CACHE_HOME", xdg.toString()));
        assertThat(dir).isEqualTo(xdg.resolve("schema-modules/embedded-postgres"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent()))).isEqualTo("rwx------");

        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        Files.createDirectory(dir.resolve("PG-abc"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxrwxrwx")));
        Files.setPosixFilePermissions(dir.resolve("PG-abc"), PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThat(EmbeddedCache.directory(Map.of("XDG_CACHE_HOME", xdg.toString()))).isEqualTo(dir);
        EmbeddedCache.ownerOnly(dir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("PG-abc")))).isEqualTo("rwx------");
    }

    @Test
    void without_xdg_cache_home_it_is_under_the_home_cache_folder_and_a_link_is_refused() throws Exception {
        assertThat(EmbeddedCache.directory(Map.of())).isEqualTo(Path.of(System.getProperty("user.home"), ".cache", "schema-modules", "embedded-postgres"));
        Path xdg = home.resolve("linked");
        Files.createDirectories(xdg);
        Files.createSymbolicLink(xdg.resolve("schema-modules"), Files.createDirectories(home.resolve("elsewhere")));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EmbeddedCache.directory(Map.of("XDG_CACHE_HOME", xdg.toString())))
                .hasMessageContaining("is not a plain directory");
    }

    @Test
    void a_started_embedded_server_runs_binaries_unpacked_in_the_private_cache() throws Exception {
        try (EmbeddedServer server = EmbeddedServer.start(null, 0, false)) {
            assertThat(server.serverVersion()).isNotEqualTo("unknown");
            Path cache = EmbeddedCache.directory(System.getenv());
            try (Stream<Path> unpacked = Files.list(cache)) {
                Path pg = unpacked.filter(p -> p.getFileName().toString().startsWith("PG-")).findFirst().orElseThrow();
                assertThat(pg.resolve("bin/postgres")).isExecutable();
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(pg))).isEqualTo("rwx------");
            }
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache))).isEqualTo("rwx------");
        }
    }
}
