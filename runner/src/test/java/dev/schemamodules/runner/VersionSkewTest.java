package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Version skew (README, "Version skew"), through the CLI on real PostgreSQL: a database whose history of a module
 * is ahead of the release this runner carries, made by migrating with a newer release of that module (a
 * {@code --modules-dir} copy of its files plus one more migration), then inspected and migrated with the
 * runner's own release.
 */
class VersionSkewTest {

    private static final Path MEDICATION = Path.of("..", "medication-schema", "src", "main", "resources", "db", "medication");

    @TempDir
    Path work;

    /** medication as the runner carries it, plus one more migration, released as 1.1.0. */
    private Path newerMedication(Path dir) throws Exception {
        ModuleJarBuilder b = ModuleJarBuilder.module("medication", "1.1.0", "medication");
        for (String folder : List.of("migration", "undo", "verify")) {
            try (Stream<Path> files = Files.list(MEDICATION.resolve(folder))) {
                for (Path f : files.sorted().toList()) {
                    b.file(folder + "/" + f.getFileName(), Files.readString(f));
                }
            }
        }
        b.migration(6, "create_skew_probe", "CREATE TABLE skew_probe (id integer CONSTRAINT pk_skew_probe PRIMARY KEY);",
                "DROP TABLE skew_probe;", "SELECT 1 FROM skew_probe LIMIT 1;");
        return b.writeTo(dir);
    }

    /** ledger needs medication>=5.2 (what this runner's medication has); its V2 reads a table only the newer medication creates. */
    private static ModuleJarBuilder ledger(String version) {
        return ModuleJarBuilder.module("ledger", version, "ledger").requires("medication>=5.2")
                .migration(1, "create_entries", "CREATE TABLE entries (id integer CONSTRAINT pk_entries PRIMARY KEY);", "DROP TABLE entries;",
                        "SELECT 1 FROM entries LIMIT 1;");
    }

    @Test
    void a_module_ahead_of_this_runner_is_shown_fails_validate_and_is_skipped_by_migrate_while_the_others_are_migrated() throws Exception {
        Path newer = Files.createDirectories(work.resolve("newer"));
        newerMedication(newer);
        ledger("1.0.0").writeTo(newer);
        Path older = Files.createDirectories(work.resolve("older"));
        ledger("1.1.0").migration(2, "create_probe_view", "CREATE VIEW probe_ids AS SELECT id FROM ${schema.medication}.skew_probe;",
                "DROP VIEW probe_ids;", "SELECT 1 FROM probe_ids LIMIT 1;").writeTo(older);
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun first = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", newer.toString(), "--url", db.uri(), "--no-verify");
            assertThat(first.exitCode()).as(first.all()).isZero();
            assertThat(db.scalar("SELECT max(version::numeric)::text FROM medication.flyway_schema_history WHERE type = 'SQL'")).isEqualTo("6");
            long medicationRows = db.count("SELECT count(*) FROM medication.flyway_schema_history");

            // info: the state in the table, and as fields in --json
            CliRun info = CliRun.run(work, "info", "--modules", "ledger", "--modules-dir", older.toString(), "--url", db.uri());
            assertThat(info.exitCode()).as(info.all()).isZero();
            assertThat(info.out()).containsPattern("medication +medication +[0-9][^ ]* +6 +5\\.2 +ahead: database at 6, this runner has 5\\.2")
                    .contains("it needs medication 1.1.0 or newer (the release recorded when the database reached 6)")
                    .containsPattern("ledger .*1 pending");
            CliRun json = CliRun.run(work, "info", "--json", "--modules", "ledger", "--modules-dir", older.toString(), "--url", db.uri());
            assertThat(json.exitCode()).as(json.all()).isZero();
            JsonNode modules = JsonShape.parse(json.out()).get("modules");
            JsonNode medication = JsonShape.assertShape(modules.get(0), JsonShape.INFO_MODULE);
            JsonShape.assertShape(medication.get("skew"), JsonShape.SKEW);
            assertThat(medication.get("name").asText()).isEqualTo("medication");
            assertThat(medication.get("state").asText()).isEqualTo("ahead: database at 6, this runner has 5.2");
            assertThat(medication.get("skew").get("state").asText()).isEqualTo("ahead");
            assertThat(medication.get("skew").get("databaseVersion").asText()).isEqualTo("6");
            assertThat(medication.get("skew").get("runnerVersion").asText()).isEqualTo("5.2");
            assertThat(medication.get("skew").get("runnerRelease").asText()).isEqualTo(medication.get("version").asText());
            assertThat(medication.get("skew").get("releaseThatReached").asText()).isEqualTo("1.1.0");
            assertThat(modules.get(1).get("skew").isNull()).as("ledger is not ahead").isTrue();

            // validate: exit 1 naming the module and both versions
            CliRun validate = CliRun.run(work, "validate", "--modules", "ledger", "--modules-dir", older.toString(), "--url", db.uri());
            assertThat(validate.exitCode()).as(validate.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(validate.out()).contains("INVALID  medication")
                    .contains("module medication is ahead of this runner: the database is at 6, this runner's medication " + medication.get("version").asText()
                            + " has up to 5.2")
                    .contains("it needs medication 1.1.0 or newer").contains("valid    ledger");

            // migrate --strict: refused before any change
            CliRun strict = CliRun.run(work, "migrate", "--strict", "--modules", "ledger", "--modules-dir", older.toString(), "--url", db.uri());
            assertThat(strict.exitCode()).as(strict.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(strict.err()).contains("preflight found 1 problem(s) in the plan; nothing was changed")
                    .contains("module medication is ahead of this runner: the database is at 6").contains("strict versions");
            assertThat(db.column("SELECT version FROM ledger.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1");

            // migrate: medication left as it is, ledger's V2 (which needs what only the database's medication has) applied, exit 0 + warning
            CliRun migrate = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", older.toString(), "--url", db.uri());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();
            assertThat(db.column("SELECT version FROM ledger.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1", "2");
            assertThat(db.count("SELECT count(*) FROM medication.flyway_schema_history")).as("medication untouched").isEqualTo(medicationRows);
            assertThat(migrate.out()).containsPattern("medication +[0-9][^ ]* +skipped: ahead: database at 6, this runner has 5\\.2; it needs medication 1\\.1\\.0")
                    .containsPattern("ledger +1\\.1\\.0 +1 -> 2, 1 migration\\(s\\)")
                    .contains("1 migration(s) applied");
            assertThat(migrate.err()).contains("warning: module medication is ahead of this runner").contains("it was skipped and left as it is");
            assertThat(db.scalar("SELECT m->>'state' FROM schema_modules.deploy_history h, jsonb_array_elements(h.modules) m "
                    + "WHERE m->>'name' = 'medication' ORDER BY h.id DESC LIMIT 1")).isEqualTo("skipped: ahead");

            // the skipped record does not make this runner's release the one that "reached" 6
            CliRun again = CliRun.run(work, "migrate", "--modules", "ledger", "--modules-dir", older.toString(), "--url", db.uri(), "--no-verify");
            assertThat(again.exitCode()).as(again.all()).isZero();
            assertThat(again.all()).contains("it needs medication 1.1.0 or newer").contains("nothing to migrate: every other module is up to date");
        }
    }

    @Test
    void a_module_an_ahead_module_requires_is_not_upgraded_beneath_it() throws Exception {
        Path newer = Files.createDirectories(work.resolve("newer"));
        ModuleJarBuilder.module("base", "1.0.0", "base").migration(1, "create_b1", "CREATE TABLE b1 (id integer);", "DROP TABLE b1;", "SELECT 1;")
                .writeTo(newer);
        ModuleJarBuilder.module("top", "1.1.0", "top").requires("base>=1")
                .migration(1, "create_t1", "CREATE TABLE t1 (id integer);", "DROP TABLE t1;", "SELECT 1;")
                .migration(2, "create_t2", "CREATE TABLE t2 (id integer);", "DROP TABLE t2;", "SELECT 1;").writeTo(newer);
        Path older = Files.createDirectories(work.resolve("older"));
        ModuleJarBuilder.module("base", "1.1.0", "base").migration(1, "create_b1", "CREATE TABLE b1 (id integer);", "DROP TABLE b1;", "SELECT 1;")
                .migration(2, "create_b2", "CREATE TABLE b2 (id integer);", "DROP TABLE b2;", "SELECT 1;").writeTo(older);
        ModuleJarBuilder.module("top", "1.0.0", "top").requires("base>=1")
                .migration(1, "create_t1", "CREATE TABLE t1 (id integer);", "DROP TABLE t1;", "SELECT 1;").writeTo(older);
        try (TestDatabase db = TestDatabase.empty()) {
            CliRun first = CliRun.run(work, "migrate", "--modules", "top", "--modules-dir", newer.toString(), "--url", db.uri(), "--no-verify");
            assertThat(first.exitCode()).as(first.all()).isZero();

            CliRun r = CliRun.run(work, "migrate", "--modules", "top", "--modules-dir", older.toString(), "--url", db.uri());
            assertThat(r.exitCode()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("nothing was changed")
                    .contains("module base has 1 pending migration(s), but top, which requires it, is ahead of this runner (ahead: database at 2, this runner has 1)")
                    .contains("carries top 1.1.0 or newer");
            assertThat(db.column("SELECT version FROM base.flyway_schema_history WHERE type = 'SQL' ORDER BY installed_rank")).containsExactly("1");

            CliRun plan = CliRun.run(work, "plan", "--modules", "top", "--modules-dir", older.toString(), "--url", db.uri());
            assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(plan.out()).contains("ahead: module top is ahead of this runner").contains("module base has 1 pending migration(s)");
        }
    }
}
