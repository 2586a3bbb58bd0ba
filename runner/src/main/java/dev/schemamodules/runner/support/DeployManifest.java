package dev.schemamodules.runner.support;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.schemamodules.core.api.ConfigurationException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A deploy manifest: the exact module releases an environment gets, where to resolve them from, and
 * the SHA-256 of every artifact. JSON, read with Jackson; unknown fields are refused (a typo must not
 * silently drop a pin). Shape (README, "Deploy manifests"):
 * <pre>
 * {
 *   "repositories": [
 *     {"id": "company", "url": "https://maven.example.com/releases", "usernameEnv": "MAVEN_USER", "passwordEnv": "MAVEN_PASSWORD"}
 *   ],
 *   "modules": [
 *     {"artifact": "dev.schemamodules:schema-modules-therapy:1.1.0", "sha256": "64 hex digits"}
 *   ]
 * }
 * </pre>
 * Every error names the file (and the line and column when Jackson knows them): a usage error, exit 2.
 *
 * @param file         where it was read from (for messages)
 * @param repositories where to resolve the artifacts, tried in order
 * @param modules      the pinned artifacts
 */
public record DeployManifest(Path file, List<Repository> repositories, List<Pin> modules) {

    private static final Pattern COORDINATES = Pattern.compile("([A-Za-z0-9_.-]+):([A-Za-z0-9_.-]+):([A-Za-z0-9_.+-]+)");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final Pattern REPOSITORY_ID = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                    DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    public DeployManifest {
        repositories = List.copyOf(repositories);
        modules = List.copyOf(modules);
    }

    /**
     * A Maven repository. {@code usernameEnv} / {@code passwordEnv} name environment variables that hold
     * the credentials (never the credentials themselves, which are never printed).
     */
    public record Repository(String id, String url, String usernameEnv, String passwordEnv) {

        @JsonCreator
        public Repository(@JsonProperty(value = "id") String id, @JsonProperty(value = "url", required = true) String url,
                          @JsonProperty("usernameEnv") String usernameEnv, @JsonProperty("passwordEnv") String passwordEnv) {
            this.id = id;
            this.url = url;
            this.usernameEnv = usernameEnv;
            this.passwordEnv = passwordEnv;
        }

        public boolean authenticated() {
            return usernameEnv != null || passwordEnv != null;
        }
    }

    /** One artifact, {@code groupId:artifactId:version}, and the SHA-256 of its jar (lower-case hex). */
    public record Pin(String artifact, String sha256) {

        @JsonCreator
        public Pin(@JsonProperty(value = "artifact", required = true) String artifact, @JsonProperty(value = "sha256", required = true) String sha256) {
            this.artifact = artifact;
            this.sha256 = sha256;
        }

        public String groupId() {
            return part(1);
        }

        public String artifactId() {
            return part(2);
        }

        public String version() {
            return part(3);
        }

        private String part(int group) {
            var m = COORDINATES.matcher(artifact);
            if (!m.matches()) {
                throw new IllegalStateException(artifact);
            }
            return m.group(group);
        }
    }

    private record Document(List<Repository> repositories, List<Pin> modules) {
        @JsonCreator
        Document(@JsonProperty(value = "repositories", required = true) List<Repository> repositories,
                 @JsonProperty(value = "modules", required = true) List<Pin> modules) {
            this.repositories = repositories;
            this.modules = modules;
        }
    }

    /** Reads and checks a manifest; every problem is a {@link ConfigurationException} naming the file. */
    public static DeployManifest read(Path file) {
        Document d;
        try {
            d = MAPPER.readValue(Files.readAllBytes(file), Document.class);
        } catch (NoSuchFileException e) {
            throw new ConfigurationException("--manifest " + file + ": no such file");
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new ConfigurationException("--manifest " + file + where + ": " + e.getOriginalMessage().replaceAll("\\s*\\n.*", "")
                    + " (see README, \"Deploy manifests\", for the format)");
        } catch (IOException e) {
            throw new ConfigurationException("--manifest " + file + ": cannot read it: " + e.getMessage());
        }
        return check(file, d);
    }

    private static DeployManifest check(Path file, Document d) {
        String f = "--manifest " + file + ": ";
        if (d.repositories() == null || d.repositories().isEmpty()) {
            throw new ConfigurationException(f + "\"repositories\" is empty: name at least one Maven repository (file: or https: URL)");
        }
        if (d.modules() == null || d.modules().isEmpty()) {
            throw new ConfigurationException(f + "\"modules\" is empty: a manifest names every module release it deploys");
        }
        List<Repository> repositories = new java.util.ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < d.repositories().size(); i++) {
            Repository r = d.repositories().get(i);
            if (r == null) {
                throw new ConfigurationException(f + "repositories[" + i + "] is null");
            }
            String id = r.id() == null ? "manifest-" + (i + 1) : r.id();
            if (!REPOSITORY_ID.matcher(id).matches()) {
                throw new ConfigurationException(f + "repository id '" + id + "' is invalid (letters, digits, '.', '_', '-')");
            }
            if (!ids.add(id)) {
                throw new ConfigurationException(f + "repository id '" + id + "' is listed twice");
            }
            String scheme = scheme(f, r.url());
            if (!Set.of("file", "https", "http").contains(scheme)) {
                throw new ConfigurationException(f + "repository " + id + ": URL scheme '" + scheme + "' is not supported (file:, https: or http:)");
            }
            for (String env : new String[] {r.usernameEnv(), r.passwordEnv()}) {
                if (env != null && !ENV_NAME.matcher(env).matches()) {
                    throw new ConfigurationException(f + "repository " + id + ": '" + env + "' is not an environment variable name");
                }
            }
            if ((r.usernameEnv() == null) != (r.passwordEnv() == null)) {
                throw new ConfigurationException(f + "repository " + id + ": give both usernameEnv and passwordEnv, or neither");
            }
            repositories.add(new Repository(id, r.url(), r.usernameEnv(), r.passwordEnv()));
        }
        Set<String> artifacts = new HashSet<>();
        for (int i = 0; i < d.modules().size(); i++) {
            Pin p = d.modules().get(i);
            if (p == null) {
                throw new ConfigurationException(f + "modules[" + i + "] is null");
            }
            if (!COORDINATES.matcher(p.artifact()).matches()) {
                throw new ConfigurationException(f + "modules[" + i + "]: artifact '" + p.artifact() + "' is not groupId:artifactId:version");
            }
            if (!SHA256.matcher(p.sha256().toLowerCase(Locale.ROOT)).matches()) {
                throw new ConfigurationException(f + "modules[" + i + "] (" + p.artifact() + "): sha256 '" + p.sha256()
                        + "' is not 64 hexadecimal digits (sha256sum prints it)");
            }
            String ga = p.groupId() + ":" + p.artifactId();
            if (!artifacts.add(ga)) {
                throw new ConfigurationException(f + ga + " is listed twice: a manifest pins one release per artifact");
            }
        }
        List<Pin> pins = d.modules().stream().map(p -> new Pin(p.artifact(), p.sha256().toLowerCase(Locale.ROOT))).toList();
        return new DeployManifest(file, repositories, pins);
    }

    private static String scheme(String f, String url) {
        if (url == null || url.isBlank()) {
            throw new ConfigurationException(f + "a repository has no \"url\"");
        }
        try {
            URI uri = new URI(url);
            if (uri.getRawUserInfo() != null) {
                throw new ConfigurationException(f + "a repository URL carries credentials: put them in environment variables named by usernameEnv and passwordEnv");
            }
            String scheme = uri.getScheme();
            if (scheme == null) {
                throw new ConfigurationException(f + "repository URL '" + url + "' has no scheme (file:, https: or http:)");
            }
            return scheme.toLowerCase(Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new ConfigurationException(f + "repository URL '" + url + "' is malformed: " + e.getMessage());
        }
    }
}
