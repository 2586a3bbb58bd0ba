package dev.schemamodules.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.io.file.PathUtils;

/**
 * Where the embedded back-end keeps its throw-away cluster: {@value #SETTING} / {@value #ENV}.
 * <ul>
 *   <li>{@code auto} (the default): in memory, in a folder of this user's under {@code /dev/shm}, when that is a
 *       writable tmpfs with at least {@link #MIN_FREE_BYTES} free (a container's default 64 MB is not enough);
 *       else the JVM's temporary folder. Creating tables, cloning template databases and dropping them made
 *       {@code ./mvnw verify} a quarter slower with the cluster on a virtual machine's disk, even with
 *       {@code fsync=off}: the time goes to the kernel's file-system work, not to the disk's flushes.</li>
 *   <li>{@code tmpdir}: the JVM's temporary folder (on disk on most Linux systems).</li>
 *   <li>any other value: a folder to create the cluster's folder in.</li>
 * </ul>
 * Each cluster's folder is deleted when its server stops. One that a killed test JVM left behind is deleted by a
 * later test JVM of the same user: older than {@link #STALE_AFTER}, its {@code epg-lock} held by nobody and no
 * server running on it.
 */
public final class TestDataDirectory {

    public static final String SETTING = "schemamodules.test.dataDir";
    public static final String ENV = "SCHEMA_MODULES_TEST_DATA_DIR";
    /** Free space {@code auto} asks of {@code /dev/shm}. */
    public static final long MIN_FREE_BYTES = 2L << 30;
    /** How old a left-behind cluster folder must be before it is deleted. */
    static final Duration STALE_AFTER = Duration.ofMinutes(10);
    private static final Path SHM = Path.of("/dev/shm");

    /** The folder to create clusters in (null: the JVM's temporary folder), and what to say about it. */
    public record Choice(Path parent, String description) {
    }

    private TestDataDirectory() {
    }

    /** The choice this JVM's settings make. */
    public static Choice choose() {
        return choose(TestPostgres.setting(SETTING, ENV, "auto"), SHM, MIN_FREE_BYTES, System.getProperty("user.name"));
    }

    static Choice choose(String setting, Path shm, long minFree, String user) {
        String value = setting.trim();
        if (value.equalsIgnoreCase("tmpdir")) {
            return new Choice(null, "data directory in the JVM's temporary folder");
        }
        if (!value.equalsIgnoreCase("auto")) {
            return new Choice(userFolder(Path.of(value), user), "data directory in " + value);
        }
        Optional<String> unusable = unusable(shm, minFree);
        if (unusable.isPresent()) {
            return new Choice(null, "data directory in the JVM's temporary folder (" + unusable.get() + ")");
        }
        return new Choice(userFolder(shm, user), "data directory in memory (" + shm + ")");
    }

    /** Why {@code shm} cannot hold the clusters, or empty when it can. */
    private static Optional<String> unusable(Path shm, long minFree) {
        try {
            if (!Files.isDirectory(shm) || !Files.isWritable(shm)) {
                return Optional.of(shm + " is not a writable folder");
            }
            FileStore store = Files.getFileStore(shm);
            if (!"tmpfs".equals(store.type().toLowerCase(Locale.ROOT))) {
                return Optional.of(shm + " is not a tmpfs");
            }
            long free = store.getUsableSpace();
            if (free < minFree) {
                return Optional.of(shm + " has " + (free >> 20) + " MB free, fewer than " + (minFree >> 20));
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(shm + ": " + e.getMessage());
        }
    }

    /**
     * {@code parent/schema-modules-test-<user>}, created private to the user. One that someone else owns, or that others
     * may enter, is refused: in a shared folder such as {@code /dev/shm} another user could have made it.
     */
    private static Path userFolder(Path parent, String user) {
        Path folder = parent.resolve("schema-modules-test-" + user.replaceAll("[^A-Za-z0-9._-]", "_"));
        try {
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(folder);
                try {
                    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: its own permissions apply
                }
            }
            String owner = Files.getOwner(folder, LinkOption.NOFOLLOW_LINKS).getName();
            if (!owner.equals(user)) {
                throw new IllegalStateException("the test server's data folder " + folder + " belongs to " + owner + ", not to " + user
                        + "; remove it, or choose another folder with " + SETTING + " / " + ENV);
            }
            try {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS));
                if (!mode.equals("rwx------")) {
                    throw new IllegalStateException("the test server's data folder " + folder + " has mode " + mode + ", not rwx------; "
                            + "remove it, or choose another folder with " + SETTING + " / " + ENV);
                }
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the test server's data folder " + folder + " (" + SETTING + " / " + ENV + "): "
                    + e.getClass().getSimpleName() + " " + e.getMessage(), e);
        }
        return folder;
    }

    /**
     * Deletes the cluster folders ({@code epg*}) in {@code parent} that killed test JVMs left behind: older than
     * {@code staleAfter}, their {@code epg-lock} held by no process, and no {@code postmaster.pid} naming a live
     * process. Returns the folders deleted.
     */
    static List<Path> sweep(Path parent, Duration staleAfter) {
        List<Path> deleted = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return deleted;
        }
        Instant cutoff = Instant.now().minus(staleAfter);
        try (Stream<Path> children = Files.list(parent)) {
            for (Path dir : children.filter(d -> d.getFileName().toString().startsWith("epg") && Files.isDirectory(d)).toList()) {
                try {
                    if (Files.getLastModifiedTime(dir).toInstant().isAfter(cutoff) || serverRuns(dir) || !lockFree(dir.resolve("epg-lock"))) {
                        continue;
                    }
                    PathUtils.deleteDirectory(dir);
                    deleted.add(dir);
                } catch (IOException e) {
                    // another JVM's, or going away: left as it is
                }
            }
        } catch (IOException e) {
            // the folder cannot be listed: nothing to sweep
        }
        return deleted;
    }

    /** Whether the lock file exists and no process holds its lock. */
    private static boolean lockFree(Path lockFile) throws IOException {
        if (!Files.exists(lockFile)) {
            return false;   // not started by zonky, or not yet: not ours to judge
        }
        try (RandomAccessFile f = new RandomAccessFile(lockFile.toFile(), "rw"); FileChannel ch = f.getChannel(); FileLock lock = ch.tryLock()) {
            return lock != null;
        } catch (java.nio.channels.OverlappingFileLockException e) {
            return false;   // held by this JVM
        }
    }

    /** Whether {@code postmaster.pid} in {@code dir} names a live process. */
    private static boolean serverRuns(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return false;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return true;   // being written: a server starts
        }
        try {
            return ProcessHandle.of(Long.parseLong(lines.get(0).trim())).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
