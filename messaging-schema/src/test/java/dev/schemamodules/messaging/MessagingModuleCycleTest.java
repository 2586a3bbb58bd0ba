package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ModuleCycle;
import org.junit.jupiter.api.Test;

class MessagingModuleCycleTest {

    @Test
    void migrate_verify_undo_all_and_migrate_again_gives_the_same_catalog() throws Exception {
        ModuleCycle.Result result = ModuleCycle.assertFullCycle("messaging");

        assertThat(result.migrationsUndone()).as("V1, V2 and V3 undone").isEqualTo(3);
        assertThat(result.verification().stream().filter(v -> v.module().equals("messaging")).count())
                .as("one verify script per messaging migration").isEqualTo(3);
    }
}
