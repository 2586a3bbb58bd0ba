package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The catalog of chatbot_crm: every object against the reviewed golden file, plus the rules that hold for
 * every table and the behaviour the catalog alone does not show.
 */
@SchemaTest(modules = "chatbot-crm")
class ChatbotCrmCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/chatbot-crm.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "chatbot-crm");
    }

    @Test
    void users_role_check_accepts_the_five_roles_and_rejects_others(TestDatabase db) throws Exception {
        for (String role : List.of("patient", "doctor", "staff", "supervisor", "admin")) {
            assertThat(db.update("INSERT INTO chatbot_crm.users (email, role) VALUES (?, ?)", role + "@check.test", role))
                    .as("role %s accepted", role).isEqualTo(1);
        }
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.users (email, role) VALUES ('x@check.test', 'root')"))
                .as("role root rejected").isInstanceOf(SQLException.class).hasMessageContaining("users_role_check");
    }

    @Test
    void every_foreign_key_stays_inside_the_schema_with_a_deliberate_delete_action(TestDatabase db) throws Exception {
        assertThat(db.catalog("chatbot_crm").foreignKeys(null)).as("foreign keys of chatbot_crm").isNotEmpty().allSatisfy(f -> {
            assertThat(f.referencedSchema()).as("%s target schema", f.name()).isEqualTo("chatbot_crm");
            assertThat(f.onDelete()).as("%s ON DELETE", f.name()).isIn("CASCADE", "SET NULL");
        });
    }

    @Test
    void every_table_has_row_level_security_and_policies_and_every_function_pins_search_path(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("chatbot_crm");
        assertThat(catalog.tables()).as("tables of chatbot_crm").isNotEmpty();
        for (String table : catalog.tables()) {
            assertThat(catalog.rowLevelSecurity(table)).as("RLS on %s", table).isTrue();
            assertThat(catalog.policies(table)).as("policies on %s", table).isNotEmpty();
        }
        assertThat(catalog.functionsWithoutPinnedSearchPath()).as("functions without pinned search_path").isEmpty();
        assertThat(catalog.policies(null)).as("no policy targets PUBLIC")
                .allSatisfy(p -> assertThat(p.roles()).as(p.name()).doesNotContain("public"));
    }

    @Test
    void every_table_with_updated_at_has_the_platform_trigger(TestDatabase db) throws Exception {
        List<String> withUpdatedAt = db.column("SELECT table_name::text FROM information_schema.columns WHERE table_schema = 'chatbot_crm' "
                + "AND column_name = 'updated_at' ORDER BY 1");
        assertThat(withUpdatedAt).as("tables with updated_at").isNotEmpty();
        for (String table : withUpdatedAt) {
            assertThat(db.catalog("chatbot_crm").triggers(table)).as("triggers of %s", table).contains("update_" + table + "_updated_at");
        }
    }

    @Test
    void prefix_map_holds_the_16_documented_prefixes_and_doc_for_doctors(TestDatabase db) throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map<String, Object> row : db.query("SELECT table_name, prefix FROM chatbot_crm.public_id_prefixes()")) {
            map.put((String) row.get("table_name"), row.get("prefix"));
        }
        assertThat(map).as("public-id prefix map").containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("patients", "pat"), Map.entry("appointments", "apt"), Map.entry("sessions", "ses"),
                Map.entry("insurance_claims", "clm"), Map.entry("chatbot_flows", "flw"), Map.entry("chatbot_nodes", "nod"),
                Map.entry("chatbot_edges", "edg"), Map.entry("conversations", "cnv"), Map.entry("messages", "msg"),
                Map.entry("crm_leads", "led"), Map.entry("crm_deals", "del"), Map.entry("crm_activities", "act"),
                Map.entry("notifications", "ntf"), Map.entry("audit_logs", "aud"), Map.entry("roles", "rol"),
                Map.entry("settings", "set"), Map.entry("doctors", "doc")));
    }
}
