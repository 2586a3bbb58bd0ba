package dev.schemamodules.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run-task finds the tasks of modules loaded with --modules-dir, and runs them on the module as planned from that jar. */
class RunTaskModulesDirTest {

    @TempDir
    Path work;

    @Test
    void a_task_shipped_in_a_modules_dir_jar_is_listed_and_runs() throws Exception {
        Path dir = Files.createDirectory(work.resolve("modules"));
        ModuleJarBuilder.module("taskmod", "1.0.0", "taskmod")
                .migration(1, "create_marks", "CREATE TABLE marks (note text NOT NULL);", "DROP TABLE marks;", "SELECT note FROM taskmod.marks LIMIT 0;")
                .task("mark", "Writes one mark.", "INSERT INTO ${schema}.marks (note) VALUES ('marked')")
                .writeTo(dir);

        CliRun list = CliRun.run(work, "run-task", "--list", "--modules-dir", dir.toString());
        assertThat(list.exitCode()).as(list.all()).isZero();
        assertThat(list.out()).containsPattern("taskmod\\s+mark\\s+Writes one mark\\.");
        assertThat(CliRun.run(work, "run-task", "--list").out()).doesNotContain("taskmod");

        try (TestDatabase db = TestDatabase.empty()) {
            CliRun migrate = CliRun.run(work, "migrate", "--modules", "taskmod", "--modules-dir", dir.toString(), "--url", db.uri());
            assertThat(migrate.exitCode()).as(migrate.all()).isZero();

            CliRun run = CliRun.run(work, "run-task", "taskmod", "mark", "--modules-dir", dir.toString(), "--url", db.uri());
            assertThat(run.exitCode()).as(run.all()).isZero();
            assertThat(run.out()).contains("task mark done in taskmod");
            assertThat(db.column("SELECT note FROM taskmod.marks")).containsExactly("marked");

            CliRun without = CliRun.run(work, "run-task", "taskmod", "mark", "--url", db.uri());
            assertThat(without.exitCode()).as(without.all()).isEqualTo(ExitCodes.PLAN);
            assertThat(without.err()).contains("unknown module 'taskmod'");
            assertThat(db.count("SELECT count(*) FROM taskmod.marks")).isEqualTo(1);
        }
    }
}
