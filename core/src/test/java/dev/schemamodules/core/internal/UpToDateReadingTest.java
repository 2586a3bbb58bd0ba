package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A deploy that changes nothing takes the preflight's reading of each up-to-date module instead of resolving its scripts and
 * reading its history a second time, but only while the history's stamp is the one read before that reading.
 */
class UpToDateReadingTest {

    @TempDir
    Path dir;

    private Plan plan() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/stampmod/migration"));
        Path verify = Files.createDirectories(dir.resolve("db/stampmod/verify"));
        Files.writeString(verify.resolve("V1__create_a.sql"), "SELECT 1;");
        Files.writeString(verify.resolve("V2__create_b.sql"), "SELECT 1;");
        Files.writeString(migrations.resolve("V1__create_a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(migrations.resolve("V2__create_b.sql"), "CREATE TABLE b (id int);");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor d = ModuleDescriptor.builder("stampmod").schemas("stampmod").classLoader(loader).build();
        return Planner.plan(ModuleRegistry.of(List.of(d)), PlanRequest.all());
    }

    @Test
    void the_stamp_changes_with_every_kind_of_write_to_the_history_and_not_without_one() throws Exception {
        Plan plan = plan();
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            HistoryTable history = new HistoryTable("stampmod");
            assertThat(history.stamp(c)).as("no table yet").isEmpty();
            db.engine().migrate(plan, MigrationListener.NONE);
            String s1 = history.stamp(c).orElseThrow();
            assertThat(history.stamp(c)).contains(s1);
            c.createStatement().execute("UPDATE stampmod.flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");
            String s2 = history.stamp(c).orElseThrow();
            assertThat(s2).as("a checksum changed").isNotEqualTo(s1);
            c.createStatement().execute("UPDATE stampmod.flyway_schema_history SET success = false WHERE version = '2'");
            String s3 = history.stamp(c).orElseThrow();
            assertThat(s3).as("a row marked failed").isNotEqualTo(s2);
            c.createStatement().execute("DELETE FROM stampmod.flyway_schema_history WHERE version = '2'");
            assertThat(history.stamp(c).orElseThrow()).as("a row deleted").isNotEqualTo(s3);
        }
    }

    @Test
    void a_reading_that_still_holds_is_taken_and_one_that_no_longer_holds_is_not() throws Exception {
        Plan plan = plan();
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            db.engine().migrate(plan, MigrationListener.NONE);
            Preflight.Findings findings = Preflight.check(plan, db.dataSource(), List.of());
            assertThat(findings.readings()).containsOnlyKeys("stampmod");
            Preflight.Reading reading = findings.readings().get("stampmod");
            assertThat(reading.upToDate()).isTrue();
            assertThat(reading.version()).contains("2");

            Migrator migrator = new Migrator(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false));
            // a reading with the right stamp is taken as it is: here one that names V1 as current, to see it was not read again
            MigrationInfo v1 = Arrays.stream(reading.all()).filter(i -> i.getVersion() != null && i.getVersion().getVersion().equals("1"))
                    .findFirst().orElseThrow();
            Preflight.Reading namingV1 = new Preflight.Reading(reading.stamp(), v1, reading.all(), reading.pending());
            MigrateReport unchanged = migrator.migrate(plan, Migrator.schemaOwners(plan), MigrationListener.NONE, Map.of("stampmod", namingV1));
            assertThat(unchanged.modules()).singleElement().satisfies(o -> {
                assertThat(o.migrations()).isZero();
                assertThat(o.toVersion()).contains("1");
            });

            // another session undoes V2 behind the reading's back: the stamp no longer holds, the module is read again
            c.createStatement().execute("DROP TABLE stampmod.b; DELETE FROM stampmod.flyway_schema_history WHERE version = '2'");
            MigrateReport reread = migrator.migrate(plan, Migrator.schemaOwners(plan), MigrationListener.NONE, Map.of("stampmod", reading));
            assertThat(reread.migrationsApplied()).isEqualTo(1);
            assertThat(db.scalar("SELECT to_regclass('stampmod.b')::text")).isEqualTo("stampmod.b");
        }
    }
}
