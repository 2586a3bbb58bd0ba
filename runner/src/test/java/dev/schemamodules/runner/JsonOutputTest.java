package dev.schemamodules.runner;

import static dev.schemamodules.runner.JsonShape.assertEachShape;
import static dev.schemamodules.runner.JsonShape.assertShape;
import static dev.schemamodules.runner.JsonShape.parse;
import static dev.schemamodules.runner.JsonShape.strings;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.runner.json.JsonOutput;
import dev.schemamodules.runner.json.LocksJson;
import dev.schemamodules.testing.ModuleFiles;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --json} documents of plan, dry-run and history, parsed whole with Jackson and checked field by field, on
 * real PostgreSQL (info, verify, drift and lint are checked where their commands are tested). The lock report's
 * serialization is checked on a report built here: a real {@code locks} run takes tens of seconds (LocksCommandTest).
 */
class JsonOutputTest {

    @TempDir
    Path work;

    private static final String[] PLAN_MODULE_OFFLINE = {"name:string", "version:string", "schemas:array", "requires:array", "requested:boolean",
        "latestVersion:string"};
    private static final String[] PLAN_MODULE = {"name:string", "version:string", "schemas:array", "requires:array", "requested:boolean",
        "latestVersion:string", "installedVersion:string|null", "pending:array", "problems:array"};

    @Test
    void plan_offline_has_order_and_versions_but_no_database_fields() {
        CliRun r = CliRun.run(work, "plan", "--offline", "--json", "--modules", "telehealth", "--seed", "dev");
        assertThat(r.exitCode()).as(r.all()).isZero();
        JsonNode doc = assertShape(parse(r.out()), "seed:string", "modules:array");
        assertThat(doc.get("seed").asText()).isEqualTo("dev");
        assertEachShape(doc.get("modules"), PLAN_MODULE_OFFLINE);
        assertThat(doc.get("modules").findValuesAsText("name")).containsExactly("platform", "telehealth");
        JsonNode platform = doc.get("modules").get(0);
        JsonNode telehealth = doc.get("modules").get(1);
        assertThat(platform.get("requested").booleanValue()).as("pulled in as a dependency").isFalse();
        assertThat(platform.get("requires")).isEmpty();
        assertThat(telehealth.get("requested").booleanValue()).isTrue();
        assertThat(telehealth.get("latestVersion").asText()).isEqualTo(ModuleFiles.latestVersion("telehealth"));
        assertEachShape(telehealth.get("requires"), "module:string", "minimumVersion:string");
        assertThat(telehealth.get("requires").get(0).get("module").asText()).isEqualTo("platform");
        assertThat(telehealth.get("requires").get(0).get("minimumVersion").asText()).isEqualTo("1");
        assertThat(strings(telehealth.get("schemas"))).containsExactly("telehealth");
    }

    @Test
    void plan_dry_run_and_history_on_a_database() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun plan = CliRun.run(work, "plan", "--json", "--modules", "therapy", "--url", db.uri());
            assertThat(plan.exitCode()).as(plan.all()).isZero();
            JsonNode doc = assertShape(parse(plan.out()), "seed:null", "modules:array", "preflight:object");
            assertEachShape(doc.get("modules"), PLAN_MODULE);
            JsonNode therapy = doc.get("modules").get(1);
            assertThat(therapy.get("installedVersion").isNull()).as("not installed").isTrue();
            assertEachShape(therapy.get("pending"), JsonShape.MIGRATION);
            assertThat(therapy.get("pending")).hasSize(ModuleFiles.migrationCount("therapy"));
            assertThat(therapy.get("pending").get(0).get("installedOn").isNull()).as("pending: not installed").isTrue();
            JsonNode preflight = assertShape(doc.get("preflight"), "ok:boolean", "problems:array", "notes:array", "ahead:array");
            assertThat(preflight.get("ok").booleanValue()).isTrue();
            assertThat(preflight.get("problems")).isEmpty();

            CliRun dryRun = CliRun.run(work, "dry-run", "--json", "--modules", "platform", "--url", db.uri());
            assertThat(dryRun.exitCode()).as(dryRun.all()).isZero();
            JsonNode script = assertShape(parse(dryRun.out()), "modules:array");
            assertEachShape(script.get("modules"), "name:string", "scripts:array");
            JsonNode scripts = assertEachShape(script.get("modules").get(0).get("scripts"), "version:string|null", "script:string", "sql:string",
                    "transactional:boolean");
            assertThat(scripts).hasSize(ModuleFiles.migrationCount("platform"));
            assertThat(scripts.get(0).get("version").asText()).isEqualTo("1");
            assertThat(scripts.get(0).get("sql").asText()).as("the script's text, placeholders resolved").contains("CREATE").doesNotContain("${schema}");
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'platform'")).as("dry-run changed nothing").isZero();

            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            CliRun history = CliRun.run(work, "history", "--json", "--url", db.uri());
            assertThat(history.exitCode()).as(history.all()).isZero();
            JsonNode deploys = assertShape(parse(history.out()), "deploys:array").get("deploys");
            assertThat(deploys).hasSize(1);
            JsonNode deploy = assertShape(deploys.get(0), "id:integer", "startedAt:string", "finishedAt:string", "command:string", "runnerVersion:string",
                    "manifest:null", "manifestSha256:null", "modules:array", "outcome:string", "error:null", "databaseUser:string", "clientAddr:string|null",
                    "clientHost:string|null", "osUser:string|null", "applicationName:string|null");
            assertThat(deploy.get("command").asText()).isEqualTo("migrate");
            assertThat(deploy.get("outcome").asText()).isEqualTo("succeeded");
            assertThat(deploy.get("startedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            JsonNode module = assertEachShape(deploy.get("modules"), "name:string", "release:string", "source:object", "fromVersion:null",
                    "toVersion:string", "migrations:integer", "state:string").get(0);
            assertThat(module.get("name").asText()).isEqualTo("platform");
            assertThat(module.get("toVersion").asText()).isEqualTo(ModuleFiles.latestVersion("platform"));
            assertThat(module.get("migrations").intValue()).isEqualTo(ModuleFiles.migrationCount("platform"));
            assertThat(module.get("state").asText()).isEqualTo("migrated");
            assertShape(module.get("source"), JsonShape.SOURCE_BUILT_IN);
        }
    }

    @Test
    void locks_report_serializes_every_field_with_its_type() {
        LockReport.Probe writer = new LockReport.Probe(120, 4.26, 0.04, 1, Optional.of("ERROR: column \"x\" does not exist"));
        LockReport.Probe reader = new LockReport.Probe(300, 2.0, 0, 0, Optional.empty());
        LockReport report = new LockReport(1000, 200, List.of(new LockReport.Migration("telehealth", "6.1", "V6.1__validate.sql", true, 498.66,
                List.of(new LockReport.LoadedTable("telehealth.consultations", 1000, Optional.empty())),
                List.of(new LockReport.HeldLock("telehealth.consultations", "ShareUpdateExclusiveLock", 490.04, false, false)),
                List.of(new LockReport.TableEffect("telehealth.consultations", false, 1, 0, 0, 0)), writer, reader,
                List.of("a writer waited 250 ms for a lock (budget 200 ms)"), List.of(), Optional.empty(),
                List.of(new LockReport.StatementEffect(1, "ALTER TABLE consultations VALIDATE CONSTRAINT fk", 480.04,
                        List.of(new LockReport.TableEffect("telehealth.consultations", false, 1, 0, 0, 0)))))));

        JsonNode doc = assertShape(parse(JsonOutput.write(LocksJson.of(report))), "rowsPerTable:integer", "budgetMillis:integer", "overBudget:boolean",
                "migrations:array");
        assertThat(doc.get("overBudget").booleanValue()).as("over budget, not waived").isTrue();
        JsonNode m = assertEachShape(doc.get("migrations"), "module:string", "version:string", "script:string", "transactional:boolean",
                "totalMillis:number", "tables:array", "locks:array", "effects:array", "writer:object", "reader:object", "statements:array",
                "overBudget:boolean", "waitsOverBudget:array", "growsWithRows:array", "waiver:null").get(0);
        assertThat(m.get("totalMillis").doubleValue()).as("rounded to 0.1 ms").isEqualTo(498.7);
        assertThat(m.get("version").asText()).isEqualTo("6.1");
        JsonNode table = assertEachShape(m.get("tables"), "table:string", "rows:integer", "failure:null").get(0);
        assertThat(table.get("rows").longValue()).isEqualTo(1000);
        JsonNode lock = assertEachShape(m.get("locks"), "table:string", "mode:string", "heldMillis:number", "blocksWriters:boolean", "blocksReaders:boolean").get(0);
        assertThat(lock.get("heldMillis").doubleValue()).isEqualTo(490.0);
        assertEachShape(m.get("effects"), "table:string", "rewritten:boolean", "seqScans:integer", "rowsInserted:integer", "rowsUpdated:integer",
                "rowsDeleted:integer");
        assertShape(m.get("writer"), "statements:integer", "longestStatementMillis:number", "longestLockWaitMillis:number", "errors:integer",
                "firstError:string");
        assertThat(m.get("writer").get("firstError").asText()).as("escaped and read back").isEqualTo("ERROR: column \"x\" does not exist");
        assertThat(m.get("writer").get("longestStatementMillis").doubleValue()).isEqualTo(4.3);
        assertShape(m.get("reader"), "statements:integer", "longestStatementMillis:number", "longestLockWaitMillis:number", "errors:integer",
                "firstError:null");
        assertThat(strings(m.get("waitsOverBudget"))).containsExactly("a writer waited 250 ms for a lock (budget 200 ms)");
        JsonNode statement = assertEachShape(m.get("statements"), "number:integer", "statement:string", "millis:number", "effects:array").get(0);
        assertThat(statement.get("millis").doubleValue()).as("rounded to 0.1 ms").isEqualTo(480.0);
        assertEachShape(statement.get("effects"), "table:string", "rewritten:boolean", "seqScans:integer", "rowsInserted:integer", "rowsUpdated:integer",
                "rowsDeleted:integer");
    }
}
