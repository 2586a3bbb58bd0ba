package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the embedded back-end's cluster goes, and which left-behind cluster folders are deleted. No SQL. */
class TestDataDirectoryTest {

    private static final String ME = System.getProperty("user.name");

    @TempDir
    Path tmp;

    @Test
    void tmpdir_leaves_the_folder_to_zonky() {
        TestDataDirectory.Choice c = TestDataDirectory.choose("tmpdir", tmp, 0, "dev");
        assertThat(c.parent()).isNull();
        assertThat(c.description()).contains("temporary folder");
    }

    @Test
    void a_folder_gets_a_private_folder_of_the_user_in_it() throws Exception {
        TestDataDirectory.Choice c = TestDataDirectory.choose(tmp.toString(), Path.of("/nonexistent"), 0, ME);
        assertThat(c.parent()).isEqualTo(tmp.resolve("schema-modules-test-" + ME));
        assertThat(Files.isDirectory(c.parent())).isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(c.parent()))).isEqualTo("rwx------");
    }

    @Test
    void a_folder_others_may_enter_or_someone_else_owns_is_refused() throws Exception {
        Path open = Files.createDirectory(tmp.resolve("schema-modules-test-" + ME));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertThatThrownBy(() -> TestDataDirectory.choose(tmp.toString(), Path.of("/nonexistent"), 0, ME))
                .hasMessageContaining("has mode rwxrwxrwx, not rwx------").hasMessageContaining(TestDataDirectory.ENV);
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwx------"));
        assertThat(TestDataDirectory.choose(tmp.toString(), Path.of("/nonexistent"), 0, ME).parent()).isEqualTo(open);
        // the folder of a user name that is not this JVM's: owned by someone else
        Files.createDirectory(tmp.resolve("schema-modules-test-someone-else"));
        assertThatThrownBy(() -> TestDataDirectory.choose(tmp.toString(), Path.of("/nonexistent"), 0, "someone-else"))
                .hasMessageContaining("belongs to " + ME + ", not to someone-else");
    }

    @Test
    void a_folder_that_cannot_be_created_is_named_with_the_setting() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "");
        assertThatThrownBy(() -> TestDataDirectory.choose(file.toString(), Path.of("/nonexistent"), 0, ME))
                .hasMessageContaining("cannot create the test server's data folder " + file.resolve("schema-modules-test-" + ME))
                .hasMessageContaining(TestDataDirectory.ENV);
    }

    @Test
    void auto_falls_back_to_the_temporary_folder_when_the_memory_folder_is_missing_or_not_tmpfs() throws Exception {
        TestDataDirectory.Choice missing = TestDataDirectory.choose("auto", tmp.resolve("no-such"), 0, "dev");
        assertThat(missing.parent()).isNull();
        assertThat(missing.description()).contains("is not a writable folder");
        // a JUnit temporary folder: on a disk on most systems, a tmpfs on some
        TestDataDirectory.Choice other = TestDataDirectory.choose("auto", tmp, 0, ME);
        if ("tmpfs".equals(Files.getFileStore(tmp).type())) {
            assertThat(other.parent()).isEqualTo(tmp.resolve("schema-modules-test-" + ME));
            assertThat(other.description()).isEqualTo("data directory in memory (" + tmp + ")");
        } else {
            assertThat(other.parent()).isNull();
            assertThat(other.description()).contains(tmp + " is not a tmpfs");
        }
    }

    @Test
    void auto_falls_back_when_the_memory_folder_has_too_little_free_space() {
        Path shm = Path.of("/dev/shm");
        TestDataDirectory.Choice c = TestDataDirectory.choose("auto", shm, Long.MAX_VALUE, "dev");
        assertThat(c.parent()).isNull();
        assertThat(c.description()).containsAnyOf("MB free, fewer than", "is not a tmpfs", "is not a writable folder");
    }

    @Test
    void sweep_deletes_only_old_unlocked_folders_without_a_live_server() throws Exception {
        Path stale = cluster("epg-stale", Duration.ofHours(1));
        Path young = cluster("epg-young", Duration.ofMinutes(1));
        Path locked = cluster("epg-locked", Duration.ofHours(1));
        Path running = cluster("epg-running", Duration.ofHours(1));
        Files.writeString(running.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n");
        touch(running, Duration.ofHours(1));
        Path dead = cluster("epg-dead-server", Duration.ofHours(1));
        Files.writeString(dead.resolve("postmaster.pid"), "2147483646\n");   // no such process
        touch(dead, Duration.ofHours(1));
        Path noLock = Files.createDirectory(tmp.resolve("epg-no-lock"));
        touch(noLock, Duration.ofHours(1));
        Path other = Files.createDirectory(tmp.resolve("not-a-cluster"));
        touch(other, Duration.ofHours(1));

        try (RandomAccessFile f = new RandomAccessFile(locked.resolve("epg-lock").toFile(), "rw"); FileChannel ch = f.getChannel();
             FileLock lock = ch.lock()) {
            assertThat(lock.isValid()).isTrue();   // held, as a running server's zonky holds it
            assertThat(TestDataDirectory.sweep(tmp, Duration.ofMinutes(10))).containsExactlyInAnyOrder(stale, dead);
        }
        assertThat(stale).doesNotExist();
        assertThat(dead).doesNotExist();
        assertThat(young).exists();
        assertThat(locked).exists();
        assertThat(running).exists();
        assertThat(noLock).exists();
        assertThat(other).exists();
    }

    @Test
    void sweep_of_no_folder_deletes_nothing() {
        assertThat(TestDataDirectory.sweep(null, Duration.ZERO)).isEmpty();
        assertThat(TestDataDirectory.sweep(tmp.resolve("missing"), Duration.ZERO)).isEmpty();
    }

    /** A cluster folder as zonky leaves it: its lock file and a file of the cluster's, last changed {@code age} ago. */
    private Path cluster(String name, Duration age) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Files.writeString(dir.resolve("epg-lock"), "");
        Files.createDirectories(dir.resolve("base/1"));
        Files.writeString(dir.resolve("base/1/1259"), "x");
        touch(dir, age);
        return dir;
    }

    private static void touch(Path dir, Duration age) throws Exception {
        Files.setLastModifiedTime(dir, FileTime.from(Instant.now().minus(age)));
    }
}
