package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.CatalogText;
import dev.schemamodules.testing.TestDatabase;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dry-run's output is a script that real psql runs on an empty database ({@code psql -v ON_ERROR_STOP=1 -f})
 * and that builds the same catalog as migrate (issue 19).
 */
class DryRunScriptTest {

    @TempDir
    Path work;

    @Test

    void the_script_run_by_psql_on_an_empty_database_builds_what_migrate_builds() throws Exception {
        try (TestDatabase scripted = TestDatabase.empty(); TestDatabase migrated = TestDatabase.empty()) {
            CliRun dry = CliRun.run(work, "dry-run", "--seed", "dev", "--url", scripted.uri());
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(dry.out()).as("standard output is the script only").startsWith("-- schema-modules dry-run for ")
                    .doesNotContain("database:").contains("CREATE SCHEMA IF NOT EXISTS \"messaging\";")
                    .contains("SET search_path TO \"messaging\", \"$user\", public;").contains("BEGIN;").contains("COMMIT;")
                    .contains("History rows: not included");
            assertThat(dry.err()).contains("database: ").contains("nothing was changed").contains("History rows left out");
            assertThat(schemas(scripted)).as("dry-run changed nothing").isEmpty();

            Path script = work.resolve("all.sql");
            Files.writeString(script, dry.out());
            psql(scripted, script);

            CliRun migrate = CliRun.run(work, "migrate", "--seed", "dev", "--no-verify", "--url", migrated.uri());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();

            List<String> schemas = schemas(migrated);
            assertThat(schemas(scripted)).isEqualTo(schemas).contains("platform", "auth", "messaging", "medication", "therapy");
            try (Connection a = scripted.connection(); Connection b = migrated.connection()) {
                assertThat(CatalogText.of(a, schemas)).isEqualTo(CatalogText.of(b, schemas));
            }
            assertThat(scripted.count("SELECT count(*) FROM medication.subscription_tier_quotas"))
                    .as("seed data too").isEqualTo(migrated.count("SELECT count(*) FROM medication.subscription_tier_quotas")).isPositive();
        }
    }

    @Test

    void with_history_a_later_migrate_finds_nothing_to_do_and_validate_passes() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(CliRun.run(work, "migrate", "--modules", "platform", "--url", db.uri()).exitCode()).isZero();
            CliRun dry = CliRun.run(work, "dry-run", "--modules", "messaging", "--with-history", "--url", db.uri());
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(dry.out()).contains("module platform (schemas platform, auth): nothing to apply").contains("History rows: included")
                    .contains("INSERT INTO \"messaging\".\"flyway_schema_history\"");
            Path script = work.resolve("messaging.sql");
            Files.writeString(script, dry.out());
            psql(db, script);

            CliRun migrate = CliRun.run(work, "migrate", "--modules", "messaging", "--url", db.uri());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();
            assertThat(migrate.out()).contains("nothing to migrate").contains("verified: ");
            CliRun validate = CliRun.run(work, "validate", "--modules", "messaging", "--url", db.uri());
            assertThat(validate.exitCode()).as(validate.all()).isZero();
        }
    }

    private static List<String> schemas(TestDatabase db) throws Exception {
        // schema_modules holds migrate's deploy history (the runner's own record, not a module's schema)
        return db.column("SELECT nspname::text FROM pg_namespace WHERE nspname NOT LIKE 'pg\\_%' AND nspname NOT IN ('information_schema', 'public', 'schema_modules') ORDER BY 1");
    }

    /** Runs real psql as the README says: {@code psql -v ON_ERROR_STOP=1 -f FILE}. */
    private void psql(TestDatabase db, Path script) throws Exception {
        String url = db.uri().replaceFirst("\\?.*$", "");
        Process p = new ProcessBuilder(psqlExecutable(), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", script.toString(), url)
                .redirectErrorStream(true).redirectOutput(work.resolve("psql.log").toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("psql finished").isTrue();
        String log = Files.readString(work.resolve("psql.log"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as("psql -v ON_ERROR_STOP=1 -f %s:%n%s", script.getFileName(), log).isZero();
        assertThat(log).as("psql reported no error").doesNotContain("ERROR:");
    }

    /** psql from PATH or Debian's /usr/lib/postgresql/N/bin (the newest); the test needs it (postgresql-client). */
    static String psqlExecutable() throws Exception {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "psql"))) {
                candidates.add(Path.of(dir, "psql"));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> s = Files.list(debian)) {
                s.map(d -> d.resolve("bin/psql")).filter(Files::isExecutable).sorted(Comparator.reverseOrder()).forEach(candidates::add);
            }
        }
        assertThat(candidates).as("psql is needed for this test: install the PostgreSQL client (Debian: apt-get install postgresql-client)").isNotEmpty();
        return candidates.get(0).toString();
    }
}
