package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.schemamodules.runner.support.ManifestResolver;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.deployment.DeployRequest;
import org.eclipse.aether.repository.RemoteRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploy manifests through the CLI: module releases deployed to a Maven repository (the way
 * {@code mvn deploy} does, with Maven Resolver), pinned by SHA-256 in a manifest, resolved into a cache
 * and applied on real PostgreSQL; mismatches, bad manifests and wrong credentials refused before
 * connecting; precedence against built-in modules and {@code --modules-dir}.
 */
class ManifestTest {

    private static final String GROUP = "com.example.schemas";

    @TempDir
    Path work;

    /** Deploys {@code jar} as {@code GROUP:artifactId:version} into the file repository {@code repo}. */
    private static void deploy(Path jar, String artifactId, String version, Path repo) throws Exception {
        RepositorySystem system = ManifestResolver.repositorySystem();
        try (RepositorySystemSession.CloseableSession session = system.createSessionBuilder()
                .withLocalRepositoryBaseDirectories(Files.createTempDirectory("deploy-local")).setSystemProperties(System.getProperties()).build()) {
            DeployRequest request = new DeployRequest()
                    .addArtifact(new DefaultArtifact(GROUP, artifactId, "jar", version).setPath(jar))
                    .setRepository(new RemoteRepository.Builder("target", "default", repo.toUri().toString()).build());
            system.deploy(session, request);
        } finally {
            system.shutdown();
        }
    }

    private Path manifest(String repositories, String... modules) throws Exception {
        Path file = work.resolve("deploy.json");
        Files.writeString(file, "{\n  \"repositories\": [" + repositories + "],\n  \"modules\": [\n    " + String.join(",\n    ", modules) + "\n  ]\n}\n");
        return file;
    }

    private static String pin(String artifactId, String version, String sha256) {
        return "{\"artifact\": \"" + GROUP + ":" + artifactId + ":" + version + "\", \"sha256\": \"" + sha256 + "\"}";
    }

    private static String fileRepository(Path repo) {
        return "{\"id\": \"releases\", \"url\": \"" + repo.toUri() + "\"}";
    }

    /** A module that needs platform, in its own schema, released as {@code version} with {@code migrations} migrations. */
    private Path releaseJar(String name, String version, int migrations) throws Exception {
        ModuleJarBuilder b = ModuleJarBuilder.module(name, version, name.replace('-', '_')).requires("platform>=2");
        for (int i = 1; i <= migrations; i++) {
            b.migration(i, "create_t" + i, "CREATE TABLE t" + i + " (id integer);", "DROP TABLE t" + i + ";", "SELECT 1 FROM t" + i + " LIMIT 1;");
        }
        return b.writeTo(Files.createDirectories(work.resolve("build-" + name + "-" + version)));
    }

    @Test
    void migrate_applies_exactly_the_pinned_releases_and_info_names_their_coordinates() throws Exception {
        Path repo = work.resolve("repo");
        Path jar = releaseJar("ledger", "1.1.0", 2);
        deploy(jar, "ledger-schema", "1.1.0", repo);
        Path manifest = manifest(fileRepository(repo), pin("ledger-schema", "1.1.0", ManifestResolver.sha256(jar)));
        Path cache = work.resolve("cache");
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun migrate = CliRun.run(work, "migrate", "--manifest", manifest.toString(), "--cache", cache.toString(), "--url", db.uri());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();
            assertThat(migrate.all()).contains("resolved from releases").contains("sha256 verified").contains("plan: platform -> ledger");
            assertThat(db.column("SELECT version FROM ledger.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1", "2");
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('therapy', 'telehealth', 'medication', 'chatbot_crm', 'messaging')"))
                    .as("built-in modules the manifest does not name are not deployed").isZero();
            assertThat(Files.exists(cache.resolve("com/example/schemas/ledger-schema/1.1.0/ledger-schema-1.1.0.jar"))).as("cached in Maven layout").isTrue();

            CliRun info = CliRun.run(work, "info", "--json", "--manifest", manifest.toString(), "--cache", cache.toString(), "--url", db.uri());
            assertThat(info.exitCode()).as(info.all()).isZero();
            JsonNode modules = new ObjectMapper().readTree(info.out()).get("modules");
            assertThat(modules).hasSize(2);
            JsonNode ledger = modules.get(1);
            assertThat(ledger.get("name").asText()).isEqualTo("ledger");
            assertThat(ledger.get("version").asText()).isEqualTo("1.1.0");
            assertThat(ledger.get("source").get("kind").asText()).isEqualTo("manifest");
            assertThat(ledger.get("source").get("location").asText()).isEqualTo(GROUP + ":ledger-schema:1.1.0");
            assertThat(ledger.get("source").get("sha256").asText()).isEqualTo(ManifestResolver.sha256(jar));
            assertThat(modules.get(0).get("source").get("kind").asText()).as("platform comes with the runner").isEqualTo("built-in");

            // the deploy history: which runner, which releases from where, who, outcome
            Map<String, Object> row = db.query("SELECT runner_version, outcome, manifest, manifest_sha256, database_user = current_user AS by_me, "
                    + "application_name, os_user, finished_at IS NOT NULL AS finished, "
                    + "(SELECT m FROM jsonb_array_elements(modules) m WHERE m->>'name' = 'ledger')::text AS ledger FROM schema_modules.deploy_history").get(0);
            assertThat(row.get("outcome")).isEqualTo("succeeded");
            assertThat((String) row.get("runner_version")).as("the runner pom version, filled in by the build").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertThat(row.get("manifest")).isEqualTo(manifest.toString());
            assertThat(row.get("manifest_sha256")).isEqualTo(ManifestResolver.sha256(manifest));
            assertThat(row.get("by_me")).isEqualTo(true);
            assertThat(row.get("application_name")).isEqualTo("schema-modules-runner");
            assertThat(row.get("os_user")).isEqualTo(System.getProperty("user.name"));
            assertThat(row.get("finished")).isEqualTo(true);
            JsonNode recorded = new ObjectMapper().readTree((String) row.get("ledger"));
            assertThat(recorded.get("release").asText()).isEqualTo("1.1.0");
            assertThat(recorded.get("source").get("location").asText()).isEqualTo(GROUP + ":ledger-schema:1.1.0");
            assertThat(recorded.get("fromVersion").isNull()).isTrue();
            assertThat(recorded.get("toVersion").asText()).isEqualTo("2");
            assertThat(recorded.get("migrations").asInt()).isEqualTo(2);
            assertThat(migrate.out()).containsPattern("  ledger +1\\.1\\.0 +empty -> 2, 2 migration\\(s\\)  \\(manifest " + GROUP + ":ledger-schema:1\\.1\\.0;")
                    .contains("recorded in schema_modules.deploy_history (deploy 1)");
            // the summary's columns line up whatever the releases' lengths (here 1.1.0 next to the runner's own platform)
            List<String> summary = migrate.out().lines().filter(l -> l.matches("  (platform|ledger) .* empty -> .*")).toList();
            assertThat(summary).hasSize(2);
            assertThat(summary.get(0).indexOf("empty ->")).as(String.join("\n", summary)).isEqualTo(summary.get(1).indexOf("empty ->"));
            CliRun history = CliRun.run(work, "history", "--url", db.uri());
            assertThat(history.exitCode()).as(history.all()).isZero();
            assertThat(history.out()).contains("deploy 1").contains("succeeded").containsPattern("ledger +1\\.1\\.0 +- -> 2 +manifest " + GROUP);

            // the cache serves the next run even when the repository is gone
            deleteTree(repo);
            CliRun again = CliRun.run(work, "validate", "--manifest", manifest.toString(), "--cache", cache.toString(), "--url", db.uri());
            assertThat(again.exitCode()).as(again.all()).isZero();
        }
    }

    @Test
    void a_jar_that_does_not_match_its_pin_is_refused_before_connecting() throws Exception {
        Path repo = work.resolve("repo");
        Path jar = releaseJar("ledger", "1.0.0", 1);
        deploy(jar, "ledger-schema", "1.0.0", repo);
        String wrong = "0".repeat(64);
        Path manifest = manifest(fileRepository(repo), pin("ledger-schema", "1.0.0", wrong));
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun r = CliRun.run(work, "migrate", "--manifest", manifest.toString(), "--cache", work.resolve("cache").toString(), "--url", db.uri());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.PLAN);
            assertThat(r.err()).contains(GROUP + ":ledger-schema:1.0.0").contains("expected sha256 " + wrong)
                    .contains("actual " + ManifestResolver.sha256(jar)).contains("nothing was run");
            assertThat(r.all()).doesNotContain("database:");
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname IN ('ledger', 'platform')")).as("database unchanged").isZero();
        }
    }

    @Test
    void an_artifact_missing_from_the_repositories_is_named() throws Exception {
        Path repo = Files.createDirectories(work.resolve("empty-repo"));
        Path manifest = manifest(fileRepository(repo), pin("ledger-schema", "9.9.9", "a".repeat(64)));
        CliRun r = CliRun.run(work, "plan", "--offline", "--manifest", manifest.toString(), "--cache", work.resolve("cache").toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PLAN);
        assertThat(r.err()).contains(GROUP + ":ledger-schema:jar:9.9.9 cannot be resolved from releases (" + repo.toUri());
    }

    @Test
    void a_malformed_manifest_is_a_usage_error_naming_file_and_line() throws Exception {
        Path file = work.resolve("bad.json");
        Files.writeString(file, "{\n  \"repositories\": [],\n  \"modules\": [\n    {\"artifact\": \"a:b:1\", \"sha265\": \"x\"}\n  ]\n}\n");
        CliRun r = CliRun.run(work, "plan", "--offline", "--manifest", file.toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains(file + ":4:").contains("sha256");

        Files.writeString(file, "{\"repositories\": [{\"url\": \"https://u:secret@repo.example.com/m2\"}], \"modules\": [" + pin("x", "1", "a".repeat(64)) + "]}");
        CliRun credentials = CliRun.run(work, "plan", "--offline", "--manifest", file.toString());
        assertThat(credentials.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(credentials.err()).contains("usernameEnv").doesNotContain("secret");
    }

    @Test
    void manifest_and_modules_dir_do_not_combine() throws Exception {
        Path manifest = manifest(fileRepository(work.resolve("repo")), pin("ledger-schema", "1.0.0", "a".repeat(64)));
        CliRun r = CliRun.run(work, "plan", "--offline", "--manifest", manifest.toString(), "--modules-dir", Files.createDirectories(work.resolve("d")).toString());
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("--manifest and --modules-dir cannot be combined");
    }

    @Test
    void an_https_style_repository_is_read_over_http_with_credentials_from_the_environment() throws Exception {
        Path repo = work.resolve("repo");
        Path jar = releaseJar("ledger", "1.0.0", 1);
        deploy(jar, "ledger-schema", "1.0.0", repo);
        String expected = "Basic " + Base64.getEncoder().encodeToString("deployer:s3cret-pw".getBytes(StandardCharsets.UTF_8));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/m2/", exchange -> {
            Path file = repo.resolve(exchange.getRequestURI().getPath().substring("/m2/".length())).normalize();
            boolean authorized = expected.equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (!authorized) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"m2\"");
            }
            int status = !authorized ? 401 : file.startsWith(repo) && Files.isRegularFile(file) ? 200 : 404;
            byte[] body = status == 200 ? Files.readAllBytes(file) : new byte[0];
            boolean head = "HEAD".equals(exchange.getRequestMethod());
            exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/m2/";
            Path manifest = manifest("{\"id\": \"company\", \"url\": \"" + url + "\", \"usernameEnv\": \"REPO_USER\", \"passwordEnv\": \"REPO_PASSWORD\"}",
                    pin("ledger-schema", "1.0.0", ManifestResolver.sha256(jar)));

            CliRun missing = CliRun.run(work, Map.of("REPO_USER", "deployer"), "plan", "--offline", "--manifest", manifest.toString(),
                    "--cache", work.resolve("cache-1").toString());
            assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(missing.err()).contains("REPO_PASSWORD is not set");

            CliRun wrong = CliRun.run(work, Map.of("REPO_USER", "deployer", "REPO_PASSWORD", "not-it"), "plan", "--offline", "--manifest",
                    manifest.toString(), "--cache", work.resolve("cache-2").toString());
            assertThat(wrong.exitCode()).isEqualTo(ExitCodes.PLAN);
            assertThat(wrong.err()).contains("cannot be resolved from company").contains("authentication").doesNotContain("not-it");

            CliRun ok = CliRun.run(work, Map.of("REPO_USER", "deployer", "REPO_PASSWORD", "s3cret-pw"), "plan", "--offline", "--manifest",
                    manifest.toString(), "--cache", work.resolve("cache-3").toString());
            assertThat(ok.exitCode()).as(ok.all()).isZero();
            assertThat(ok.all()).contains("resolved from company").contains("ledger").doesNotContain("s3cret-pw");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_failed_migrate_is_recorded_as_failed_with_its_error_and_a_modules_dir_release_as_dir() throws Exception {
        Path dir = Files.createDirectories(work.resolve("modules"));
        ModuleJarBuilder.module("ledger", "2.0.0", "ledger").requires("platform>=2")
                .migration(1, "create_t1", "CREATE TABLE t1 (id integer);", "DROP TABLE t1;", "SELECT 1 FROM t1 LIMIT 1;")
                .migration(2, "broken", "ALTER TABLE no_such_table ADD COLUMN x integer;", "SELECT 1;", "SELECT 1;")
                .writeTo(dir);
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun r = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", dir.toString(), "--url", db.uri());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
            Map<String, Object> row = db.query("SELECT outcome, error, finished_at IS NOT NULL AS finished, "
                    + "(SELECT m FROM jsonb_array_elements(modules) m WHERE m->>'name' = 'ledger')::text AS ledger, "
                    + "(SELECT m->'source'->>'kind' FROM jsonb_array_elements(modules) m WHERE m->>'name' = 'platform') AS platform_source "
                    + "FROM schema_modules.deploy_history").get(0);
            assertThat(row.get("outcome")).isEqualTo("failed");
            assertThat(row.get("finished")).isEqualTo(true);
            assertThat((String) row.get("error")).contains("no_such_table");
            JsonNode ledger = new ObjectMapper().readTree((String) row.get("ledger"));
            assertThat(ledger.get("release").asText()).isEqualTo("2.0.0");
            assertThat(ledger.get("source").get("kind").asText()).isEqualTo("dir");
            assertThat(ledger.get("source").get("location").asText()).endsWith("ledger-2.0.0.jar");
            assertThat(row.get("platform_source")).isEqualTo("built-in");
            assertThat(db.column("SELECT nspname FROM pg_namespace WHERE nspname LIKE 'schema_modules%'")).as("the runner's own schema only")
                    .containsExactly("schema_modules");
            assertThat(db.column("SELECT relname FROM pg_class WHERE relnamespace = 'schema_modules'::regnamespace ORDER BY 1"))
                    .containsExactly("deploy_history", "deploy_history_id_seq", "idx_deploy_history_started_at", "pk_deploy_history");
        }
    }

    private static void deleteTree(Path root) throws Exception {
        try (var s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
