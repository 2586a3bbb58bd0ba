package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cascades, SET NULL references, UNIQUE and CHECK constraints, updated_at triggers. */
@SchemaTest(modules = "chatbot-crm")
class RelationalBehaviourTest {

    static String id(TestDatabase db, String sql, Object... params) throws SQLException {
        return db.scalar(sql + " RETURNING id::text", params).toString();
    }

    @Test
    void deleting_a_flow_cascades_its_nodes_and_edges_and_deleting_a_node_cascades_its_edges(TestDatabase db) throws Exception {
        String flow = id(db, "INSERT INTO chatbot_crm.chatbot_flows (name) VALUES ('F')");
        String a = id(db, "INSERT INTO chatbot_crm.chatbot_nodes (flow_id, node_type, name, config) VALUES (?::uuid, 'start', 'A', '{}')", flow);
        String b = id(db, "INSERT INTO chatbot_crm.chatbot_nodes (flow_id, node_type, name, config) VALUES (?::uuid, 'end', 'B', '{}')", flow);
        String c = id(db, "INSERT INTO chatbot_crm.chatbot_nodes (flow_id, node_type, name, config) VALUES (?::uuid, 'end', 'C', '{}')", flow);
        db.update("INSERT INTO chatbot_crm.chatbot_edges (flow_id, source_node_id, target_node_id) VALUES (?::uuid, ?::uuid, ?::uuid)", flow, a, b);
        db.update("INSERT INTO chatbot_crm.chatbot_edges (flow_id, source_node_id, target_node_id) VALUES (?::uuid, ?::uuid, ?::uuid)", flow, a, c);
        db.update("DELETE FROM chatbot_crm.chatbot_nodes WHERE id = ?::uuid", c);
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.chatbot_edges WHERE flow_id = ?::uuid", flow)).as("edges after deleting node C").isEqualTo(1);
        db.update("DELETE FROM chatbot_crm.chatbot_flows WHERE id = ?::uuid", flow);
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.chatbot_nodes WHERE flow_id = ?::uuid", flow)).as("nodes after deleting the flow").isZero();
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.chatbot_edges WHERE flow_id = ?::uuid", flow)).as("edges after deleting the flow").isZero();
    }

    @Test
    void deleting_a_conversation_cascades_its_messages(TestDatabase db) throws Exception {
        String conv = id(db, "INSERT INTO chatbot_crm.conversations (channel) VALUES ('whatsapp')");
        db.update("INSERT INTO chatbot_crm.messages (conversation_id, sender_type, content) VALUES (?::uuid, 'user', 'hi'), (?::uuid, 'bot', 'hello')", conv, conv);
        db.update("DELETE FROM chatbot_crm.conversations WHERE id = ?::uuid", conv);
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.messages WHERE conversation_id = ?::uuid", conv)).as("messages left").isZero();
    }

    @Test
    void deleting_a_user_cascades_own_rows_and_nulls_references_elsewhere(TestDatabase db) throws Exception {
        String u = id(db, "INSERT INTO chatbot_crm.users (email) VALUES ('gone@rel.test')");
        String other = id(db, "INSERT INTO chatbot_crm.users (email) VALUES ('other@rel.test')");
        String role = id(db, "INSERT INTO chatbot_crm.roles (name, permissions) VALUES ('r1', '[]')");
        db.update("INSERT INTO chatbot_crm.notifications (user_id, title, message) VALUES (?::uuid, 't', 'm')", u);
        db.update("INSERT INTO chatbot_crm.user_roles (user_id, role_id) VALUES (?::uuid, ?::uuid)", u, role);
        db.update("INSERT INTO chatbot_crm.user_roles (user_id, role_id, assigned_by) VALUES (?::uuid, ?::uuid, ?::uuid)", other, role, u);
        db.update("INSERT INTO chatbot_crm.user_preferences (user_id) VALUES (?::uuid)", u);
        Map<String, String> references = new LinkedHashMap<>();
        references.put("doctors.user_id", id(db, "INSERT INTO chatbot_crm.doctors (first_name, last_name, user_id) VALUES ('D', 'D', ?::uuid)", u));
        references.put("chatbot_flows.created_by", id(db, "INSERT INTO chatbot_crm.chatbot_flows (name, created_by) VALUES ('f', ?::uuid)", u));
        references.put("chatbot_templates.created_by", id(db, "INSERT INTO chatbot_crm.chatbot_templates (name, content, created_by, approved_by) VALUES ('t', 'c', ?::uuid, ?::uuid)", u, u));
        references.put("chatbot_integrations.created_by", id(db, "INSERT INTO chatbot_crm.chatbot_integrations (provider, name, config, created_by) VALUES ('web', 'w', '{}', ?::uuid)", u));
        references.put("crm_leads.owner_id", id(db, "INSERT INTO chatbot_crm.crm_leads (name, owner_id) VALUES ('l', ?::uuid)", u));
        references.put("crm_deals.owner_id", id(db, "INSERT INTO chatbot_crm.crm_deals (title, owner_id) VALUES ('d', ?::uuid)", u));
        references.put("crm_activities.owner_id", id(db, "INSERT INTO chatbot_crm.crm_activities (type, subject, owner_id) VALUES ('call', 's', ?::uuid)", u));
        references.put("internal_messages.sender_id", id(db, "INSERT INTO chatbot_crm.internal_messages (content, sender_id, recipient_id) VALUES ('c', ?::uuid, ?::uuid)", u, u));
        references.put("settings.updated_by", id(db, "INSERT INTO chatbot_crm.settings (key, value, updated_by) VALUES ('k', '1', ?::uuid)", u));
        references.put("audit_logs.user_id", id(db, "INSERT INTO chatbot_crm.audit_logs (action, table_name, user_id) VALUES ('login', 'users', ?::uuid)", u));

        assertThat(db.update("DELETE FROM chatbot_crm.users WHERE id = ?::uuid", u)).as("user deleted").isEqualTo(1);

        assertThat(db.count("SELECT count(*) FROM chatbot_crm.notifications WHERE user_id = ?::uuid", u)).as("notifications cascade").isZero();
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.user_roles WHERE user_id = ?::uuid", u)).as("user_roles cascade").isZero();
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.user_preferences WHERE user_id = ?::uuid", u)).as("user_preferences cascade").isZero();
        assertThat(db.scalar("SELECT assigned_by FROM chatbot_crm.user_roles WHERE user_id = ?::uuid", other)).as("user_roles.assigned_by nulled").isNull();
        for (Map.Entry<String, String> e : references.entrySet()) {
            String[] tc = e.getKey().split("\\.");
            assertThat(db.count("SELECT count(*) FROM chatbot_crm." + tc[0] + " WHERE id = ?::uuid AND " + tc[1] + " IS NULL", e.getValue()))
                    .as("%s kept with NULL reference", e.getKey()).isEqualTo(1);
        }
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.chatbot_templates WHERE approved_by IS NOT NULL")).as("approved_by nulled").isZero();
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.internal_messages WHERE recipient_id IS NOT NULL")).as("recipient nulled").isZero();
    }

    @Test
    void deleting_a_role_cascades_user_roles_and_deleting_a_lead_or_deal_nulls_references(TestDatabase db) throws Exception {
        String u = id(db, "INSERT INTO chatbot_crm.users (email) VALUES ('r@rel.test')");
        String role = id(db, "INSERT INTO chatbot_crm.roles (name, permissions) VALUES ('r2', '[\"read\"]')");
        db.update("INSERT INTO chatbot_crm.user_roles (user_id, role_id) VALUES (?::uuid, ?::uuid)", u, role);
        db.update("DELETE FROM chatbot_crm.roles WHERE id = ?::uuid", role);
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.user_roles WHERE role_id = ?::uuid", role)).as("assignments of the role").isZero();

        String lead = id(db, "INSERT INTO chatbot_crm.crm_leads (name) VALUES ('Lead')");
        String deal = id(db, "INSERT INTO chatbot_crm.crm_deals (title, lead_id) VALUES ('Deal', ?::uuid)", lead);
        String act = id(db, "INSERT INTO chatbot_crm.crm_activities (type, subject, deal_id) VALUES ('task', 'Do', ?::uuid)", deal);
        db.update("DELETE FROM chatbot_crm.crm_leads WHERE id = ?::uuid", lead);
        assertThat(db.scalar("SELECT lead_id FROM chatbot_crm.crm_deals WHERE id = ?::uuid", deal)).as("deal kept, lead_id nulled").isNull();
        db.update("DELETE FROM chatbot_crm.crm_deals WHERE id = ?::uuid", deal);
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.crm_activities WHERE id = ?::uuid AND deal_id IS NULL", act)).as("activity kept, deal_id nulled").isEqualTo(1);
    }

    @Test
    void deleting_a_patient_cascades_clinical_rows_and_nulls_crm_and_chat_references(TestDatabase db) throws Exception {
        String p = id(db, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('P', 'P')");
        String appt = id(db, "INSERT INTO chatbot_crm.appointments (patient_id, appointment_date, appointment_time) VALUES (?::uuid, current_date, '09:00')", p);
        String session = id(db, "INSERT INTO chatbot_crm.sessions (patient_id, session_date, session_time) VALUES (?::uuid, current_date, '09:00')", p);
        String claim = id(db, "INSERT INTO chatbot_crm.insurance_claims (patient_id, appointment_id) VALUES (?::uuid, ?::uuid)", p, appt);
        String conv = id(db, "INSERT INTO chatbot_crm.conversations (channel, patient_id) VALUES ('web', ?::uuid)", p);
        String deal = id(db, "INSERT INTO chatbot_crm.crm_deals (title, contact_id) VALUES ('D', ?::uuid)", p);
        db.update("DELETE FROM chatbot_crm.patients WHERE id = ?::uuid", p);
        assertThat(db.count("SELECT (SELECT count(*) FROM chatbot_crm.appointments WHERE id = ?::uuid)"
                + " + (SELECT count(*) FROM chatbot_crm.sessions WHERE id = ?::uuid)"
                + " + (SELECT count(*) FROM chatbot_crm.insurance_claims WHERE id = ?::uuid)", appt, session, claim))
                .as("appointment, session and claim of the deleted patient").isZero();
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.conversations WHERE id = ?::uuid AND patient_id IS NULL", conv)).as("conversation kept").isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM chatbot_crm.crm_deals WHERE id = ?::uuid AND contact_id IS NULL", deal)).as("deal kept").isEqualTo(1);
    }

    @Test
    void unique_constraints_reject_duplicates(TestDatabase db) throws Exception {
        String u = id(db, "INSERT INTO chatbot_crm.users (email) VALUES ('uq@rel.test')");
        String role = id(db, "INSERT INTO chatbot_crm.roles (name, permissions) VALUES ('uq', '[]')");
        db.update("INSERT INTO chatbot_crm.settings (key, value) VALUES ('uq', '1')");
        db.update("INSERT INTO chatbot_crm.user_roles (user_id, role_id) VALUES (?::uuid, ?::uuid)", u, role);
        db.update("INSERT INTO chatbot_crm.user_preferences (user_id) VALUES (?::uuid)", u);
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.settings (key, value) VALUES ('uq', '2')")).as("settings.key")
                .hasMessageContaining("settings_key_key");
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.roles (name, permissions) VALUES ('uq', '[]')")).as("roles.name")
                .hasMessageContaining("roles_name_key");
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.user_roles (user_id, role_id) VALUES (?::uuid, ?::uuid)", u, role))
                .as("(user_id, role_id)").hasMessageContaining("user_roles_user_id_role_id_key");
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.user_preferences (user_id) VALUES (?::uuid)", u))
                .as("user_preferences.user_id").hasMessageContaining("user_preferences_user_id_key");
    }

    @Test
    void checks_reject_theme_blue_language_fr_layout_kanban_and_probability_outside_0_to_100(TestDatabase db) throws Exception {
        String u = id(db, "INSERT INTO chatbot_crm.users (email) VALUES ('ck@rel.test')");
        for (String bad : new String[] {"theme = 'blue'", "language = 'fr'", "dashboard_layout = 'kanban'"}) {
            String[] kv = bad.split(" = ");
            assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.user_preferences (user_id, " + kv[0] + ") VALUES (?::uuid, " + kv[1] + ")", u))
                    .as("user_preferences %s rejected", bad).hasMessageContaining("user_preferences_" + kv[0] + "_check");
        }
        assertThat(db.update("INSERT INTO chatbot_crm.user_preferences (user_id, theme, language, dashboard_layout) VALUES (?::uuid, 'dark', 'en', 'list')", u))
                .as("allowed preference values").isEqualTo(1);
        for (int p : new int[] {101, -1}) {
            assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.crm_deals (title, probability) VALUES ('d', ?)", p))
                    .as("probability %s rejected", p).hasMessageContaining("crm_deals_probability_check");
        }
        assertThat(db.update("INSERT INTO chatbot_crm.crm_deals (title, probability) VALUES ('d0', 0), ('d100', 100)")).as("probability 0 and 100").isEqualTo(2);
    }

    @Test
    void updated_at_changes_on_update_for_every_table_that_has_it(TestDatabase db) throws Exception {
        String u = id(db, "INSERT INTO chatbot_crm.users (email) VALUES ('ts@rel.test')");
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("users", "(email, updated_at) VALUES ('ts2@rel.test', '2000-01-01')");
        rows.put("patients", "(first_name, last_name, updated_at) VALUES ('a', 'b', '2000-01-01')");
        rows.put("doctors", "(first_name, last_name, updated_at) VALUES ('a', 'b', '2000-01-01')");
        rows.put("appointments", "(appointment_date, appointment_time, updated_at) VALUES (current_date, '09:00', '2000-01-01')");
        rows.put("sessions", "(session_date, session_time, updated_at) VALUES (current_date, '09:00', '2000-01-01')");
        rows.put("insurance_claims", "(updated_at) VALUES ('2000-01-01')");
        rows.put("user_preferences", "(user_id, updated_at) VALUES ('" + u + "', '2000-01-01')");
        rows.put("chatbot_flows", "(name, updated_at) VALUES ('f', '2000-01-01')");
        rows.put("chatbot_nodes", "(node_type, name, config, updated_at) VALUES ('start', 'n', '{}', '2000-01-01')");
        rows.put("chatbot_templates", "(name, content, updated_at) VALUES ('t', 'c', '2000-01-01')");
        rows.put("chatbot_integrations", "(provider, name, config, updated_at) VALUES ('web', 'i', '{}', '2000-01-01')");
        rows.put("conversations", "(channel, updated_at) VALUES ('web', '2000-01-01')");
        rows.put("crm_leads", "(name, updated_at) VALUES ('l', '2000-01-01')");
        rows.put("crm_deals", "(title, updated_at) VALUES ('d', '2000-01-01')");
        rows.put("crm_activities", "(type, subject, updated_at) VALUES ('call', 's', '2000-01-01')");
        rows.put("roles", "(name, permissions, updated_at) VALUES ('ts', '[]', '2000-01-01')");
        rows.put("settings", "(key, value, updated_at) VALUES ('ts', '1', '2000-01-01')");
        assertThat(rows.keySet()).as("tables covered: every table with updated_at").containsExactlyInAnyOrderElementsOf(db.column(
                "SELECT table_name::text FROM information_schema.columns WHERE table_schema = 'chatbot_crm' AND column_name = 'updated_at'"));
        for (Map.Entry<String, String> e : rows.entrySet()) {
            String row = id(db, "INSERT INTO chatbot_crm." + e.getKey() + " " + e.getValue());
            db.update("UPDATE chatbot_crm." + e.getKey() + " SET id = id WHERE id = ?::uuid", row);
            Object after = db.scalar("SELECT updated_at FROM chatbot_crm." + e.getKey() + " WHERE id = ?::uuid", row);
            int year = after instanceof Timestamp ts ? ts.toLocalDateTime().getYear() : ((OffsetDateTime) after).getYear();
            assertThat(year).as("updated_at of %s after an update", e.getKey()).isGreaterThan(2000);
        }
    }
}
