package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.testing.ModuleCycle;
import dev.schemamodules.testing.ModuleFiles;
import dev.schemamodules.testing.Seeds;
import dev.schemamodules.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChatbotCrmModuleCycleTest {

    @Test
    void migrate_verify_undo_all_and_migrate_again_reproduces_the_catalog() throws Exception {
        ModuleCycle.Result result = ModuleCycle.assertFullCycle("chatbot-crm");
        assertThat(result.migrationsUndone()).as("every chatbot-crm migration undone, one step at a time").isEqualTo(ModuleFiles.migrationCount("chatbot-crm"));
        assertThat(result.verification()).as("one verify script per chatbot-crm migration")
                .filteredOn(v -> v.module().equals("chatbot-crm")).hasSize(ModuleFiles.migrationCount("chatbot-crm"));
    }

    @Test
    void migrating_an_up_to_date_database_again_applies_nothing() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            long before = db.count("SELECT count(*) FROM chatbot_crm.flyway_schema_history");
            MigrateReport report = db.engine().migrate(db.plan(), MigrationListener.NONE);
            assertThat(report.migrationsApplied()).as("migrations applied by the second run").isZero();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.flyway_schema_history")).as("history rows unchanged").isEqualTo(before);
        }
    }

    @Test
    void undoing_v1_drops_public_id_from_the_five_core_tables_and_keeps_their_rows() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "")) {
            db.execute("INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Sara', 'Ali')");
            db.engine().undo(db.plan(), "chatbot-crm", Version.parse("0.2"), false, MigrationListener.NONE);
            assertThat(db.column("SELECT table_name FROM information_schema.columns WHERE table_schema = 'chatbot_crm' AND column_name = 'public_id'"))
                    .as("no table has public_id after undoing down to V0.2").isEmpty();
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients")).as("patients rows survive the rollback").isEqualTo(1);
            db.engine().migrate(db.plan(), MigrationListener.NONE);
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE public_id IS NULL"))
                    .as("re-applying V1 leaves the existing row without public_id (for the backfill)").isEqualTo(1);
        }
    }

    @Test
    void dev_seed_applied_twice_adds_no_duplicates() throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("chatbot-crm"), "dev")) {
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.roles")).as("five system roles seeded").isEqualTo(5);
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.settings")).as("two settings seeded").isEqualTo(2);
            // the seed upserts (ON CONFLICT DO UPDATE), so the platform trigger moves updated_at on every run; nothing else may change
            Seeds.assertRerunChangesNothing(db, "chatbot-crm", "updated_at");
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.roles")).as("roles after re-running the seed").isEqualTo(5);
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.settings")).as("settings after re-running the seed").isEqualTo(2);
            assertThat(db.column("SELECT name FROM chatbot_crm.roles ORDER BY name"))
                    .as("seeded roles").containsExactly("admin", "doctor", "patient", "staff", "supervisor");
        }
    }
}
