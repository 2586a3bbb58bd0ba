package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RLS as PostgREST callers: user A, user B, an admin, a treating doctor D (authenticated with their JWT
 * subject) and anon. Rows are set up by the owner (bypasses RLS).
 */
@SchemaTest(modules = "chatbot-crm")
class RowLevelSecurityTest {

    static String a;
    static String b;
    static String admin;
    static String doctorUser;
    static String patient;
    static String otherPatient;
    static String publishedFlow;
    static String draftFlow;
    static String integration;
    static String message;

    static String id(TestDatabase db, String sql, Object... params) throws SQLException {
        return db.scalar(sql + " RETURNING id::text", params).toString();
    }

    @BeforeAll
    static void rows(TestDatabase db) throws Exception {
        a = id(db, "INSERT INTO chatbot_crm.users (email, role) VALUES ('a@rls.test', 'staff')");
        b = id(db, "INSERT INTO chatbot_crm.users (email, role) VALUES ('b@rls.test', 'staff')");
        admin = id(db, "INSERT INTO chatbot_crm.users (email, role) VALUES ('admin@rls.test', 'admin')");
        doctorUser = id(db, "INSERT INTO chatbot_crm.users (email, role) VALUES ('doc@rls.test', 'doctor')");
        String doctor = id(db, "INSERT INTO chatbot_crm.doctors (first_name, last_name, user_id) VALUES ('Dr', 'D', ?::uuid)", doctorUser);
        patient = id(db, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Treated', 'P')");
        otherPatient = id(db, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Other', 'P')");
        db.update("INSERT INTO chatbot_crm.appointments (patient_id, doctor_id, appointment_date, appointment_time) VALUES (?::uuid, ?::uuid, current_date, '10:00')", patient, doctor);
        String conv = id(db, "INSERT INTO chatbot_crm.conversations (channel, patient_id) VALUES ('whatsapp', ?::uuid)", patient);
        id(db, "INSERT INTO chatbot_crm.messages (conversation_id, sender_type, content) VALUES (?::uuid, 'user', 'hello')", conv);
        String otherConv = id(db, "INSERT INTO chatbot_crm.conversations (channel, patient_id) VALUES ('web', ?::uuid)", otherPatient);
        id(db, "INSERT INTO chatbot_crm.messages (conversation_id, sender_type, content) VALUES (?::uuid, 'user', 'other')", otherConv);

        publishedFlow = id(db, "INSERT INTO chatbot_crm.chatbot_flows (name, status, created_by) VALUES ('Published', 'published', ?::uuid)", a);
        draftFlow = id(db, "INSERT INTO chatbot_crm.chatbot_flows (name, status, created_by) VALUES ('Draft', 'draft', ?::uuid)", a);
        db.update("INSERT INTO chatbot_crm.chatbot_nodes (flow_id, node_type, name, config) VALUES (?::uuid, 'start', 'pub-node', '{}')", publishedFlow);
        db.update("INSERT INTO chatbot_crm.chatbot_nodes (flow_id, node_type, name, config) VALUES (?::uuid, 'start', 'draft-node', '{}')", draftFlow);
        integration = id(db, "INSERT INTO chatbot_crm.chatbot_integrations (provider, name, config, status, webhook_secret, created_by)"
                + " VALUES ('whatsapp', 'WA', '{\"token\": \"t0p\"}', 'active', 'shh', ?::uuid)", a);

        db.update("INSERT INTO chatbot_crm.crm_leads (name, owner_id) VALUES ('A lead', ?::uuid)", a);
        db.update("INSERT INTO chatbot_crm.crm_deals (title, owner_id) VALUES ('A deal', ?::uuid)", a);
        db.update("INSERT INTO chatbot_crm.crm_activities (type, subject, owner_id) VALUES ('call', 'A call', ?::uuid)", a);
        db.update("INSERT INTO chatbot_crm.notifications (user_id, title, message) VALUES (?::uuid, 'For A', 'm')", a);
        db.update("INSERT INTO chatbot_crm.audit_logs (user_id, action, table_name) VALUES (?::uuid, 'login', 'users')", a);
        String role = id(db, "INSERT INTO chatbot_crm.roles (name, permissions, is_system) VALUES ('editor', '[]', false)");
        db.update("INSERT INTO chatbot_crm.roles (name, permissions, is_system) VALUES ('root', '[]', true)");
        db.update("INSERT INTO chatbot_crm.user_roles (user_id, role_id) VALUES (?::uuid, ?::uuid)", a, role);
        db.update("INSERT INTO chatbot_crm.user_preferences (user_id, theme) VALUES (?::uuid, 'dark')", a);
        db.update("INSERT INTO chatbot_crm.settings (key, value, is_public) VALUES ('public_one', '1', true), ('private_one', '2', false)");
        message = id(db, "INSERT INTO chatbot_crm.internal_messages (sender_id, recipient_id, subject, content) VALUES (?::uuid, ?::uuid, 's', 'original')", a, b);
    }

    static <T> T rowsAs(TestDatabase db, String role, String sub, TestDatabase.UserWork<T> work) throws SQLException {
        return db.asUser(role, sub, work);
    }

    static long count(Connection c, String sql, Object... params) throws SQLException {
        return ((Number) TestDatabase.query(c, sql, params).get(0).values().iterator().next()).longValue();
    }

    static int update(Connection c, String sql, Object... params) throws SQLException {
        try (var ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        }
    }

    @Test
    void user_b_sees_a_published_flow_and_its_nodes_but_not_a_draft(TestDatabase db) throws Exception {
        List<String> flows = db.asUser("authenticated", b, c -> TestDatabase.query(c, "SELECT name FROM chatbot_crm.chatbot_flows ORDER BY name")
                .stream().map(r -> (String) r.get("name")).toList());
        assertThat(flows).as("flows B sees").containsExactly("Published");
        List<String> nodes = db.asUser("authenticated", b, c -> TestDatabase.query(c, "SELECT name FROM chatbot_crm.chatbot_nodes ORDER BY name")
                .stream().map(r -> (String) r.get("name")).toList());
        assertThat(nodes).as("nodes B sees").containsExactly("pub-node");
        assertThat((long) db.asUser("authenticated", a, c -> count(c, "SELECT count(*) FROM chatbot_crm.chatbot_nodes"))).as("nodes A sees (own flows)").isEqualTo(2);
    }

    @Test
    void user_b_cannot_update_a_flow_of_a_but_an_admin_can(TestDatabase db) throws Exception {
        assertThat((long) db.asUser("authenticated", b, c -> update(c, "UPDATE chatbot_crm.chatbot_flows SET name = 'hacked' WHERE id = ?::uuid", publishedFlow)))
                .as("rows B updates in A's flow").isZero();
        assertThat((long) db.asUser("authenticated", b, c -> update(c, "DELETE FROM chatbot_crm.chatbot_nodes WHERE flow_id = ?::uuid", publishedFlow)))
                .as("nodes of A's flow B deletes").isZero();
        assertThat((long) db.asUser("authenticated", admin, c -> update(c, "UPDATE chatbot_crm.chatbot_flows SET name = 'renamed' WHERE id = ?::uuid", draftFlow)))
                .as("rows admin updates").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", a, c -> update(c, "UPDATE chatbot_crm.chatbot_flows SET name = 'mine' WHERE id = ?::uuid", draftFlow)))
                .as("rows the creator updates").isEqualTo(1);
        assertThatThrownBy(() -> db.asUser("authenticated", b, c -> update(c,
                "INSERT INTO chatbot_crm.chatbot_flows (name, created_by) VALUES ('forged', ?::uuid)", a)))
                .as("B creating a flow in A's name").hasMessageContaining("row-level security");
    }

    @Test
    void user_b_sees_none_of_the_private_rows_of_a(TestDatabase db) throws Exception {
        for (String table : List.of("crm_leads", "crm_deals", "crm_activities", "notifications", "audit_logs", "user_roles", "user_preferences")) {
            assertThat((long) db.asUser("authenticated", b, c -> count(c, "SELECT count(*) FROM chatbot_crm." + table))).as("%s rows B sees", table).isZero();
            assertThat((long) db.asUser("authenticated", a, c -> count(c, "SELECT count(*) FROM chatbot_crm." + table))).as("%s rows A sees", table).isPositive();
            assertThat((long) db.asUser("authenticated", admin, c -> count(c, "SELECT count(*) FROM chatbot_crm." + table))).as("%s rows admin sees", table).isPositive();
        }
        assertThat((long) db.asUser("authenticated", b, c -> update(c, "UPDATE chatbot_crm.crm_leads SET name = 'x'"))).as("A's leads B updates").isZero();
        assertThat((long) db.asUser("authenticated", b, c -> count(c, "SELECT count(*) FROM chatbot_crm.roles"))).as("non-system roles B reads").isEqualTo(1);
    }

    @Test
    void conversations_and_messages_are_visible_only_to_the_treating_doctor_and_admin(TestDatabase db) throws Exception {
        assertThat((long) db.asUser("authenticated", doctorUser, c -> count(c, "SELECT count(*) FROM chatbot_crm.conversations WHERE patient_id = ?::uuid", patient)))
                .as("treating doctor's conversations").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", doctorUser, c -> count(c, "SELECT count(*) FROM chatbot_crm.conversations"))).as("all conversations the doctor sees").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", doctorUser, c -> count(c, "SELECT count(*) FROM chatbot_crm.messages"))).as("messages the doctor sees").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", doctorUser, c -> count(c, "SELECT count(*) FROM chatbot_crm.patients"))).as("patients the doctor sees").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", b, c -> count(c, "SELECT count(*) FROM chatbot_crm.conversations"))).as("conversations B sees").isZero();
        assertThat((long) db.asUser("authenticated", b, c -> count(c, "SELECT count(*) FROM chatbot_crm.messages"))).as("messages B sees").isZero();
        assertThat((long) db.asUser("authenticated", b, c -> count(c, "SELECT count(*) FROM chatbot_crm.patients"))).as("patients B sees").isZero();
        assertThat((long) db.asUser("authenticated", admin, c -> count(c, "SELECT count(*) FROM chatbot_crm.messages"))).as("messages admin sees").isEqualTo(2);
        assertThatThrownBy(() -> db.asUser("authenticated", admin, c -> update(c,
                "INSERT INTO chatbot_crm.messages (sender_type, content) VALUES ('bot', 'x')")))
                .as("writes to messages are for service_role only").hasMessageContaining("permission denied");
        assertThat((long) db.asUser("service_role", null, c -> update(c, "INSERT INTO chatbot_crm.messages (sender_type, content) VALUES ('bot', 'x')")))
                .as("service_role writes messages").isEqualTo(1);
    }

    @Test
    void anon_sees_no_row_in_any_table_except_public_settings(TestDatabase db) throws Exception {
        for (String table : db.catalog("chatbot_crm").tables()) {
            String sql = "SELECT count(*) FROM chatbot_crm." + table;
            long seen = (long) db.asUser("anon", null, c -> count(c, sql));
            if (table.equals("settings")) {
                assertThat(seen).as("public settings anon sees").isEqualTo(1);
                Object key = db.asUser("anon", null, c -> TestDatabase.query(c, "SELECT key FROM chatbot_crm.settings").get(0).get("key"));
                assertThat(key).as("the setting anon sees").isEqualTo("public_one");
            } else {
                assertThat(seen).as("rows of %s anon sees", table).isZero();
            }
        }
        assertThat((long) db.asUser("authenticated", b, c -> count(c, "SELECT count(*) FROM chatbot_crm.settings"))).as("settings B sees").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", admin, c -> count(c, "SELECT count(*) FROM chatbot_crm.settings"))).as("settings admin sees").isEqualTo(2);
    }

    @Test
    void anon_and_authenticated_cannot_insert_audit_logs_or_notifications(TestDatabase db) {
        for (String role : List.of("anon", "authenticated")) {
            String sub = role.equals("anon") ? null : a;
            assertThatThrownBy(() -> db.asUser(role, sub, c -> update(c,
                    "INSERT INTO chatbot_crm.audit_logs (action, table_name, user_id) VALUES ('delete', 'patients', ?::uuid)", b)))
                    .as("%s inserting an audit row", role).hasMessageContaining("permission denied");
            assertThatThrownBy(() -> db.asUser(role, sub, c -> update(c,
                    "INSERT INTO chatbot_crm.notifications (user_id, title, message) VALUES (?::uuid, 'spam', 'spam')", b)))
                    .as("%s inserting a notification", role).hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> db.asUser("authenticated", admin, c -> update(c,
                "INSERT INTO chatbot_crm.audit_logs (action, table_name) VALUES ('delete', 'patients')")))
                .as("even an admin cannot forge audit rows").hasMessageContaining("permission denied");
    }

    @Test
    void non_admins_never_read_an_integration_config_or_webhook_secret(TestDatabase db) throws Exception {
        assertThat((long) db.asUser("authenticated", b, c -> count(c, "SELECT count(*) FROM chatbot_crm.chatbot_integrations"))).as("integrations B sees").isZero();
        assertThat((long) db.asUser("anon", null, c -> count(c, "SELECT count(*) FROM chatbot_crm.chatbot_integrations"))).as("integrations anon sees").isZero();
        Object name = db.asUser("authenticated", a, c -> TestDatabase.query(c, "SELECT name FROM chatbot_crm.chatbot_integrations").get(0).get("name"));
        assertThat(name).as("creator reads the integration's non-secret columns").isEqualTo("WA");
        for (String column : List.of("config", "webhook_secret")) {
            for (String user : List.of(a, b)) {
                assertThatThrownBy(() -> db.asUser("authenticated", user, c -> TestDatabase.query(c, "SELECT " + column + " FROM chatbot_crm.chatbot_integrations")))
                        .as("non-admin reading %s", column).hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> db.asUser("anon", null, c -> TestDatabase.query(c, "SELECT " + column + " FROM chatbot_crm.chatbot_integrations")))
                    .as("anon reading %s", column).hasMessageContaining("permission denied");
        }
        assertThat(RowLevelSecurityTest.<java.util.List<java.util.Map<String, Object>>>rowsAs(db, "authenticated", a, c -> TestDatabase.query(c, "SELECT * FROM chatbot_crm.integration_secrets(?::uuid)", integration)))
                .as("secrets for the non-admin creator").isEmpty();
        assertThat(RowLevelSecurityTest.<java.util.List<java.util.Map<String, Object>>>rowsAs(db, "authenticated", admin, c -> TestDatabase.query(c, "SELECT webhook_secret FROM chatbot_crm.integration_secrets(?::uuid)", integration)))
                .as("secrets for an admin").extracting(r -> r.get("webhook_secret")).containsExactly("shh");
    }

    @Test
    void recipient_can_mark_an_internal_message_read_but_cannot_change_content_or_sender(TestDatabase db) throws Exception {
        assertThat((long) db.asUser("authenticated", b, c -> update(c, "UPDATE chatbot_crm.internal_messages SET is_read = true, read_at = now() WHERE id = ?::uuid", message)))
                .as("recipient marks read").isEqualTo(1);
        assertThatThrownBy(() -> db.asUser("authenticated", b, c -> update(c, "UPDATE chatbot_crm.internal_messages SET content = 'rewritten' WHERE id = ?::uuid", message)))
                .as("recipient rewriting content").hasMessageContaining("permission denied");
        assertThatThrownBy(() -> db.asUser("authenticated", b, c -> update(c, "UPDATE chatbot_crm.internal_messages SET sender_id = ?::uuid WHERE id = ?::uuid", b, message)))
                .as("recipient changing the sender").hasMessageContaining("permission denied");
        assertThat((long) db.asUser("authenticated", admin, c -> update(c, "UPDATE chatbot_crm.internal_messages SET is_read = true WHERE id = ?::uuid", message)))
                .as("admin marks read").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", doctorUser, c -> count(c, "SELECT count(*) FROM chatbot_crm.internal_messages"))).as("third party sees").isZero();
        assertThat((long) db.asUser("authenticated", b, c -> update(c, "INSERT INTO chatbot_crm.internal_messages (sender_id, recipient_id, content) VALUES (?::uuid, ?::uuid, 'reply')", b, a)))
                .as("B sends as B").isEqualTo(1);
        assertThatThrownBy(() -> db.asUser("authenticated", b, c -> update(c,
                "INSERT INTO chatbot_crm.internal_messages (sender_id, recipient_id, content) VALUES (?::uuid, ?::uuid, 'forged')", a, b)))
                .as("B sending as A").hasMessageContaining("row-level security");
        assertThat(db.scalar("SELECT content FROM chatbot_crm.internal_messages WHERE id = ?::uuid", message)).as("content unchanged").isEqualTo("original");
    }

    @Test
    void owner_manages_own_preferences_and_crm_rows_and_cannot_create_rows_for_others(TestDatabase db) throws Exception {
        assertThat((long) db.asUser("authenticated", b, c -> update(c, "INSERT INTO chatbot_crm.user_preferences (user_id, theme) VALUES (?::uuid, 'light')", b)))
                .as("B creates own preferences").isEqualTo(1);
        assertThatThrownBy(() -> db.asUser("authenticated", b, c -> update(c, "INSERT INTO chatbot_crm.user_preferences (user_id) VALUES (?::uuid)", admin)))
                .as("B creating preferences for someone else").hasMessageContaining("row-level security");
        assertThat((long) db.asUser("authenticated", a, c -> update(c, "UPDATE chatbot_crm.user_preferences SET theme = 'light'"))).as("A updates own preferences").isEqualTo(1);
        assertThat((long) db.asUser("authenticated", b, c -> update(c, "INSERT INTO chatbot_crm.crm_leads (name, owner_id) VALUES ('B lead', ?::uuid)", b)))
                .as("B creates own lead").isEqualTo(1);
        assertThatThrownBy(() -> db.asUser("authenticated", b, c -> update(c, "INSERT INTO chatbot_crm.crm_deals (title, owner_id) VALUES ('x', ?::uuid)", a)))
                .as("B creating a deal owned by A").hasMessageContaining("row-level security");
        assertThat((long) db.asUser("authenticated", a, c -> update(c, "UPDATE chatbot_crm.notifications SET is_read = true"))).as("A marks own notification read").isEqualTo(1);
    }
}
