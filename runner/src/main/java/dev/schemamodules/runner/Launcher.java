package dev.schemamodules.runner;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Main class of the runner jar: makes {@code java -jar schema-modules-runner.jar ...} start fast without flags
 * the user must know. It runs the command ({@link Main}) in a second JVM started with a class-data sharing
 * archive of the runner's own classes, kept per user in {@code $XDG_CACHE_HOME/schema-modules/cds} (else
 * {@code ~/.cache/...}, a folder only the user can write) and written ({@code -XX:ArchiveClassesAtExit}, silently)
 * by the jar's first {@code migrate} that succeeds (until then, one written by the first other command that succeeds
 * serves), with the C1 compiler only and the serial collector: a
 * command that runs for a second or two spends most of it loading and compiling classes otherwise.
 * JVM options given to {@code java} before {@code -jar} are passed on; the command's exit code is this
 * process's; {@code kill} (SIGTERM, Ctrl-C) reaches the command, and if this process dies the command halts.
 *
 * <p>Runs the command in this JVM instead when {@code SCHEMA_MODULES_CDS=off}, when the JVM options already
 * choose a sharing archive or an ahead-of-time cache ({@code -Xshare}, {@code -XX:SharedArchiveFile},
 * {@code -XX:AOTCache}, ...), when not started as
 * {@code java -jar} on Linux, or when the cache folder cannot be used. Kept free of lambdas and string
 * concatenation (each costs a bootstrap in a JVM that does little else).
 * <p>One class over 250 lines on purpose: it is the first class the JVM loads, and every further class it loads
 * costs the start-up time it exists to save; its parts (options, archive cache, child process) share one
 * command line.
 */
public final class Launcher {

    /** Set in the command's JVM: this launcher's pid, watched so that the command halts when it dies. */
    static final String PARENT_PROPERTY = "schemamodules.launcher.pid";

    /** Other jars whose archives the cache keeps besides the running one's (see {@link #prune}). */
    static final int OTHER_JARS_KEPT = 3;

    /** Marks the name of an archive written by a command other than {@code migrate}. */
    static final String PARTIAL = ".partial";

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = command(args);
        if (command == null) {
            Main.main(args);
            return;
        }
        System.exit(run(command));
    }

    /** The command's JVM command line, or {@code null} to run in this JVM. */
    static List<String> command(String[] args) {
        if ("off".equalsIgnoreCase(System.getenv("SCHEMA_MODULES_CDS")) || System.getProperty(PARENT_PROPERTY) != null) {
            return null;
        }
        List<String> jvmOptions = jvmOptions();
        Path jar = ownJar();
        if (jvmOptions == null || jar == null) {
            return null;
        }
        Path cache = cacheDirectory();
        if (cache == null) {
            return null;
        }
        StringBuilder key = new StringBuilder().append(jar).append('|').append(System.getProperty("java.home")).append('|')
                .append(System.getProperty("java.vm.version"));
        try {
            key.append('|').append(Files.size(jar)).append('|').append(Files.getLastModifiedTime(jar).toMillis());
        } catch (IOException e) {
            return null;
        }
        String id = Integer.toHexString(key.toString().hashCode()) + Integer.toHexString(key.reverse().toString().hashCode());
        Path archive = cache.resolve(new StringBuilder("runner-").append(id).append(".jsa").toString());
        // written by a command other than migrate: without the classes of a deploy, which the next migrate then writes
        Path partial = cache.resolve(new StringBuilder("runner-").append(id).append(PARTIAL).append(".jsa").toString());
        Path unusable = cache.resolve(new StringBuilder("runner-").append(id).append(".none").toString());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-XX:TieredStopAtLevel=1");
        boolean gcChosen = false;
        for (String o : jvmOptions) {
            if (o.startsWith("-XX:+Use") && o.endsWith("GC")) {
                gcChosen = true;
            }
        }
        if (!gcChosen) {
            command.add("-XX:+UseSerialGC");
        }
        // the archive's own notes (classes it cannot store, such as picocli's Java 5 classes) are not the user's business
        command.add("-Xlog:cds=off");
        command.add("-Xlog:cds+dynamic=off");
        command.add("-Xshare:auto");
        boolean writable = !Files.exists(unusable) && worthArchiving(args);
        if (Files.isRegularFile(archive)) {
            command.add(new StringBuilder("-XX:SharedArchiveFile=").append(archive).toString());
        } else if (writable && deploys(args)) {
            command.add(new StringBuilder("-XX:ArchiveClassesAtExit=").append(temporary(archive)).toString());
        } else if (Files.isRegularFile(partial)) {
            command.add(new StringBuilder("-XX:SharedArchiveFile=").append(partial).toString());
        } else if (writable) {
            command.add(new StringBuilder("-XX:ArchiveClassesAtExit=").append(temporary(partial)).toString());
        }
        command.addAll(jvmOptions);
        command.add(new StringBuilder("-D").append(PARENT_PROPERTY).append('=').append(ProcessHandle.current().pid()).toString());
        command.add("-cp");
        command.add(jar.toString());
        command.add(Main.class.getName());
        for (String a : args) {
            command.add(a);
        }
        return command;
    }

    /** Runs {@code command} with this process's input, output and error; returns its exit code. */
    static int run(List<String> command) throws Exception {
        Process child = new ProcessBuilder(command).inheritIO().start();
        Thread stop = new Thread(new Stopper(child), "schema-modules-launcher-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = child.waitFor();
        for (String a : command) {
            if (a.startsWith("-XX:ArchiveClassesAtExit=")) {
                keep(Path.of(a.substring("-XX:ArchiveClassesAtExit=".length())), code);
            }
        }
        return code;
    }

    /** On SIGTERM / Ctrl-C of this process: the command gets SIGTERM and time to clean up, then this JVM ends with its exit code. */
    private static final class Stopper implements Runnable {
        private final Process child;

        Stopper(Process child) {
            this.child = child;
        }

        @Override
        public void run() {
            if (!child.isAlive()) {
                return;
            }
            child.destroy();
            try {
                if (!child.waitFor(60, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    child.waitFor(5, TimeUnit.SECONDS);
                }
                Runtime.getRuntime().halt(child.isAlive() ? 143 : child.exitValue());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** In the command's JVM: halts it when the launcher that started it is gone (killed with SIGKILL, say). */
    static void watchLauncher() {
        String pid = System.getProperty(PARENT_PROPERTY);
        if (pid == null) {
            return;
        }
        long launcher;
        try {
            launcher = Long.parseLong(pid);
        } catch (NumberFormatException e) {
            return;
        }
        Thread watch = new Thread(() -> {
            while (true) {
                long parent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (parent != launcher) {
                    Runtime.getRuntime().halt(137);   // as if killed with it: the database rolls back what was open
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "schema-modules-launcher-watch");
        watch.setDaemon(true);
        watch.start();
    }

    /** Whether the command is {@code migrate}, the one a deploy runs (its archive serves every command). */
    static boolean deploys(String[] args) {
        return "migrate".equals(commandWord(args));
    }

    /** The command the arguments name (the first word that is neither a top-level option nor its value), or {@code null}. */
    public static String commandWord(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (takesValue(a)) {
                i++;   // its value, given as a word of its own
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    /** The top-level options of the command line (RunnerCommand) that take a value. */
    static boolean takesValue(String option) {
        return option.equals("--log-file") || option.equals("--progress-every");
    }

    /** Help and version need no archive; an archive written by them would hold little. */
    private static boolean worthArchiving(String[] args) {
        if (args.length == 0) {
            return false;
        }
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V") || a.equals("help")) {
                return false;
            }
        }
        return true;
    }

    private static Path temporary(Path archive) {
        return archive.resolveSibling(new StringBuilder(archive.getFileName().toString()).append('.').append(ProcessHandle.current().pid())
                .append(".tmp").toString());
    }

    /**
     * Moves an archive written by a command that succeeded into place and prunes the cache ({@link #prune}); marks
     * this jar and JVM as unable to write one if such a command wrote none. A failed or killed command's archive is
     * dropped: the next run writes one.
     */
    private static void keep(Path written, int exitCode) {
        String name = written.getFileName().toString();
        Path archive = written.resolveSibling(name.substring(0, name.indexOf(".jsa") + 4));
        try {
            if (exitCode != 0) {
                // a failed command (a mistyped URL, say) stopped before loading most of what a run needs
                Files.deleteIfExists(written);
            } else if (Files.isRegularFile(written) && Files.size(written) > 0) {
                Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                prune(archive);
            } else {
                Files.deleteIfExists(written);
                String base = name.substring(0, name.indexOf(".jsa"));
                if (base.endsWith(PARTIAL)) {
                    base = base.substring(0, base.length() - PARTIAL.length());
                }
                Files.writeString(archive.resolveSibling(new StringBuilder(base).append(".none").toString()), "", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            // next run tries again
        }
    }

    /**
     * After {@code current} was written (the first run of a new or rebuilt jar): removes what other jars' runs left in
     * the cache, except the archives (or "cannot archive" marks) of the {@link #OTHER_JARS_KEPT} jars whose archives
     * were written last; an archive a killed run left half-written goes too once it is an hour old. Without it every
     * upgrade or rebuild of the jar would leave 15-25 MB behind for good. Files not named {@code runner-*} are not
     * touched; a file another run removes first, or that cannot be removed, is left alone.
     */
    static void prune(Path current) {
        Path[] others = new Path[16];
        long[] written = new long[16];
        int n = 0;
        long stale = System.currentTimeMillis() - 3_600_000L;
        String full = current.getFileName().toString();
        String partialOf = new StringBuilder(full.substring(0, full.length() - 4)).append(PARTIAL).append(".jsa").toString();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(current.getParent(), "runner-*")) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (p.equals(current) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                if (name.equals(partialOf)) {
                    remove(p);   // the full archive of the same jar replaces it
                    continue;
                }
                long time = Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis();
                if (name.endsWith(".tmp")) {
                    if (time < stale) {
                        remove(p);
                    }
                } else if (name.endsWith(".jsa") || name.endsWith(".none")) {
                    if (n == others.length) {
                        others = java.util.Arrays.copyOf(others, n * 2);
                        written = java.util.Arrays.copyOf(written, n * 2);
                    }
                    // newest first (insertion sort: a lambda would cost a bootstrap)
                    int i = n++;
                    while (i > 0 && written[i - 1] < time) {
                        others[i] = others[i - 1];
                        written[i] = written[i - 1];
                        i--;
                    }
                    others[i] = p;
                    written[i] = time;
                }
            }
            for (int i = OTHER_JARS_KEPT; i < n; i++) {
                remove(others[i]);
            }
        } catch (IOException | RuntimeException e) {
            // what is left is tried again when the next archive is written
        }
    }

    private static void remove(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // left for the next pruning
        }
    }

    /**
     * The options given to this JVM before {@code -jar}, from {@code /proc/self/cmdline}; {@code null} when not
     * started as {@code java ... -jar <jar>} or when they choose a sharing archive or cache themselves
     * ({@link #jvmOptions(List)}).
     */
    private static List<String> jvmOptions() {
        byte[] raw;
        try {
            raw = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        List<String> all = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == 0) {
                all.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        return jvmOptions(all);
    }

    /**
     * Of a whole {@code java} command line ({@code all}, the program first), the options before {@code -jar};
     * {@code null} when there is no {@code -jar}, when a class path or module path is given, or when an option chooses
     * (or writes) a class-data sharing archive or, on JDK 24 and later, an ahead-of-time cache ({@code -XX:AOTCache=…},
     * {@code -XX:AOTCacheOutput=…}, {@code -XX:AOTMode=…}, {@code -XX:AOTConfiguration=…}): the JVM refuses such a cache
     * beside the launcher's archive, so the command then runs in this JVM, with the user's own options.
     */
    static List<String> jvmOptions(List<String> all) {
        List<String> options = new ArrayList<>();
        for (int i = 1; i < all.size(); i++) {
            String o = all.get(i);
            if (o.equals("-jar")) {
                return options;
            }
            if (o.startsWith("-Xshare") || o.startsWith("-XX:SharedArchiveFile") || o.startsWith("-XX:ArchiveClassesAtExit")
                    || o.startsWith("-XX:+AutoCreateSharedArchive") || o.startsWith("-XX:SharedClassListFile")
                    || o.startsWith("-XX:DumpLoadedClassList") || o.startsWith("-XX:AOT") || !o.startsWith("-")) {
                return null;
            }
            if (o.equals("-cp") || o.equals("-classpath") || o.equals("--class-path") || o.equals("--module-path") || o.equals("-p")) {
                return null;
            }
            options.add(o);
        }
        return null;
    }

    private static Path ownJar() {
        try {
            Path p = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? p.toAbsolutePath() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** {@code $XDG_CACHE_HOME/schema-modules/cds} (else {@code ~/.cache/...}), 0700 and the user's own; {@code null} if that cannot be had. */
    private static Path cacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        Path dir = base.resolve("schema-modules").resolve("cds");
        try {
            Files.createDirectories(base);
            Path[] levels = {base.resolve("schema-modules"), dir};
            for (Path p : levels) {
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    } catch (java.nio.file.FileAlreadyExistsException raced) {
                        // checked below
                    }
                }
                if (Files.isSymbolicLink(p) || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    return null;
                }
                PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
                if (view == null || !view.getOwner().getName().equals(System.getProperty("user.name"))) {
                    return null;
                }
                if (!view.readAttributes().permissions().equals(PosixFilePermissions.fromString("rwx------"))) {
                    view.setPermissions(PosixFilePermissions.fromString("rwx------"));
                }
            }
            return File.separatorChar == '/' ? dir : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
