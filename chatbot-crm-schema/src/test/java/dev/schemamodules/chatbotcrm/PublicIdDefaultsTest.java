package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

@SchemaTest(modules = "chatbot-crm")
class PublicIdDefaultsTest {

    /** table -> minimal INSERT column list and values (public_id omitted). */
    static final Map<String, String> MINIMAL = new LinkedHashMap<>();

    static {
        MINIMAL.put("patients", "(first_name, last_name) VALUES ('Sara', 'Ali')");
        MINIMAL.put("appointments", "(appointment_date, appointment_time) VALUES (current_date, '10:00')");
        MINIMAL.put("sessions", "(session_date, session_time) VALUES (current_date, '10:00')");
        MINIMAL.put("insurance_claims", "DEFAULT VALUES");
        MINIMAL.put("chatbot_flows", "(name) VALUES ('Welcome')");
        MINIMAL.put("chatbot_nodes", "(node_type, name, config) VALUES ('start', 'Start', '{}')");
        MINIMAL.put("chatbot_edges", "DEFAULT VALUES");
        MINIMAL.put("conversations", "(channel) VALUES ('web')");
        MINIMAL.put("messages", "(sender_type, content) VALUES ('bot', 'Hello')");
        MINIMAL.put("crm_leads", "(name) VALUES ('Lead')");
        MINIMAL.put("crm_deals", "(title) VALUES ('Deal')");
        MINIMAL.put("crm_activities", "(type, subject) VALUES ('call', 'Call back')");
        MINIMAL.put("notifications", "(title, message) VALUES ('Hi', 'Welcome')");
        MINIMAL.put("audit_logs", "(action, table_name) VALUES ('login', 'users')");
        MINIMAL.put("roles", "(name, permissions) VALUES ('nurse', '[]')");
        MINIMAL.put("settings", "(key, value) VALUES ('k', '1')");
    }

    static final Map<String, String> PREFIX = Map.ofEntries(Map.entry("patients", "pat"), Map.entry("appointments", "apt"),
            Map.entry("sessions", "ses"), Map.entry("insurance_claims", "clm"), Map.entry("chatbot_flows", "flw"),
            Map.entry("chatbot_nodes", "nod"), Map.entry("chatbot_edges", "edg"), Map.entry("conversations", "cnv"),
            Map.entry("messages", "msg"), Map.entry("crm_leads", "led"), Map.entry("crm_deals", "del"),
            Map.entry("crm_activities", "act"), Map.entry("notifications", "ntf"), Map.entry("audit_logs", "aud"),
            Map.entry("roles", "rol"), Map.entry("settings", "set"));

    @Test
    void inserting_into_each_of_the_16_prefixed_tables_yields_prefix_and_24_char_body(TestDatabase db) throws Exception {
        for (Map.Entry<String, String> e : MINIMAL.entrySet()) {
            Object id = db.scalar("INSERT INTO chatbot_crm." + e.getKey() + " " + e.getValue() + " RETURNING public_id");
            assertThat((String) id).as("public_id generated for %s", e.getKey()).matches(PREFIX.get(e.getKey()) + "_[a-z][a-z0-9]{23}");
        }
        assertThat(MINIMAL).as("all 16 documented prefixes covered").hasSize(16);
    }

    @Test
    void doctors_get_the_doc_prefix(TestDatabase db) throws Exception {
        assertThat((String) db.scalar("INSERT INTO chatbot_crm.doctors (first_name, last_name) VALUES ('Omar', 'Saleh') RETURNING public_id"))
                .as("doctor public_id").matches("doc_[a-z][a-z0-9]{23}");
    }

    @Test
    void templates_integrations_internal_messages_and_user_roles_get_a_bare_id(TestDatabase db) throws Exception {
        for (String insert : new String[] {"chatbot_templates (name, content) VALUES ('Greeting', 'Hello')",
                "chatbot_integrations (provider, name, config) VALUES ('web', 'Site', '{}')",
                "internal_messages (content) VALUES ('Note')", "user_roles DEFAULT VALUES"}) {
            assertThat((String) db.scalar("INSERT INTO chatbot_crm." + insert + " RETURNING public_id"))
                    .as("bare public_id for %s", insert).matches("[a-z][a-z0-9]{23}");
        }
    }

    @Test
    void caller_supplied_public_id_is_kept_and_a_duplicate_is_rejected(TestDatabase db) throws Exception {
        assertThat(db.scalar("INSERT INTO chatbot_crm.patients (first_name, last_name, public_id) VALUES ('A', 'B', 'pat_mine') RETURNING public_id"))
                .as("caller-supplied public_id").isEqualTo("pat_mine");
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.patients (first_name, last_name, public_id) VALUES ('C', 'D', 'pat_mine')"))
                .as("duplicate patients.public_id").isInstanceOf(SQLException.class).hasMessageContaining("patients_public_id_key");
        db.update("INSERT INTO chatbot_crm.crm_leads (name, public_id) VALUES ('L', 'led_mine')");
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.crm_leads (name, public_id) VALUES ('L2', 'led_mine')"))
                .as("duplicate crm_leads.public_id").isInstanceOf(SQLException.class).hasMessageContaining("crm_leads_public_id_key");
    }

    @Test
    void new_tables_reject_a_null_public_id_while_core_tables_allow_it_for_the_backfill(TestDatabase db) throws Exception {
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.crm_leads (name, public_id) VALUES ('L', NULL)"))
                .as("crm_leads.public_id NOT NULL").isInstanceOf(SQLException.class).hasMessageContaining("null value");
        assertThat(db.update("INSERT INTO chatbot_crm.patients (first_name, last_name, public_id) VALUES ('N', 'U', NULL)"))
                .as("patients.public_id nullable").isEqualTo(1);
    }
}
