package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.PlanException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.repository.RemoteRepository;
import org.eclipse.aether.repository.RepositoryPolicy;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.spi.connector.transport.TransporterFactory;
import org.eclipse.aether.supplier.RepositorySystemSupplier;
import org.eclipse.aether.transport.file.FileTransporterFactory;
import org.eclipse.aether.transport.jdk.JdkTransporterFactory;
import org.eclipse.aether.util.repository.AuthenticationBuilder;

/**
 * Resolves a {@link DeployManifest}'s artifacts with Maven Resolver (the library Maven itself uses: its
 * repository layout, checksums, snapshot metadata and caching) into a local cache directory laid out
 * like {@code ~/.m2/repository}, then checks every jar's SHA-256 against its pin before anything is
 * loaded. Transports: {@code file:} and the JDK's HttpClient for {@code http(s):}.
 */
public final class ManifestResolver {

    private ManifestResolver() {
    }

    /** A pinned artifact as resolved: its coordinates (a snapshot's resolved version included) and its jar, checksum verified. */
    public record ResolvedArtifact(DeployManifest.Pin pin, Path jar, String repository) {
    }

    /**
     * Resolves every pinned artifact into {@code cache} and verifies its SHA-256.
     *
     * @param environment where {@code usernameEnv} / {@code passwordEnv} are looked up
     * @throws ConfigurationException a credential variable is not set (exit 2)
     * @throws PlanException an artifact cannot be resolved, or its SHA-256 differs from the pin (exit 3)
     */
    public static List<ResolvedArtifact> resolve(DeployManifest manifest, Path cache, Map<String, String> environment, Console console) {
        List<RemoteRepository> repositories = new ArrayList<>();
        for (DeployManifest.Repository r : manifest.repositories()) {
            repositories.add(remote(r, environment));
        }
        try (Supplier supplier = new Supplier()) {
            RepositorySystem system = supplier.get();
            try (RepositorySystemSession.CloseableSession session = system.createSessionBuilder()
                    .withLocalRepositoryBaseDirectories(cache)
                    .setSystemProperties(System.getProperties())
                    .setChecksumPolicy(RepositoryPolicy.CHECKSUM_POLICY_FAIL)
                    .setConfigProperty("aether.connector.http.connectTimeout", 30_000)
                    .setConfigProperty("aether.connector.requestTimeout", 300_000)
                    .build()) {
                List<ArtifactRequest> requests = new ArrayList<>();
                for (DeployManifest.Pin p : manifest.modules()) {
                    requests.add(new ArtifactRequest(new DefaultArtifact(p.groupId(), p.artifactId(), "jar", p.version()), repositories, null));
                }
                List<ArtifactResult> results;
                try {
                    results = system.resolveArtifacts(session, requests);
                } catch (ArtifactResolutionException e) {
                    throw new PlanException("--manifest " + manifest.file() + ": " + unresolved(e.getResults(), manifest));
                }
                List<ResolvedArtifact> resolved = new ArrayList<>();
                for (int i = 0; i < results.size(); i++) {
                    DeployManifest.Pin pin = manifest.modules().get(i);
                    ArtifactResult result = results.get(i);
                    Path jar = result.getArtifact().getPath();
                    String actual = sha256(jar);
                    if (!actual.equals(pin.sha256())) {
                        throw new PlanException("--manifest " + manifest.file() + ": " + pin.artifact() + " does not match its pin: expected sha256 "
                                + pin.sha256() + ", actual " + actual + " (" + jar + ", from " + repositoryName(result) + "); nothing was run");
                    }
                    console.info("module release " + pin.artifact() + " resolved from " + repositoryName(result) + ", sha256 verified");
                    resolved.add(new ResolvedArtifact(pin, jar, repositoryName(result)));
                }
                return resolved;
            }
        }
    }

    private static RemoteRepository remote(DeployManifest.Repository r, Map<String, String> environment) {
        RemoteRepository.Builder b = new RemoteRepository.Builder(r.id(), "default", r.url());
        // releases never change once published: cached for good; snapshots are checked every time
        b.setReleasePolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_NEVER, RepositoryPolicy.CHECKSUM_POLICY_FAIL));
        b.setSnapshotPolicy(new RepositoryPolicy(true, RepositoryPolicy.UPDATE_POLICY_ALWAYS, RepositoryPolicy.CHECKSUM_POLICY_FAIL));
        if (r.authenticated()) {
            String user = environment.get(r.usernameEnv());
            String password = environment.get(r.passwordEnv());
            if (user == null || password == null) {
                throw new ConfigurationException("repository " + r.id() + ": environment variable " + (user == null ? r.usernameEnv() : r.passwordEnv())
                        + " is not set (it holds the repository's " + (user == null ? "user name" : "password") + ")");
            }
            b.setAuthentication(new AuthenticationBuilder().addUsername(user).addPassword(password).build());
        }
        return b.build();
    }

    private static String unresolved(List<ArtifactResult> results, DeployManifest manifest) {
        List<String> lines = new ArrayList<>();
        for (ArtifactResult r : results) {
            if (r.isResolved()) {
                continue;
            }
            String cause = r.getExceptions().isEmpty() ? "not found" : String.join("; ", r.getExceptions().stream()
                    .map(e -> String.valueOf(e.getMessage()).replaceAll("\\s+", " ")).distinct().toList());
            lines.add(r.getRequest().getArtifact() + " cannot be resolved from " + String.join(", ",
                    manifest.repositories().stream().map(x -> x.id() + " (" + x.url() + ")").toList()) + ": " + cause);
        }
        return lines.isEmpty() ? "resolution failed" : String.join("\n  ", lines);
    }

    private static String repositoryName(ArtifactResult r) {
        return r.getRepository() instanceof RemoteRepository remote ? remote.getId() + " (" + remote.getUrl() + ")" : "the cache";
    }

    /** Lower-case hex SHA-256 of a file's bytes, as {@code sha256sum} prints it. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new PlanException("cannot read " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default cache: {@code $XDG_CACHE_HOME/schema-modules/repository}, else {@code ~/.cache/schema-modules/repository}. */
    public static Path defaultCache(Map<String, String> environment) {
        String xdg = environment.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("schema-modules").resolve("repository");
    }

    /**
     * A repository system with this runner's transports; the caller shuts it down. (Tests use it to deploy
     * module jars into file repositories the way {@code mvn deploy} does.)
     */
    public static RepositorySystem repositorySystem() {
        return new Supplier().get();
    }

    /** Maven Resolver as Maven 3 wires it, with the file and JDK HttpClient transports (no Apache HttpClient). */
    private static final class Supplier extends RepositorySystemSupplier implements AutoCloseable {

        private RepositorySystem system;

        @Override
        protected Map<String, TransporterFactory> createTransporterFactories() {
            Map<String, TransporterFactory> factories = new LinkedHashMap<>();
            factories.put(FileTransporterFactory.NAME, new FileTransporterFactory());
            factories.put(JdkTransporterFactory.NAME, new JdkTransporterFactory(getChecksumExtractor(), getPathProcessor()));
            return factories;
        }

        @Override
        public RepositorySystem get() {
            if (system == null) {
                system = super.get();
            }
            return system;
        }

        @Override
        public void close() {
            if (system != null) {
                system.shutdown();
            }
        }
    }
}
