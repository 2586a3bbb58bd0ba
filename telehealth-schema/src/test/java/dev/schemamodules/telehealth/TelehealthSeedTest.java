package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.Seeds;
import dev.schemamodules.testing.TestDatabase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reference seeds (common) and demo records (dev): content, idempotency, views over the seeded data. */
@SchemaTest(modules = "telehealth", seed = "dev")
class TelehealthSeedTest {

    @Test
    void reference_seeds_give_one_settings_row_three_medications_one_pharmacy_eighteen_plans_twenty_funnel_steps(TestDatabase db) throws Exception {
        assertThat(db.count("SELECT count(*) FROM telehealth.consultation_settings")).as("settings rows").isEqualTo(1);
        assertThat(db.query("SELECT consultation_fee, require_credit_card, auto_charge_on_approval, refill_consultation_fee FROM telehealth.consultation_settings"))
                .as("settings").singleElement().satisfies(r -> assertThat(r).containsEntry("consultation_fee", new BigDecimal("0.00"))
                        .containsEntry("require_credit_card", true).containsEntry("auto_charge_on_approval", true)
                        .containsEntry("refill_consultation_fee", new BigDecimal("0.00")));
        assertThat(db.column("SELECT name || ' ' || brand_name || ' ' || category || ' ' || base_price FROM telehealth.medications ORDER BY name"))
                .as("medications").containsExactly("Finasteride Propecia® Hair Loss 25.00", "Minoxidil Rogaine® Hair Loss 35.00",
                        "Sildenafil Viagra® ED 30.00");
        assertThat(db.scalar("SELECT jsonb_array_length(available_dosages) FROM telehealth.medications WHERE name = 'Sildenafil'"))
                .as("Sildenafil dosages").isEqualTo(3);
        assertThat(db.query("SELECT name, api_endpoint, email, active, preferred, array_length(states_serviced, 1) AS states, api_key_encrypted FROM telehealth.pharmacies"))
                .as("pharmacies").singleElement().satisfies(r -> assertThat(r).containsEntry("name", "TeleHealth Pharmacy Partners")
                        .containsEntry("api_endpoint", "https://api.pharmacy-partner.com/v1").containsEntry("email", "fulfillment@pharmacy-partner.com")
                        .containsEntry("active", true).containsEntry("preferred", true).containsEntry("states", 10)
                        .containsEntry("api_key_encrypted", null));
        assertThat(db.count("SELECT count(*) FROM telehealth.treatment_plans")).as("treatment plans").isEqualTo(18);
        assertThat(db.count("SELECT count(*) FROM telehealth.funnel_definitions")).as("funnel steps").isEqualTo(20);
        assertThat(db.column("SELECT funnel_name || ':' || count(*) || ':' || min(expected_completion_rate) FROM telehealth.funnel_definitions GROUP BY funnel_name ORDER BY 1"))
                .as("funnels: steps and final expected rate").containsExactly("consultation:8:15.00", "prescription:6:80.00", "refill:6:18.00");
    }

    @Test
    void treatment_plans_follow_the_tier_table(TestDatabase db) throws Exception {
        assertThat(db.column("SELECT condition || ':' || count(*) || ':' || string_agg(sort_order::text, ',' ORDER BY sort_order) "
                + "|| ':' || string_agg(plan_tier, ',' ORDER BY sort_order) FROM telehealth.treatment_plans GROUP BY condition ORDER BY 1"))
                .as("three tiers per condition, sorted basic, standard, premium").containsExactly(
                        "hairLoss:3:1,2,3:basic,standard,premium", "longevity:3:1,2,3:basic,standard,premium",
                        "mensHealth:3:1,2,3:basic,standard,premium", "trt:3:1,2,3:basic,standard,premium",
                        "weightLoss:3:1,2,3:basic,standard,premium", "womensHealth:3:1,2,3:basic,standard,premium");
        assertThat(db.column("SELECT DISTINCT plan_tier FROM telehealth.treatment_plans WHERE is_popular")).as("popular tier").containsExactly("standard");
        assertThat(db.count("SELECT count(*) FROM telehealth.treatment_plans WHERE jsonb_array_length(features) NOT BETWEEN 3 AND 6"))
                .as("plans without 3-6 features").isZero();
        assertThat(db.column("SELECT condition || '/' || plan_tier || ' ' || name || ' ' || price || ' ' || billing_period || ' ' || coalesce(protocol_key, '-') "
                + "FROM telehealth.treatment_plans WHERE condition IN ('weightLoss', 'mensHealth') ORDER BY condition, sort_order"))
                .as("weight-loss and men's health plans").containsExactly(
                        "mensHealth/basic Essential ED 2.00 dose standard", "mensHealth/standard Performance Plus 5.00 dose standard",
                        "mensHealth/premium Total Vitality 199.00 month combination",
                        "weightLoss/basic Starter Plan 99.00 month starter", "weightLoss/standard Accelerated Plan 149.00 month glp1",
                        "weightLoss/premium Comprehensive Plan 249.00 month glp1");
        assertThat(db.scalar("SELECT medications::text FROM telehealth.treatment_plans WHERE condition = 'hairLoss' AND plan_tier = 'premium'"))
                .as("hair loss premium SKUs").isEqualTo("[{\"qty\": 30, \"sku\": \"FIN-1-TAB\"}, {\"qty\": 2, \"sku\": \"MIN-5-SOL\"}, {\"qty\": 30, \"sku\": \"BIO-10K\"}]");
        assertThat(db.count("SELECT count(*) FROM telehealth.treatment_plans WHERE medications = '[]'::jsonb"))
                .as("plans without medications (women's health, TRT, longevity basic/premium)").isEqualTo(8);
    }

    @Test
    void seeds_applied_twice_change_nothing(TestDatabase db) throws Exception {
        Map<String, String> digest = Seeds.assertRerunChangesNothing(db, "telehealth");
        assertThat(digest).as("seeded tables in the digest").containsKeys("telehealth.treatment_plans", "telehealth.patients", "telehealth.orders");
    }

    @Test
    void dev_demo_records_reference_the_common_catalogue(TestDatabase db) throws Exception {
        assertThat(db.count("SELECT count(*) FROM telehealth.patients")).as("demo patients").isEqualTo(2);
        assertThat(db.query("SELECT oi.medication_name, o.order_number FROM telehealth.order_items oi JOIN telehealth.orders o ON o.id = oi.order_id"))
                .as("demo order item of the seeded Finasteride").singleElement()
                .satisfies(r -> assertThat(r).containsEntry("medication_name", "Finasteride").containsEntry("order_number", "ORD-20250101-0001"));
        assertThat(db.scalar("SELECT selected_plan_name FROM telehealth.consultations WHERE selected_plan_id IS NOT NULL")).as("demo selected plan").isEqualTo("Advanced");
        assertThat(db.scalar("SELECT count(*) FROM telehealth.prescription_items")).as("demo prescription items").isEqualTo(1L);
        assertThat(db.scalar("SELECT p.name FROM telehealth.prescriptions r JOIN telehealth.pharmacies p ON p.id = r.pharmacy_id"))
                .as("demo prescription routed to the seeded pharmacy").isEqualTo("TeleHealth Pharmacy Partners");
    }

    @Test
    void views_and_functions_return_sensible_rows_over_seed_data(TestDatabase db) throws Exception {
        List<Map<String, Object>> funnel = db.query("SELECT * FROM telehealth.funnel_conversion_rates WHERE funnel_name = 'consultation' ORDER BY step_number");
        assertThat(funnel).as("consultation funnel steps over demo events").hasSize(8);
        assertThat(funnel.get(0)).as("landing").containsEntry("unique_sessions", 3L).containsEntry("conversion_from_start", new BigDecimal("100.00"));
        assertThat(funnel.get(3)).as("quiz_completed").containsEntry("unique_sessions", 2L).containsEntry("conversion_from_start", new BigDecimal("66.67"))
                .containsEntry("conversion_from_previous", new BigDecimal("66.67"));
        assertThat(funnel.get(7)).as("consultation_submitted").containsEntry("step_name", "consultation_submitted")
                .containsEntry("conversion_from_previous", new BigDecimal("100.00")).containsEntry("expected_completion_rate", new BigDecimal("15.00"));

        assertThat(db.query("SELECT * FROM telehealth.form_completion_rates WHERE form_name = 'health_quiz'")).as("health quiz form")
                .singleElement().satisfies(r -> assertThat(r).containsEntry("total_sessions", 3L).containsEntry("completed_sessions", 2L)
                        .containsEntry("completion_rate", new BigDecimal("66.67")));
        List<Map<String, Object>> days = db.query("SELECT * FROM telehealth.session_conversion_summary");
        assertThat(days).as("demo session days").hasSize(2);
        assertThat(days.stream().map(r -> (BigDecimal) r.get("total_revenue")).reduce(BigDecimal.ZERO, BigDecimal::add))
                .as("revenue of the demo sessions").isEqualByComparingTo("194.00");

        assertThat(db.query("SELECT * FROM telehealth.calculate_funnel_velocity('demo-session-1', 'consultation')"))
                .as("velocity of demo session 1").hasSize(8).first().satisfies(r -> assertThat(r).containsEntry("time_to_next_step_minutes", new BigDecimal("2.00")));

        List<Map<String, Object>> weightLoss = db.query("SELECT m.* FROM telehealth.treatment_plans tp, telehealth.get_plan_medications(tp.id) m "
                + "WHERE tp.condition = 'weightLoss' AND tp.plan_tier = 'basic'");
        assertThat(weightLoss).as("weight-loss starter medications").hasSize(2);
        assertThat(weightLoss.get(0)).as("MET-500-TAB from the demo inventory").containsEntry("medication_sku", "MET-500-TAB")
                .containsEntry("unit_price", new BigDecimal("8.99")).containsEntry("total_price", new BigDecimal("539.40"));
        assertThat(weightLoss.get(1)).as("ORL-60-CAP not in inventory").containsEntry("medication_sku", "ORL-60-CAP").containsEntry("unit_price", null);
    }

    @Test
    void common_seed_alone_brings_reference_data_without_demo_records() throws Exception {
        try (TestDatabase common = TestDatabase.create(List.of("telehealth"), "common")) {
            assertThat(common.count("SELECT count(*) FROM telehealth.treatment_plans")).as("plans with the common seed").isEqualTo(18);
            assertThat(common.count("SELECT count(*) FROM telehealth.medications")).as("medications with the common seed").isEqualTo(3);
            assertThat(common.count("SELECT count(*) FROM telehealth.patients")).as("patients without the dev seed").isZero();
            assertThat(common.count("SELECT count(*) FROM telehealth.inventory")).as("inventory without the dev seed").isZero();
        }
    }
}
