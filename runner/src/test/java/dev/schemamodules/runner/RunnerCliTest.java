package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemamodules.testing.TestDatabase;
import dev.schemamodules.testing.ModuleFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerCliTest {

    @TempDir
    Path work;

    @Test
    void migrate_without_url_uses_a_persistent_embedded_postgres_and_info_json_reports_it() {
        CliRun first = CliRun.run(work, "migrate", "--modules", "platform", "--embedded-port", "0");
        assertThat(first.exitCode()).as(first.all()).isZero();
        assertThat(first.err()).contains("database: embedded PostgreSQL").contains("add --keep-running to keep it up");
        assertThat(first.out()).contains("applied  V1").contains("3 migration(s) applied");
        assertThat(work.resolve(".schema-modules/pgdata/PG_VERSION")).exists();

        CliRun info = CliRun.run(work, "info", "--json", "--modules", "platform", "--embedded-port", "0");
        assertThat(info.exitCode()).as(info.all()).isZero();
        JsonNode doc = JsonShape.assertShape(JsonShape.parse(info.out()), "modules:array");
        assertThat(doc.get("modules")).hasSize(1);
        JsonNode platform = JsonShape.assertShape(doc.get("modules").get(0), JsonShape.INFO_MODULE);
        assertThat(platform.get("name").asText()).isEqualTo("platform");
        assertThat(platform.get("installedVersion").asText()).isEqualTo(ModuleFiles.latestVersion("platform"));
        assertThat(platform.get("latestVersion").asText()).isEqualTo(ModuleFiles.latestVersion("platform"));
        assertThat(platform.get("state").asText()).isEqualTo("up to date");
        assertThat(JsonShape.strings(platform.get("schemas"))).containsExactly("platform", "auth");
        JsonShape.assertEachShape(platform.get("applied"), JsonShape.MIGRATION);
        assertThat(platform.get("applied")).as("every migration applied").hasSize(ModuleFiles.migrationCount("platform"));
        assertThat(platform.get("applied").get(0).get("version").asText()).isEqualTo("1");
        assertThat(platform.get("applied").get(0).get("installedOn").isTextual()).as("applied: installedOn is known").isTrue();
        assertThat(platform.get("pending")).isEmpty();
        assertThat(platform.get("problems")).isEmpty();
        JsonShape.assertShape(platform.get("source"), JsonShape.SOURCE_BUILT_IN);
        assertThat(platform.get("source").get("kind").asText()).isEqualTo("built-in");
        assertThat(info.err()).contains("embedded PostgreSQL");

        CliRun again = CliRun.run(work, "migrate", "--modules", "platform", "--embedded-port", "0");
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).as("data directory kept between runs").contains("nothing to migrate");
    }

    @Test
    void plan_errors_exit_3_before_any_connection_is_attempted() {
        CliRun r = CliRun.run(work, "migrate", "--modules", "no-such-module", "--url", "postgresql://u:pw@127.0.0.1:1/x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.PLAN);
        assertThat(r.err()).contains("unknown module 'no-such-module'").doesNotContain("connect");
    }

    @Test
    void bad_option_exits_2() {
        CliRun r = CliRun.run(work, "migrate", "--no-such-option");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("Unknown option");
    }

    @Test
    void malformed_url_exits_2_without_showing_the_password() {
        CliRun r = CliRun.run(work, "info", "--url", "mysql://root:hunter2@db/x");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.all()).contains("not a PostgreSQL URL").doesNotContain("hunter2");
    }

    @Test
    void unreachable_server_is_a_one_line_error_within_the_timeout_and_never_shows_the_password() {
        long start = System.nanoTime();
        CliRun r = CliRun.run(work, "migrate", "--modules", "platform", "--url", "postgresql://app:hunter2@127.0.0.1:1/appdb", "--connect-timeout", "3");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertThat(r.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err()).contains("cannot connect to postgresql://app:***@127.0.0.1:1/appdb").doesNotContain("at org.");
        assertThat(r.all()).doesNotContain("hunter2");
        assertThat(seconds).as("bounded by --connect-timeout").isLessThan(30);
    }

    @Test
    void migrate_validate_verify_undo_against_a_server_given_by_url() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun migrate = CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();
            assertThat(db.count("SELECT count(*) FROM platform.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(ModuleFiles.migrationCount("platform"));

            assertThat(CliRun.run(work, "validate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            CliRun verify = CliRun.run(work, "verify", "--json", "--modules", "platform", "--url", db.uri());
            assertThat(verify.exitCode()).as(verify.all()).isZero();
            JsonNode verified = JsonShape.assertShape(JsonShape.parse(verify.out()), "passed:boolean", "results:array");
            assertThat(verified.get("passed").booleanValue()).isTrue();
            JsonShape.assertEachShape(verified.get("results"), "module:string", "version:string", "script:string", "passed:boolean", "failure:null");
            assertThat(verified.get("results")).as("a result per applied migration with a verify script").isNotEmpty();
            assertThat(verified.get("results").get(0).get("module").asText()).isEqualTo("platform");

            CliRun undo = CliRun.run(work, "undo", "--module", "platform", "--steps", "1", "--discard-data", "--url", db.uri());
            assertThat(undo.exitCode()).as(undo.all()).isZero();
            assertThat(db.column("SELECT version FROM platform.flyway_schema_history WHERE type = 'SQL' ORDER BY 1")).containsExactly("1", "2");
            assertThat(db.scalar("SELECT to_regclass('auth.users')")).isNull();

            CliRun plan = CliRun.run(work, "plan", "--modules", "platform", "--url", db.uri());
            assertThat(plan.out()).contains("pending: 1").contains("V3__create_auth_schema.sql");
        }
    }

    @Test
    void database_url_is_read_from_dot_env_in_the_working_directory() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Files.writeString(work.resolve(".env"), "DATABASE_URL=" + db.uri() + "\n");
            CliRun r = CliRun.run(work, Map.of(), "migrate", "--modules", "platform");
            assertThat(r.exitCode()).as(r.all()).isZero();
            assertThat(r.err()).contains("from DATABASE_URL in");
            assertThat(db.count("SELECT count(*) FROM platform.flyway_schema_history WHERE type = 'SQL'")).isEqualTo(ModuleFiles.migrationCount("platform"));
        }
    }

    @Test
    void modules_lists_every_module_on_the_class_path() {
        CliRun r = CliRun.run(work, "modules");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("platform").contains("platform,auth");
    }
}
