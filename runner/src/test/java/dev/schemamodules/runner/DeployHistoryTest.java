package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy history through the CLI on real PostgreSQL: undo records itself like migrate (which runner, which
 * module releases, what was reverted, when, by whom), and a role without the privileges the history needs is
 * told exactly which one is missing and how to grant it, before anything changes.
 */
class DeployHistoryTest {

    @TempDir
    Path work;

    private Path ledger() throws Exception {
        Path dir = Files.createDirectories(work.resolve("modules"));
        ModuleJarBuilder.module("ledger", "2.0.0", "ledger")
                .migration(1, "create_t1", "CREATE TABLE t1 (id integer);", "DROP TABLE t1;", "SELECT 1 FROM t1 LIMIT 1;")
                .migration(2, "create_t2", "CREATE TABLE t2 (id integer);", "DROP TABLE t2;", "SELECT 1 FROM t2 LIMIT 1;")
                .migration(3, "create_t3", "CREATE TABLE t3 (id integer);", "DROP TABLE t3;", "SELECT 1 FROM t3 LIMIT 1;").writeTo(dir);
        return dir;
    }

    @Test
    void undo_is_recorded_with_runner_module_release_what_was_reverted_and_who() throws Exception {
        String dir = ledger().toString();
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun migrate = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", dir, "--url", db.uri(), "--no-verify");
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();

            CliRun undo = CliRun.run(work, "undo", "--module", "ledger", "--steps", "2", "--modules-dir", dir, "--url", db.uri());
            assertThat(undo.exitCode()).as(undo.all()).isZero();
            assertThat(undo.out()).contains("2 migration(s) undone").contains("recorded in schema_modules.deploy_history (deploy 2)");

            Map<String, Object> row = db.query("SELECT command, outcome, runner_version, database_user = current_user AS by_me, os_user, "
                    + "finished_at >= started_at AS timed, (SELECT m FROM jsonb_array_elements(modules) m WHERE m->>'name' = 'ledger')::text AS ledger "
                    + "FROM schema_modules.deploy_history WHERE id = 2").get(0);
            assertThat(row.get("command")).isEqualTo("undo");
            assertThat(row.get("outcome")).isEqualTo("succeeded");
            assertThat((String) row.get("runner_version")).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertThat(row.get("by_me")).isEqualTo(true);
            assertThat(row.get("os_user")).isEqualTo(System.getProperty("user.name"));
            assertThat(row.get("timed")).isEqualTo(true);
            JsonNode ledger = new ObjectMapper().readTree((String) row.get("ledger"));
            assertThat(ledger.get("release").asText()).isEqualTo("2.0.0");
            assertThat(ledger.get("source").get("kind").asText()).isEqualTo("dir");
            assertThat(ledger.get("fromVersion").asText()).isEqualTo("3");
            assertThat(ledger.get("toVersion").asText()).isEqualTo("1");
            assertThat(ledger.get("migrations").asInt()).isEqualTo(2);
            assertThat(ledger.get("state").asText()).isEqualTo("undone");
            assertThat(ledger.get("undoScripts")).extracting(JsonNode::asText).containsExactly("U3__create_t3.sql", "U2__create_t2.sql");

            CliRun history = CliRun.run(work, "history", "--url", db.uri());
            assertThat(history.exitCode()).as(history.all()).isZero();
            assertThat(history.out()).containsPattern("deploy 2 .* undo +succeeded").containsPattern("ledger +2\\.0\\.0 +3 -> 1 +dir .*\\(undone\\)");

            // a refused undo changes nothing and records nothing
            db.execute("INSERT INTO ledger.t1 VALUES (1)");
            CliRun refused = CliRun.run(work, "undo", "--module", "ledger", "--all", "--modules-dir", dir, "--url", db.uri());
            assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(db.count("SELECT count(*) FROM schema_modules.deploy_history")).isEqualTo(2);
        }
    }

    @Test
    void a_role_without_create_on_the_database_is_told_what_to_grant_and_works_once_the_schema_exists_for_it() throws Exception {
        String dir = ledger().toString();
        try (TestDatabase db = TestDatabase.empty()) {
            db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'history_deployer') THEN "
                    + "CREATE ROLE history_deployer LOGIN PASSWORD 'Hist-Deploy-Pw1'; END IF; END $$");
            db.execute("REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC; REVOKE CREATE ON DATABASE " + db.name() + " FROM history_deployer");
            db.execute("CREATE SCHEMA ledger AUTHORIZATION history_deployer");
            String hostPort = db.jdbcUrl().replaceFirst("jdbc:postgresql://([^/?]+)/.*", "$1");
            String url = "postgresql://history_deployer:Hist-Deploy-Pw1@" + hostPort + "/" + db.name();

            CliRun noCreate = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", dir, "--url", url, "--no-verify");
            assertThat(noCreate.exitCode()).as(noCreate.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(noCreate.err()).contains("role history_deployer may not create schema schema_modules: that needs the CREATE privilege on database "
                    + db.name()).contains("GRANT CREATE ON DATABASE " + db.name() + " TO history_deployer")
                    .contains("CREATE SCHEMA schema_modules AUTHORIZATION history_deployer").contains("nothing was changed");
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'schema_modules'")).isZero();
            assertThat(db.scalar("SELECT to_regclass('ledger.flyway_schema_history')")).as("nothing migrated").isNull();

            // the schema exists (owned by someone else) but the role may not create in it
            db.execute("CREATE SCHEMA schema_modules");
            CliRun noSchemaCreate = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", dir, "--url", url, "--no-verify");
            assertThat(noSchemaCreate.exitCode()).as(noSchemaCreate.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(noSchemaCreate.err()).contains("needs USAGE and CREATE on schema schema_modules")
                    .contains("GRANT USAGE, CREATE ON SCHEMA schema_modules TO history_deployer");
            assertThat(db.scalar("SELECT to_regclass('ledger.flyway_schema_history')")).as("nothing migrated").isNull();

            // granted on the schema only (no CREATE on the database): the history is created and written
            db.execute("GRANT USAGE, CREATE ON SCHEMA schema_modules TO history_deployer");
            CliRun ok = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", dir, "--url", url, "--no-verify");
            assertThat(ok.exitCode()).as(ok.all()).isZero();
            assertThat(db.query("SELECT database_user, outcome FROM schema_modules.deploy_history").get(0))
                    .containsEntry("database_user", "history_deployer").containsEntry("outcome", "succeeded");

            // a table the role may read but not write: named with its GRANT
            db.execute("ALTER TABLE schema_modules.deploy_history OWNER TO " + db.settings().user().orElseThrow()
                    + "; GRANT SELECT ON schema_modules.deploy_history TO history_deployer");
            CliRun noWrite = CliRun.run(work, "undo", "--module", "ledger", "--steps", "1", "--modules-dir", dir, "--url", url);
            assertThat(noWrite.exitCode()).as(noWrite.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(noWrite.err()).contains("may not write schema_modules.deploy_history")
                    .contains("GRANT SELECT, INSERT, UPDATE ON schema_modules.deploy_history TO history_deployer");
            assertThat(db.column("SELECT version FROM ledger.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank"))
                    .as("nothing undone").containsExactly("1", "2", "3");
        }
    }
}
