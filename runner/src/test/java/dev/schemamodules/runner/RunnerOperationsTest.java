package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemamodules.testing.TestDatabase;
import dev.schemamodules.testing.ModuleFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dry-run, undo refusals, drift, baseline, backup, --log-file, --modules-dir and lint through the CLI, on real PostgreSQL. */
class RunnerOperationsTest {

    @TempDir
    Path work;

    private static List<String> relations(TestDatabase db) throws Exception {
        return db.column("SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast') ORDER BY 1");
    }

    @Test
    void dry_run_prints_the_sql_with_placeholders_resolved_and_changes_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            List<String> before = relations(db);
            CliRun r = CliRun.run(work, "dry-run", "--modules", "platform", "--url", db.uri());
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.out()).contains("module platform (schemas platform, auth): 3 migration(s)").contains("CREATE TABLE platform.extension_schemas")
                    .contains("V3__create_auth_schema.sql").doesNotContain("${schema");
            assertThat(r.err()).contains("nothing was changed");
            CliRun viaMigrate = CliRun.run(work, "migrate", "--dry-run", "--modules", "platform", "--url", db.uri());
            assertThat(viaMigrate.exitCode()).isZero();
            assertThat(viaMigrate.out()).contains("module platform (schemas platform, auth): 3 migration(s)");
            assertThat(viaMigrate.err()).contains("nothing was changed");
            assertThat(relations(db)).as("catalog unchanged").isEqualTo(before);
            assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname IN ('platform', 'auth')")).isEqualTo(0L);
        }
    }

    @Test
    void undo_is_refused_while_a_dependent_is_installed_and_cascade_reverts_the_dependent_first() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "messaging", "--url", db.uri()).exitCode()).isZero();
            CliRun refused = CliRun.run(work, "undo", "--module", "platform", "--steps", "1", "--url", db.uri());
            assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(refused.err()).contains("refusing to undo platform").contains("messaging").contains("--cascade");
            assertThat(db.count("SELECT count(*) FROM platform.flyway_schema_history WHERE type = 'SQL'")).as("nothing undone").isEqualTo(ModuleFiles.migrationCount("platform"));

            CliRun cascade = CliRun.run(work, "undo", "--module", "platform", "--steps", "1", "--cascade", "--discard-data", "--url", db.uri());
            assertThat(cascade.exitCode()).as(cascade.all()).isZero();
            assertThat(db.count("SELECT count(*) FROM messaging.flyway_schema_history WHERE type = 'SQL'")).as("messaging reverted first").isZero();
            assertThat(db.column("SELECT version FROM platform.flyway_schema_history WHERE type = 'SQL' ORDER BY 1")).containsExactly("1", "2");
        }
    }

    @Test
    void drift_exits_1_and_names_the_difference_in_json() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            CliRun clean = CliRun.run(work, "drift", "--modules", "platform", "--url", db.uri());
            assertThat(clean.exitCode()).as(clean.all()).isZero();
            assertThat(clean.out()).contains("no drift");

            db.execute("ALTER TABLE auth.users ADD COLUMN nickname text");
            CliRun drift = CliRun.run(work, "drift", "--json", "--modules", "platform", "--url", db.uri());
            assertThat(drift.exitCode()).as(drift.all()).isEqualTo(ExitCodes.FAILURE);
            JsonNode doc = JsonShape.assertShape(JsonShape.parse(drift.out()), "drift:boolean", "modules:array");
            assertThat(doc.get("drift").booleanValue()).isTrue();
            JsonShape.assertEachShape(doc.get("modules"), "name:string", "version:string", "differences:array");
            JsonNode platform = doc.get("modules").get(0);
            assertThat(platform.get("name").asText()).isEqualTo("platform");
            assertThat(platform.get("version").asText()).as("installed schema version").isEqualTo(ModuleFiles.latestVersion("platform"));
            JsonShape.assertEachShape(platform.get("differences"), "change:string", "object:string", "expected:string|null", "actual:string|null");
            JsonNode extra = null;
            for (JsonNode d : platform.get("differences")) {
                if (d.get("object").asText().equals("column auth.users.nickname")) {
                    extra = d;
                }
            }
            assertThat(extra).as("the added column in %s", platform.get("differences")).isNotNull();
            assertThat(extra.get("change").asText()).isEqualTo("extra");
            assertThat(extra.get("expected").isNull()).as("an extra column is not expected").isTrue();
            assertThat(extra.get("actual").asText()).contains("text");
        }
    }

    @Test
    void migrate_verifies_what_it_applied_and_verify_all_checks_every_applied_migration() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            int platform = dev.schemamodules.testing.ModuleFiles.migrationCount("platform");
            CliRun first = CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri());
            assertThat(first.exitCode()).as(first.all()).isZero();
            assertThat(first.out()).contains("verified: " + platform + " script(s) passed (this run's migrations");
            CliRun noop = CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri());
            assertThat(noop.out()).contains("nothing to migrate").contains("verified: 0 script(s) passed (nothing applied");
            CliRun all = CliRun.run(work, "migrate", "--modules", "platform", "--verify-all", "--url", db.uri());
            assertThat(all.exitCode()).as(all.all()).isZero();
            assertThat(all.out()).contains("verified: " + platform + " script(s) passed\n");
            CliRun both = CliRun.run(work, "migrate", "--no-verify", "--verify-all", "--url", db.uri());
            assertThat(both.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(both.err()).contains("--no-verify and --verify-all exclude each other");
        }
    }

    @Test
    void baseline_adopts_objects_created_outside_the_tool_and_migrate_then_has_nothing_to_do() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            db.execute("DROP TABLE platform.flyway_schema_history");
            CliRun wrong = CliRun.run(work, "baseline", "--module", "platform", "--version", "9", "--url", db.uri());
            assertThat(wrong.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(wrong.err()).contains("has no migration V9");

            CliRun ok = CliRun.run(work, "baseline", "--module", "platform", "--version", "3", "--url", db.uri());
            assertThat(ok.exitCode()).as(ok.all()).isZero();
            assertThat(ok.out()).contains("baselined platform at V3");
            CliRun migrate = CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri());
            assertThat(migrate.out()).contains("nothing to migrate");
        }
    }

    @Test
    void backup_into_an_unwritable_directory_refuses_to_migrate_and_leaves_the_database_untouched() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            Path locked = Files.createDirectory(work.resolve("locked"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-xr-xr-x")));
            CliRun r = CliRun.run(work, "migrate", "--modules", "messaging", "--backup", locked.toString(), "--url", db.uri());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("backup failed, nothing was migrated").contains("not writable");
            assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'messaging'")).as("messaging not installed").isEqualTo(0L);
        }
    }

    @Test
    void backup_with_a_missing_pg_dump_refuses_with_a_clear_message() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            CliRun r = CliRun.run(work, "migrate", "--modules", "messaging", "--backup", "backups", "--pg-dump", "/nonexistent/pg_dump", "--url", db.uri());
            assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("pg_dump not found at /nonexistent/pg_dump");
            assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'messaging'")).isEqualTo(0L);

            CliRun notPgDump = CliRun.run(work, "migrate", "--modules", "messaging", "--backup", "backups", "--pg-dump", "/bin/false", "--url", db.uri());
            assertThat(notPgDump.exitCode()).isEqualTo(ExitCodes.FAILURE);
            assertThat(notPgDump.err()).contains("/bin/false is not PostgreSQL's pg_dump").doesNotContain("is version");
            assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'messaging'")).isEqualTo(0L);
        }
    }

    /**
     * With a pg_dump at least as new as the server the dump is written and the migration runs; with an
     * older one (Debian bookworm ships 15, the default test server is 17) migrate is refused naming both
     * versions. Which branch runs depends on the machine; both assert.
     */
    @Test
    void backup_runs_real_pg_dump_or_refuses_when_it_is_older_than_the_server() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            int server = ((Number) db.scalar("SELECT current_setting('server_version_num')::int / 10000")).intValue();
            int dump = newestPgDumpMajor();
            CliRun r = CliRun.run(work, "migrate", "--modules", "messaging", "--backup", "backups", "--url", db.uri());
            if (dump >= server) {
                assertThat(r.exitCode()).as(r.all()).isZero();
                try (var files = Files.list(work.resolve("backups"))) {
                    Path file = files.findFirst().orElseThrow();
                    assertThat(Files.size(file)).isPositive();
                }
                assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'messaging'")).isEqualTo(1L);
            } else {
                assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
                assertThat(r.err()).contains("older than the server (" + server + ")");
                assertThat(db.scalar("SELECT count(*) FROM pg_namespace WHERE nspname = 'messaging'")).isEqualTo(0L);
            }
        }
    }

    private static int newestPgDumpMajor() throws IOException, InterruptedException {
        int best = 0;
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (var s = Files.list(debian)) {
                for (Path d : s.toList()) {
                    if (Files.isExecutable(d.resolve("bin/pg_dump"))) {
                        best = Math.max(best, Integer.parseInt(d.getFileName().toString()));
                    }
                }
            }
        }
        return best;
    }

    @Test
    void log_file_gets_everything_printed_with_passwords_masked() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'log_probe') THEN "
                    + "CREATE ROLE log_probe LOGIN SUPERUSER PASSWORD 'Unl1kely-Log-Pw'; END IF; END $$");
            String hostPort = db.jdbcUrl().replaceFirst("jdbc:postgresql://([^/?]+)/.*", "$1");
            String url = "postgresql://log_probe:Unl1kely-Log-Pw@" + hostPort + "/" + db.name();
            CliRun r = CliRun.run(work, "--log-file", "run.log", "migrate", "--modules", "platform", "--url", url);
            assertThat(r.exitCode()).as(r.all()).isZero();
            String log = Files.readString(work.resolve("run.log"));
            assertThat(log).contains("applied  V1").contains("3 migration(s) applied").contains("log_probe:***@");
            assertThat(log).doesNotContain("Unl1kely-Log-Pw").doesNotContain("@|");
            assertThat(r.all()).doesNotContain("Unl1kely-Log-Pw");
        }
    }

    @Test
    void a_newer_module_release_in_modules_dir_wins_with_a_warning_and_its_new_migration_applies() throws Exception {
        Path dir = Files.createDirectory(work.resolve("modules"));
        writePlatformRelease(dir.resolve("platform-9.9.9.jar"));
        CliRun list = CliRun.run(work, "modules", "--modules-dir", dir.toString());
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.err()).contains("module platform: using 9.9.9 from").contains("instead of the built-in");
        assertThat(list.out()).containsPattern("platform\\s+9\\.9\\.9");
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun migrate = CliRun.run(work, "migrate", "--modules", "platform", "--modules-dir", dir.toString(), "--url", db.uri());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();
            assertThat(db.column("SELECT version FROM platform.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1", "2", "3", "4");
            assertThat(db.scalar("SELECT to_regclass('platform.release_marker')")).isNotNull();
        }
    }

    /** A platform jar "released on its own": same class, version 9.9.9, one more migration. */
    private static void writePlatformRelease(Path jar) throws IOException {
        ClassLoader cl = RunnerOperationsTest.class.getClassLoader();
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            put(out, "dev/schemamodules/core/platform/PlatformSchemaModule.class", read(cl, "dev/schemamodules/core/platform/PlatformSchemaModule.class"));
            put(out, "META-INF/services/dev.schemamodules.core.api.SchemaModule", "dev.schemamodules.core.platform.PlatformSchemaModule\n".getBytes(StandardCharsets.UTF_8));
            put(out, "db/platform/module.properties", "name=platform\nversion=9.9.9\nschemas=platform,auth\nrequires=\n".getBytes(StandardCharsets.UTF_8));
            for (String kind : List.of("migration/V", "undo/U", "verify/V")) {
                for (String name : List.of("1__create_extensions.sql", "2__create_shared_functions.sql", "3__create_auth_schema.sql")) {
                    String path = "db/platform/" + kind + name;
                    put(out, path, read(cl, path));
                }
            }
            put(out, "db/platform/migration/V4__create_release_marker.sql", "CREATE TABLE release_marker (id int);".getBytes(StandardCharsets.UTF_8));
            put(out, "db/platform/undo/U4__create_release_marker.sql", "DROP TABLE release_marker;".getBytes(StandardCharsets.UTF_8));
            put(out, "db/platform/verify/V4__create_release_marker.sql", "SELECT 1 FROM release_marker LIMIT 1;".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static byte[] read(ClassLoader cl, String path) throws IOException {
        try (InputStream in = cl.getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    @Test
    void lint_passes_on_the_shipped_modules_and_reports_json() {
        CliRun r = CliRun.run(work, "lint", "--modules", "platform,therapy,messaging");
        assertThat(r.exitCode()).as(r.all()).isZero();
        CliRun json = CliRun.run(work, "lint", "--json", "--modules", "messaging");
        assertThat(json.exitCode()).as(json.all()).isZero();
        JsonNode doc = JsonShape.assertShape(JsonShape.parse(json.out()), "passed:boolean", "scripts:integer", "findings:array");
        assertThat(doc.get("passed").booleanValue()).isTrue();
        assertThat(doc.get("scripts").intValue()).as("messaging's migration, undo and seed scripts").isGreaterThanOrEqualTo(ModuleFiles.migrationCount("messaging"));
        JsonShape.assertEachShape(doc.get("findings"), "module:string", "file:string", "line:integer", "rule:string", "message:string", "waived:boolean",
                "waivedReason:string|null");
        for (JsonNode f : doc.get("findings")) {
            assertThat(f.get("waived").booleanValue()).as("passed: every finding waived, %s", f).isTrue();
            assertThat(f.get("waivedReason").asText()).as("a waiver has its reason").isNotBlank();
            assertThat(f.get("rule").asText()).matches("SM\\d{3}");
            assertThat(f.get("line").intValue()).isPositive();
        }
    }
}
