package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ModuleCycle;
import dev.schemamodules.testing.ModuleFiles;
import org.junit.jupiter.api.Test;

class MessagingModuleCycleTest {

    @Test
    void migrate_verify_undo_all_and_migrate_again_gives_the_same_catalog() throws Exception {
        ModuleCycle.Result result = ModuleCycle.assertFullCycle("messaging");

        assertThat(result.migrationsUndone()).as("every messaging migration undone, one step at a time").isEqualTo(ModuleFiles.migrationCount("messaging"));
        assertThat(result.verification().stream().filter(v -> v.module().equals("messaging")).count())
                .as("one verify script per messaging migration").isEqualTo(ModuleFiles.migrationCount("messaging"));
    }
}
