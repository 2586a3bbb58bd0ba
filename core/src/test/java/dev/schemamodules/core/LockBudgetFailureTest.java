package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.testing.LockBudget;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's lock budget ({@link LockBudget}, what every module's LockBudgetTest runs) can fail: a fixture module
 * whose V2 takes ACCESS EXCLUSIVE on a loaded table and rewrites every row under it fails the check, naming the
 * script and the waiver forms; the same module passes once V2 is waived in {@code db/<module>/lock-budget-waivers}
 * (the form for released scripts); a waiver file naming no script of the module is an error.
 */
class LockBudgetFailureTest {

    @TempDir
    Path dir;

    private Plan module(String waivers) throws Exception {
        Path root = Files.createDirectories(dir.resolve("db/budgetmod"));
        Path migrations = Files.createDirectories(root.resolve("migration"));
        Files.writeString(migrations.resolve("V1__create_items.sql"), "CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL, note text);\n");
        Files.writeString(migrations.resolve("V2__rewrite_items_locked.sql"), """
                LOCK TABLE items IN ACCESS EXCLUSIVE MODE;
                UPDATE items SET note = name;
                """);
        if (waivers != null) {
            Files.writeString(root.resolve("lock-budget-waivers"), waivers);
        }
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor d = ModuleDescriptor.builder("budgetmod").schemas("budgetmod").classLoader(loader).build();
        return Planner.plan(ModuleRegistry.of(List.of(d)), PlanRequest.all());
    }

    @Test
    void an_unwaived_exclusive_lock_held_while_rewriting_rows_fails_the_budget() throws Exception {
        assertThatThrownBy(() -> LockBudget.check(module(null), "budgetmod")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("budgetmod V2__rewrite_items_locked.sql is over the lock budget")
                .hasMessageContaining("blocks readers and writers of budgetmod.items while its transaction")
                .hasMessageContaining("db/budgetmod/lock-budget-waivers");
    }

    @Test
    void a_waiver_in_the_module_file_lets_it_pass_and_is_reported() throws Exception {
        LockReport report = LockBudget.check(module("# released scripts cannot change\nV2__rewrite_items_locked.sql: items holds a few rows per tenant\n"),
                "budgetmod");
        LockReport.Migration v2 = report.migrations().get(1);
        assertThat(v2.growsWithRows()).as("still over budget").isNotEmpty();
        assertThat(v2.waiver()).as("waiver from the file").contains("items holds a few rows per tenant");
        assertThat(v2.statements()).as("per statement: the UPDATE changed the rows, the LOCK did not").hasSize(2);
        assertThat(v2.statements().get(0).effects()).as("LOCK TABLE").isEmpty();
        assertThat(v2.statements().get(1).effects()).as("UPDATE").singleElement().satisfies(e -> assertThat(e.rowsUpdated()).isGreaterThanOrEqualTo(LockBudget.BUILD_ROWS));
    }

    @Test
    void a_waiver_naming_no_script_is_an_error() throws Exception {
        assertThatThrownBy(() -> LockBudget.check(module("V9__nothing.sql: stale\n"), "budgetmod")).isInstanceOf(MigrationException.class)
                .hasMessageContaining("db/budgetmod/lock-budget-waivers line 1: no migration V9__nothing.sql in module budgetmod");
    }
}
