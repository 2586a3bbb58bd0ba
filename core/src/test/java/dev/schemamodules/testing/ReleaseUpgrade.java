package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.internal.Resources;
import dev.schemamodules.core.release.ReleaseManifest;
import dev.schemamodules.core.release.ReleaseVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Upgrade test of one module: migrate an empty database to the module's <em>previous release</em>, insert
 * representative data with raw SQL, upgrade to today's scripts, run every verify script, then the caller's
 * checks that the data survived.
 *
 * <p>The previous release is the newest {@code db/<module>/released/<version>.sha256} manifest whose version
 * is not above the module's version (a module still at a released version upgrades from that release to
 * today's head: nothing pending, the data must still be there). Its scripts come from
 * <ol>
 *   <li>the git tag {@code <module directory>-<version>} (e.g. {@code therapy-schema-1.0.0}) when the test runs in
 *       a git clone that has it: {@code git show <tag>:<dir>/src/main/resources/db/<module>/<file>};</li>
 *   <li>else today's files, each only after its SHA-256 matched the manifest (a fresh CI clone may have no tags
 *       and no published jars; the build's release check guarantees released files did not change, and this
 *       harness checks again).</li>
 * </ol>
 * Either way every file is checked against the manifest. Seeds and the descriptor are today's (the
 * descriptor's schemas and requirements; seeds are not part of an upgrade test).
 *
 * <p>No manifest at or below the module's version: at the module's first release (1.0.0 or lower) there is
 * nothing to upgrade from, which the outcome says and the log prints; above 1.0.0 it is an error (the previous
 * release was never cut).
 */
public final class ReleaseUpgrade {

    /** The first release version: below or at it, a module without a release manifest is not an error. */
    public static final String FIRST_RELEASE = "1.0.0";

    /** Checks on the upgraded database. */
    @FunctionalInterface
    public interface Check {
        void check(TestDatabase db) throws Exception;
    }

    /** What the upgrade test did. {@code previousRelease} is empty at a module's first release. */
    public record Outcome(String module, String version, Optional<String> previousRelease, String scriptsFrom,
                          int migrationsOfPreviousRelease, List<String> upgradeApplied) {
    }

    private final String module;
    private final List<String> data = new ArrayList<>();

    private ReleaseUpgrade(String module) {
        this.module = module;
    }

    public static ReleaseUpgrade of(String module) {
        return new ReleaseUpgrade(module);
    }

    /** Raw SQL run on the previous release's schema, before the upgrade (default schema names). */
    public ReleaseUpgrade data(String sql) {
        data.add(sql);
        return this;
    }

    /** The module's release manifests shipped with it (its jar or classes), oldest first. */
    public static List<ReleaseManifest> manifests(ModuleDescriptor d) {
        String dir = d.resourceRoot() + "/" + ReleaseManifest.DIRECTORY;
        List<ReleaseManifest> out = new ArrayList<>();
        for (String file : Resources.list(d, dir)) {
            if (file.endsWith(ReleaseManifest.SUFFIX)) {
                String version = file.substring(0, file.length() - ReleaseManifest.SUFFIX.length());
                out.add(ReleaseManifest.parse(d.name(), version, Resources.read(d, dir, file), dir + "/" + file));
            }
        }
        out.sort((a, b) -> ReleaseVersion.compare(a.version(), b.version()));
        return out;
    }

    /** The release a module at its current version upgrades from, if one was cut. */
    public static Optional<ReleaseManifest> previousRelease(ModuleDescriptor d) {
        return manifests(d).stream().filter(m -> ReleaseVersion.compare(m.version(), d.version()) <= 0)
                .reduce((a, b) -> b);
    }

    /** Runs the upgrade test and the checks; returns what it did (also printed). */
    public Outcome assertDataSurvives(Check check) throws Exception {
        Plan today = TemplateDatabases.plan(List.of(module), "");
        ModuleDescriptor current = today.module(module).orElseThrow().descriptor();
        Optional<ReleaseManifest> previous = previousRelease(current);
        if (previous.isEmpty()) {
            assertThat(ReleaseVersion.compare(current.version(), FIRST_RELEASE))
                    .as("%s is at %s but has no release manifest at or below that version (db/%s/released/): its previous release"
                            + " was never cut, so there is nothing to upgrade from (README, \"Releasing a module\")",
                            module, current.version(), module)
                    .isLessThanOrEqualTo(0);
            System.out.printf("[upgrade] %s %s: first release, no previous release to upgrade from; this test upgrades from"
                    + " release %s once it is cut%n", module, current.version(), FIRST_RELEASE);
            return new Outcome(module, current.version(), Optional.empty(), "none", 0, List.of());
        }
        ReleaseManifest release = previous.get();
        Path dir = Files.createTempDirectory("release-" + module + "-" + release.version());
        try {
            return upgrade(current, today, release, dir, check);
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private Outcome upgrade(ModuleDescriptor current, Plan today, ReleaseManifest release, Path dir, Check check) throws Exception {
        String from = materialize(current, release, dir);

        ModuleDescriptor old = ModuleDescriptor.builder(module).version(release.version()).description(current.description())
                .schemas(current.schemas()).requires(current.requires()).classLoader(new OwnDbClassLoader(dir, current.classLoader()))
                .origin(dir.toUri().toString()).build();
        List<ModuleDescriptor> descriptors = new ArrayList<>();
        ModuleRegistry.discover(Thread.currentThread().getContextClassLoader()).all().stream()
                .filter(d -> !d.name().equals(module)).forEach(descriptors::add);
        descriptors.add(old);
        Plan previousPlan = Planner.plan(ModuleRegistry.of(descriptors), PlanRequest.of(module));

        // the module's dependencies come from today's class path: start from their cached template
        List<String> dependencies = previousPlan.modules().stream().map(m -> m.name()).filter(n -> !n.equals(module)).toList();
        try (TestDatabase db = dependencies.isEmpty() ? TestDatabase.empty() : TestDatabase.create(dependencies, "")) {
            MigrateReport first = Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false))
                    .migrate(previousPlan, MigrationListener.NONE);
            int oldMigrations = (int) release.files().keySet().stream().filter(p -> p.startsWith("migration/") && p.endsWith(".sql")).count();  // not V<n>.sql.conf
            assertThat(first.modules().stream().filter(o -> o.module().equals(module)).mapToInt(o -> o.migrations()).sum())
                    .as("migrations of %s release %s applied", module, release.version()).isEqualTo(oldMigrations);
            for (String sql : data) {
                db.execute(sql);
            }
            List<String> applied = new ArrayList<>();
            // the upgrade, then every verify script of today's release (migrate fails on a failing one)
            MigrateReport upgrade = Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAll(true)).migrate(today, new MigrationListener() {
                @Override
                public void migrationApplied(String m, String version, String description, Duration duration) {
                    if (m.equals(module)) {
                        applied.add("V" + version);
                    }
                }
            });
            List<VerifyResult> verification = upgrade.verification();
            assertThat(verification).as("verify scripts of %s after upgrading from %s", module, release.version()).isNotEmpty()
                    .allSatisfy(v -> assertThat(v.passed()).as("%s %s: %s", v.module(), v.script(), v.failure().orElse("")).isTrue());
            check.check(db);
            System.out.printf("[upgrade] %s: release %s (%s) -> %s: applied %s; data checks passed%n", module, release.version(), from,
                    current.version(), applied.isEmpty() ? "nothing (no migration since that release)" : String.join(", ", applied));
            return new Outcome(module, current.version(), Optional.of(release.version()), from, oldMigrations, List.copyOf(applied));
        }
    }

    /** Writes the release's scripts under {@code dir/db/<module>/}; returns where they came from. */
    private static String materialize(ModuleDescriptor current, ReleaseManifest release, Path dir) throws IOException {
        Path basedir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        String tag = basedir.getFileName() + "-" + release.version();
        Optional<String> prefix = gitPrefixIfTagged(basedir, tag);
        String listed = ReleaseManifest.resourcePath(release.module(), release.version());
        for (Map.Entry<String, String> e : release.files().entrySet()) {
            String resource = current.resourceRoot() + "/" + e.getKey();
            byte[] bytes = prefix.isPresent()
                    ? git(basedir, "show", tag + ":" + prefix.get() + "src/main/resources/" + resource)
                    : todaysBytes(current, resource);
            assertThat(ReleaseManifest.sha256(bytes))
                    .as("%s from %s: SHA-256 must be the one %s lists", resource, prefix.isPresent() ? "git tag " + tag : "today's files", listed)
                    .isEqualTo(e.getValue());
            Path target = dir.resolve(resource);
            Files.createDirectories(target.getParent());
            Files.write(target, bytes);
        }
        return prefix.isPresent() ? "from git tag " + tag
                : "from today's files, " + release.files().size() + " checked against " + listed + " (no git tag " + tag + " here)";
    }

    private static byte[] todaysBytes(ModuleDescriptor current, String resource) throws IOException {
        URL url = null;
        for (URL u : Collections.list(current.classLoader().getResources(resource))) {
            if (url == null || u.toString().contains(current.origin().replaceFirst("^file:", ""))) {
                url = u;
            }
        }
        if (url == null) {
            throw new IOException(resource + " is listed in a release manifest but missing from the module");
        }
        try (InputStream in = url.openStream()) {
            return in.readAllBytes();
        }
    }

    /** The module directory's path inside the git work tree (e.g. {@code therapy-schema/}) when tag exists; else empty. */
    private static Optional<String> gitPrefixIfTagged(Path basedir, String tag) {
        try {
            git(basedir, "rev-parse", "-q", "--verify", "refs/tags/" + tag);
            return Optional.of(new String(git(basedir, "rev-parse", "--show-prefix"), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static byte[] git(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IOException("git is not available: " + e.getMessage(), e);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = p.getInputStream()) {
            in.transferTo(out);
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("git " + String.join(" ", args) + " did not finish within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0) {
            throw new IOException("git " + String.join(" ", args) + " exited with " + p.exitValue());
        }
        return out.toByteArray();
    }

    /** Serves {@code db/} resources only from the release's directory, everything else from the test class path. */
    static final class OwnDbClassLoader extends URLClassLoader {

        OwnDbClassLoader(Path dir, ClassLoader parent) throws MalformedURLException {
            super(new URL[] {dir.toUri().toURL()}, parent);
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("db/") ? findResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("db/") ? findResources(name) : super.getResources(name);
        }

        @Override
        public InputStream getResourceAsStream(String name) {
            if (!name.startsWith("db/")) {
                return super.getResourceAsStream(name);
            }
            URL url = findResource(name);
            try {
                return url == null ? null : url.openStream();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
