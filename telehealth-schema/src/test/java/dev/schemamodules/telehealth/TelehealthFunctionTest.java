package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Number generators, plan medications, funnel velocity, the three views, log cleanup, API key encryption. */
@SchemaTest(modules = "telehealth")
class TelehealthFunctionTest {

    private static BigDecimal dec(String v) {
        return new BigDecimal(v);
    }

    @Test
    void generated_rx_and_order_numbers_match_their_formats(TestDatabase db) throws Exception {
        String today = (String) db.scalar("SELECT to_char(CURRENT_DATE, 'YYYYMMDD')");
        for (int i = 0; i < 20; i++) {
            assertThat((String) db.scalar("SELECT telehealth.generate_rx_number()")).as("rx number").matches("RX" + today + "-[0-9]{4}");
            assertThat((String) db.scalar("SELECT telehealth.generate_order_number()")).as("order number").matches("ORD-" + today + "-[0-9]{4}");
        }
    }

    @Test
    void get_plan_medications_returns_one_row_per_sku_with_inventory_price_and_total(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        String known = TelehealthFixture.unique("MET-500-TAB");
        String unknown = TelehealthFixture.unique("NOPE");
        db.update("INSERT INTO telehealth.inventory (sku, medication_name, retail_price) VALUES (?, 'Metformin 500 mg', 8.99)", known);
        UUID plan = f.plan("[{\"sku\": \"" + known + "\", \"qty\": 60}, {\"sku\": \"" + unknown + "\", \"qty\": 90}]");
        UUID empty = f.plan("[]");

        List<Map<String, Object>> rows = db.query("SELECT * FROM telehealth.get_plan_medications(?)", plan);

        assertThat(rows).as("one row per plan SKU, in list order").hasSize(2);
        assertThat(rows.get(0)).as("SKU found in inventory").containsEntry("medication_sku", known).containsEntry("medication_name", "Metformin 500 mg")
                .containsEntry("quantity", 60).containsEntry("unit_price", dec("8.99")).containsEntry("total_price", dec("539.40"));
        assertThat(rows.get(1)).as("SKU missing from inventory").containsEntry("medication_sku", unknown).containsEntry("quantity", 90)
                .containsEntry("medication_name", null).containsEntry("unit_price", null).containsEntry("total_price", null);
        assertThat(db.query("SELECT * FROM telehealth.get_plan_medications(?)", empty)).as("plan with an empty list").isEmpty();
        assertThat(db.query("SELECT * FROM telehealth.get_plan_medications(?)", UUID.randomUUID())).as("unknown plan").isEmpty();
    }

    @Test
    void calculate_funnel_velocity_returns_minutes_to_the_next_step(TestDatabase db) throws Exception {
        db.execute("""
                INSERT INTO telehealth.analytics_events (session_id, event_type, event_category, event_data, created_at) VALUES
                  ('vel-1', 'funnel_step', 'consultation', '{"step": "landing", "stepNumber": 1}', TIMESTAMP '2025-03-01 10:00:00'),
                  ('vel-1', 'funnel_step', 'consultation', '{"step": "condition_selected", "stepNumber": 2}', TIMESTAMP '2025-03-01 10:01:30'),
                  ('vel-1', 'funnel_step', 'consultation', '{"step": "quiz_started", "stepNumber": 3}', TIMESTAMP '2025-03-01 10:05:00'),
                  ('vel-1', 'page_view', 'consultation', '{"step": "noise", "stepNumber": 9}', TIMESTAMP '2025-03-01 10:02:00'),
                  ('vel-1', 'funnel_step', 'refill', '{"step": "refill_reminder_sent", "stepNumber": 1}', TIMESTAMP '2025-03-01 10:03:00'),
                  ('vel-2', 'funnel_step', 'consultation', '{"step": "landing", "stepNumber": 1}', TIMESTAMP '2025-03-01 10:00:10')
                """);

        List<Map<String, Object>> rows = db.query("SELECT * FROM telehealth.calculate_funnel_velocity('vel-1', 'consultation')");

        assertThat(rows).as("funnel steps of the session").extracting(r -> r.get("step_number"), r -> r.get("step_name"), r -> r.get("time_to_next_step_minutes"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "landing", dec("1.50")),
                        org.assertj.core.groups.Tuple.tuple(2, "condition_selected", dec("3.50")),
                        org.assertj.core.groups.Tuple.tuple(3, "quiz_started", null));
    }

    @Test
    void funnel_conversion_rates_counts_sessions_of_the_last_30_days(TestDatabase db) throws Exception {
        // four sessions reach step 1, two reach step 2, one reaches step 3; one old session is outside the window
        db.execute("""
                INSERT INTO telehealth.analytics_events (session_id, event_type, event_category, event_data, created_at)
                SELECT s, 'funnel_step', 'consultation', jsonb_build_object('step', step, 'stepNumber', n), CURRENT_TIMESTAMP - INTERVAL '1 day'
                  FROM (VALUES ('fc-a', 1, 'landing'), ('fc-b', 1, 'landing'), ('fc-c', 1, 'landing'), ('fc-d', 1, 'landing'),
                               ('fc-a', 2, 'condition_selected'), ('fc-b', 2, 'condition_selected'), ('fc-a', 3, 'quiz_started'),
                               ('fc-a', 1, 'landing')) AS v(s, n, step);
                INSERT INTO telehealth.analytics_events (session_id, event_type, event_category, event_data, created_at)
                VALUES ('fc-old', 'funnel_step', 'consultation', '{"step": "landing", "stepNumber": 1}', CURRENT_TIMESTAMP - INTERVAL '40 days'),
                       ('fc-old', 'funnel_step', 'consultation', '{"step": "condition_selected", "stepNumber": 2}', CURRENT_TIMESTAMP - INTERVAL '40 days');
                """);

        List<Map<String, Object>> rows = db.query("SELECT * FROM telehealth.funnel_conversion_rates WHERE funnel_name = 'consultation' ORDER BY step_number");

        assertThat(rows).as("steps").extracting(r -> r.get("step_number")).containsExactly(1, 2, 3);
        assertThat(rows.get(0)).as("step 1").containsEntry("unique_sessions", 4L).containsEntry("total_events", 5L)
                .containsEntry("conversion_from_start", dec("100.00")).containsEntry("conversion_from_previous", null)
                .containsEntry("expected_completion_rate", dec("100.00"));
        assertThat(rows.get(1)).as("step 2").containsEntry("unique_sessions", 2L).containsEntry("conversion_from_start", dec("50.00"))
                .containsEntry("conversion_from_previous", dec("50.00")).containsEntry("step_name", "condition_selected");
        assertThat(rows.get(2)).as("step 3").containsEntry("unique_sessions", 1L).containsEntry("conversion_from_start", dec("25.00"))
                .containsEntry("conversion_from_previous", dec("50.00"));
        assertThat(rows.get(0).get("step_description")).as("description from funnel_definitions").isNotNull();
    }

    @Test
    void form_completion_rates_summarises_forms_of_the_last_30_days(TestDatabase db) throws Exception {
        db.execute("""
                INSERT INTO telehealth.form_field_analytics (session_id, form_name, field_name, time_spent_seconds, error_count, was_completed, created_at) VALUES
                  ('ff-1', 'intake_form_t', 'age', 60, 1, true, CURRENT_TIMESTAMP - INTERVAL '1 day'),
                  ('ff-2', 'intake_form_t', 'age', 120, 2, false, CURRENT_TIMESTAMP - INTERVAL '2 days'),
                  ('ff-3', 'intake_form_t', 'age', 180, 3, true, CURRENT_TIMESTAMP - INTERVAL '3 days'),
                  ('ff-4', 'intake_form_t', 'age', 900, 9, true, CURRENT_TIMESTAMP - INTERVAL '45 days')
                """);

        assertThat(db.query("SELECT * FROM telehealth.form_completion_rates WHERE form_name = 'intake_form_t'")).as("intake form summary")
                .singleElement().satisfies(r -> assertThat(r).containsEntry("total_sessions", 3L).containsEntry("completed_sessions", 2L)
                        .containsEntry("completion_rate", dec("66.67")).containsEntry("avg_time_minutes", dec("2.00"))
                        .containsEntry("avg_errors", dec("2.00")));
    }

    @Test
    void session_conversion_summary_reports_per_day_newest_first(TestDatabase db) throws Exception {
        db.execute("""
                INSERT INTO telehealth.user_sessions (session_id, started_at, duration_seconds, converted, conversion_value) VALUES
                  ('sc-1', CURRENT_DATE + INTERVAL '1 second', 120, true, 100.00),
                  ('sc-2', CURRENT_DATE + INTERVAL '2 seconds', 240, false, NULL),
                  ('sc-3', CURRENT_DATE + INTERVAL '3 seconds', 360, false, NULL),
                  ('sc-4', CURRENT_DATE - INTERVAL '2 days', 60, true, 49.50),
                  ('sc-old', CURRENT_DATE - INTERVAL '40 days', 60, true, 999.00)
                """);

        List<Map<String, Object>> rows = db.query("SELECT * FROM telehealth.session_conversion_summary");

        assertThat(rows).as("days in the window, newest first").hasSize(2);
        assertThat(rows.get(0)).as("today").containsEntry("total_sessions", 3L).containsEntry("conversions", 1L)
                .containsEntry("conversion_rate", dec("33.33")).containsEntry("avg_session_minutes", dec("4.00"))
                .containsEntry("total_revenue", dec("100.00"));
        assertThat(rows.get(1)).as("two days ago").containsEntry("total_sessions", 1L).containsEntry("conversion_rate", dec("100.00"))
                .containsEntry("total_revenue", dec("49.50"));
    }

    @Test
    void clean_old_communication_logs_deletes_exactly_the_eligible_rows(TestDatabase db) throws Exception {
        db.execute("""
                INSERT INTO telehealth.email_logs (recipient, status, created_at) VALUES
                  ('del', 'sent', now() - INTERVAL '91 days'), ('del', 'failed', now() - INTERVAL '91 days'),
                  ('del', 'bounced', now() - INTERVAL '91 days'), ('keep', 'pending', now() - INTERVAL '91 days'),
                  ('keep', 'opened', now() - INTERVAL '91 days'), ('keep', 'sent', now() - INTERVAL '89 days');
                INSERT INTO telehealth.sms_logs (recipient, content, status, created_at) VALUES
                  ('del', 'x', 'sent', now() - INTERVAL '91 days'), ('del', 'x', 'delivered', now() - INTERVAL '91 days'),
                  ('del', 'x', 'failed', now() - INTERVAL '91 days'), ('keep', 'x', 'undelivered', now() - INTERVAL '91 days'),
                  ('keep', 'x', 'pending', now() - INTERVAL '91 days'), ('keep', 'x', 'delivered', now() - INTERVAL '89 days');
                INSERT INTO telehealth.webhook_logs (service, event_type, payload, processed, created_at) VALUES
                  ('del', 'e', '{}', true, now() - INTERVAL '31 days'), ('keep', 'e', '{}', false, now() - INTERVAL '31 days'),
                  ('keep', 'e', '{}', true, now() - INTERVAL '29 days');
                INSERT INTO telehealth.email_queue (recipient, template, send_at, status, retry_count, created_at) VALUES
                  ('del', 't', now(), 'failed', 4, now() - INTERVAL '8 days'), ('keep', 't', now(), 'failed', 3, now() - INTERVAL '8 days'),
                  ('keep', 't', now(), 'failed', 5, now() - INTERVAL '6 days'), ('keep', 't', now(), 'pending', 5, now() - INTERVAL '8 days');
                INSERT INTO telehealth.sms_queue (recipient, template, send_at, status, retry_count, created_at) VALUES
                  ('del', 't', now(), 'failed', 4, now() - INTERVAL '8 days'), ('keep', 't', now(), 'failed', 3, now() - INTERVAL '8 days'),
                  ('keep', 't', now(), 'failed', 5, now() - INTERVAL '6 days'), ('keep', 't', now(), 'scheduled', 5, now() - INTERVAL '8 days');
                """);

        db.execute("SELECT telehealth.clean_old_communication_logs()");

        for (String[] t : new String[][] {{"email_logs", "recipient", "3"}, {"sms_logs", "recipient", "3"}, {"webhook_logs", "service", "2"},
                {"email_queue", "recipient", "3"}, {"sms_queue", "recipient", "3"}}) {
            assertThat(db.count("SELECT count(*) FROM telehealth." + t[0] + " WHERE " + t[1] + " = 'del'")).as("eligible rows left in %s", t[0]).isZero();
            assertThat(db.count("SELECT count(*) FROM telehealth." + t[0] + " WHERE " + t[1] + " = 'keep'")).as("ineligible rows kept in %s", t[0])
                    .isEqualTo(Long.parseLong(t[2]));
        }
    }

    @Test
    void pharmacy_api_key_is_stored_encrypted_never_in_plaintext(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID pharmacy = f.pharmacy();
        String key = "sk_live_" + UUID.randomUUID();

        db.execute("SELECT telehealth.set_pharmacy_api_key('" + pharmacy + "', '" + key + "', 'secret-from-config')");

        String stored = (String) db.scalar("SELECT api_key_encrypted FROM telehealth.pharmacies WHERE id = ?", pharmacy);
        assertThat(stored).as("stored value is a PGP message").startsWith("-----BEGIN PGP MESSAGE-----").doesNotContain(key);
        assertThat(db.count("SELECT count(*) FROM telehealth.pharmacies p WHERE strpos(p::text, ?) > 0", key)).as("rows containing the plaintext key").isZero();
        assertThat(db.scalar("SELECT telehealth.pharmacy_api_key(?, 'secret-from-config')", pharmacy)).as("decrypted with the secret").isEqualTo(key);
        assertThatThrownBy(() -> db.scalar("SELECT telehealth.pharmacy_api_key(?, 'wrong-secret')", pharmacy))
                .as("decrypting with a wrong secret").hasMessageContaining("Wrong key");
        assertThatThrownBy(() -> db.update("UPDATE telehealth.pharmacies SET api_key_encrypted = ? WHERE id = ?", key, pharmacy))
                .as("writing a plaintext key directly").hasMessageContaining("ck_pharmacies_api_key_encrypted");
    }

    @Test
    void pharmacy_api_key_secret_comes_from_the_session_setting_and_is_required(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID pharmacy = f.pharmacy();
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("SELECT telehealth.set_pharmacy_api_key('" + pharmacy + "', 'k-1')"))
                    .as("no secret configured").hasMessageContaining("telehealth.api_key_secret");
            st.execute("SET telehealth.api_key_secret = 'configured-secret'");
            st.execute("SELECT telehealth.set_pharmacy_api_key('" + pharmacy + "', 'k-1')");
            assertThat(TestDatabase.query(c, "SELECT telehealth.pharmacy_api_key(?) AS k", pharmacy)).as("decrypted with the configured secret")
                    .singleElement().satisfies(r -> assertThat(r.get("k")).isEqualTo("k-1"));
            st.execute("RESET telehealth.api_key_secret");
        }
        assertThat(db.scalar("SELECT telehealth.pharmacy_api_key(?, 'configured-secret')", pharmacy)).as("the same secret as an argument").isEqualTo("k-1");
    }
}
