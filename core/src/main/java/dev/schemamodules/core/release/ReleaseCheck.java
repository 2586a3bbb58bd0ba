package dev.schemamodules.core.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Keeps released scripts immutable, without a database. For every module under a resources directory
 * ({@code <resources>/db/<module>/}) and every release manifest it has ({@code released/<version>.sha256}):
 * <ul>
 *   <li>each listed migration, undo and verify file still exists with the same SHA-256;</li>
 *   <li>while the module's version is still a released one, it has no script that release did not ship
 *       (a change needs a new version first, so one version never names two different sets of scripts);</li>
 *   <li>a migration no release shipped comes after the newest released one (Flyway would refuse it).</li>
 * </ul>
 * Problems name the file and the release. {@link #cut} writes a release's manifest.
 */
public final class ReleaseCheck {

    private ReleaseCheck() {
    }

    /** What one module's check saw. */
    public record ModuleResult(String module, List<String> releases, int releasedFiles, List<String> problems) {
    }

    /** Checks every module under {@code resources}; {@code moduleVersion} is the version being built. */
    public static List<ModuleResult> check(Path resources, String moduleVersion) {
        List<ModuleResult> results = new ArrayList<>();
        for (Path moduleRoot : moduleRoots(resources)) {
            results.add(checkModule(moduleRoot, moduleVersion));
        }
        return results;
    }

    /** The manifests of the module directory {@code moduleRoot} ({@code .../db/<module>}), oldest first. */
    public static List<ReleaseManifest> manifests(Path moduleRoot) {
        String module = moduleRoot.getFileName().toString();
        Path dir = moduleRoot.resolve(ReleaseManifest.DIRECTORY);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<String, ReleaseManifest> byVersion = new TreeMap<>(ReleaseVersion.ORDER);
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.filter(p -> p.getFileName().toString().endsWith(ReleaseManifest.SUFFIX)).toList()) {
                String name = f.getFileName().toString();
                String version = name.substring(0, name.length() - ReleaseManifest.SUFFIX.length());
                byVersion.put(version, ReleaseManifest.parse(module, version, Files.readString(f, StandardCharsets.UTF_8), display(f)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir, e);
        }
        return List.copyOf(byVersion.values());
    }

    /**
     * Writes {@code db/<module>/released/<version>.sha256} for every module under {@code resources}, listing
     * the scripts as they are now. Refuses a -SNAPSHOT version and a release already cut with other content;
     * cutting the same content again changes nothing. Returns one line per module.
     */
    public static List<String> cut(Path resources, String version) {
        if (ReleaseVersion.isSnapshot(version) || !version.matches("[0-9]+(\\.[0-9]+)*(-[A-Za-z0-9.]+)?")) {
            throw new IllegalArgumentException("release " + version + ": a release version is a plain version such as 1.0.0, not a -SNAPSHOT");
        }
        List<String> lines = new ArrayList<>();
        for (Path moduleRoot : moduleRoots(resources)) {
            String module = moduleRoot.getFileName().toString();
            ReleaseManifest now = ReleaseManifest.of(module, version, moduleRoot);
            Path file = moduleRoot.resolve(ReleaseManifest.DIRECTORY).resolve(version + ReleaseManifest.SUFFIX);
            try {
                if (Files.exists(file)) {
                    ReleaseManifest existing = ReleaseManifest.parse(module, version, Files.readString(file, StandardCharsets.UTF_8), display(file));
                    if (!existing.files().equals(now.files())) {
                        throw new IllegalStateException(display(file) + ": release " + version + " of " + module
                                + " was already cut with other scripts; a release is never cut twice (give the module a new version)");
                    }
                    lines.add(module + " " + version + ": already cut, unchanged (" + display(file) + ")");
                    continue;
                }
                if (now.files().isEmpty()) {
                    throw new IllegalStateException(display(moduleRoot) + ": module " + module + " has no migration to release");
                }
                Files.createDirectories(file.getParent());
                Files.writeString(file, now.format(), StandardCharsets.UTF_8);
                lines.add(module + " " + version + ": wrote " + display(file) + " (" + now.files().size() + " scripts)");
            } catch (IOException e) {
                throw new UncheckedIOException("writing " + file, e);
            }
        }
        return lines;
    }

    private static ModuleResult checkModule(Path moduleRoot, String moduleVersion) {
        String module = moduleRoot.getFileName().toString();
        List<String> problems = new ArrayList<>();
        List<ReleaseManifest> manifests;
        try {
            manifests = manifests(moduleRoot);
        } catch (IllegalArgumentException e) {
            return new ModuleResult(module, List.of(), 0, List.of(e.getMessage()));
        }
        int files = 0;
        MigrationVersion newestReleased = MigrationVersion.EMPTY;
        String newestReleasedBy = null;
        for (ReleaseManifest m : manifests) {
            String source = "release " + module + " " + m.version();
            String listed = ReleaseManifest.DIRECTORY + "/" + m.version() + ReleaseManifest.SUFFIX;
            for (Map.Entry<String, String> e : m.files().entrySet()) {
                files++;
                Path f = moduleRoot.resolve(e.getKey());
                if (!Files.isRegularFile(f)) {
                    problems.add(display(f) + ": deleted, but it is part of " + source + " (listed in " + listed + ")"
                            + ". Released scripts are immutable: restore it, and change the schema with a new migration.");
                    continue;
                }
                String now = sha256(f);
                if (!now.equals(e.getValue())) {
                    problems.add(display(f) + ": changed since " + source + " (SHA-256 " + e.getValue() + " in " + listed + ", "
                            + now + " now). Released scripts are immutable: restore it, and change the schema with a new migration.");
                }
                if (e.getKey().startsWith("migration/")) {
                    Optional<MigrationVersion> v = migrationVersion(e.getKey());
                    if (v.isPresent() && v.get().isNewerThan(newestReleased.getVersion())) {
                        newestReleased = v.get();
                        newestReleasedBy = m.version();
                    }
                }
            }
        }
        if (!manifests.isEmpty()) {
            List<String> current = new ArrayList<>(ReleaseManifest.of(module, moduleVersion, moduleRoot).files().keySet());
            Optional<ReleaseManifest> sameVersion = manifests.stream().filter(m -> m.version().equals(moduleVersion)).findFirst();
            for (String path : current) {
                boolean released = manifests.stream().anyMatch(m -> m.files().containsKey(path));
                if (released) {
                    continue;
                }
                Path f = moduleRoot.resolve(path);
                if (sameVersion.isPresent()) {
                    problems.add(display(f) + ": not part of release " + module + " " + moduleVersion
                            + ", but the module's version is still " + moduleVersion
                            + ": give the module a new version in its pom.xml (e.g. the next -SNAPSHOT) before changing its scripts.");
                }
                Optional<MigrationVersion> v = path.startsWith("migration/") ? migrationVersion(path) : Optional.empty();
                if (v.isPresent() && newestReleasedBy != null && !v.get().isNewerThan(newestReleased.getVersion())) {
                    problems.add(display(f) + ": version " + v.get() + " is not newer than V" + newestReleased
                            + ", the newest migration of release " + module + " " + newestReleasedBy
                            + ": a new migration must come after the released ones.");
                }
            }
        }
        return new ModuleResult(module, manifests.stream().map(ReleaseManifest::version).toList(), files, problems);
    }

    private static Optional<MigrationVersion> migrationVersion(String path) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        int sep = name.indexOf("__");
        if (!name.startsWith("V") || sep < 2) {
            return Optional.empty();
        }
        try {
            return Optional.of(MigrationVersion.fromVersion(name.substring(1, sep).replace('_', '.')));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<Path> moduleRoots(Path resources) {
        Path db = resources.resolve("db");
        if (!Files.isDirectory(db)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(db)) {
            return s.filter(Files::isDirectory).filter(p -> Files.isDirectory(p.resolve("migration"))).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + db, e);
        }
    }

    private static String sha256(Path f) {
        try {
            return ReleaseManifest.sha256(Files.readAllBytes(f));
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + f, e);
        }
    }

    /** A path as the user knows it: relative to the working directory when under it. */
    static String display(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
