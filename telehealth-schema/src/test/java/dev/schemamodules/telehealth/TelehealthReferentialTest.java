package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cascades, restrictions, CHECK and UNIQUE constraints, updated_at maintenance. */
@SchemaTest(modules = "telehealth")
class TelehealthReferentialTest {

    @Test
    void deleting_patient_cascades_to_all_records_and_keeps_subscription_payments(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID patient = f.patient();
        UUID provider = f.provider();
        UUID admin = f.admin();
        UUID medication = f.medication();
        UUID plan = f.plan("[]");
        UUID consultation = f.consultation(patient, provider);
        UUID rx = f.prescription(consultation, patient, provider);
        db.update("INSERT INTO telehealth.prescription_items (prescription_id, medication_id, dosage, quantity) VALUES (?, ?, '1mg', 30)", rx, medication);
        db.update("INSERT INTO telehealth.messages (consultation_id, sender_id, sender_type, content) VALUES (?, ?, 'patient', 'hi')", consultation, patient);
        UUID order = f.order(patient, consultation, rx);
        db.update("INSERT INTO telehealth.order_items (order_id, medication_id, quantity, unit_price, total_price) VALUES (?, ?, 1, 10, 10)", order, medication);
        db.update("INSERT INTO telehealth.patient_documents (patient_id, consultation_id, document_type) VALUES (?, ?, 'id')", patient, consultation);
        db.update("INSERT INTO telehealth.notification_preferences (patient_id) VALUES (?)", patient);
        db.update("INSERT INTO telehealth.billing_adjustments (patient_id, type, amount, reason, order_id, created_by) VALUES (?, 'credit', 5, 'goodwill', ?, ?)",
                patient, order, admin);
        db.update("INSERT INTO telehealth.patient_flags (patient_id, flag_type, reason, created_by) VALUES (?, 'vip', 'loyal', ?)", patient, admin);
        UUID override = f.override(patient, plan, provider);
        db.update("UPDATE telehealth.consultations SET treatment_override_id = ?, selected_plan_id = ? WHERE id = ?", override, plan, consultation);
        db.update("INSERT INTO telehealth.clinical_notes (patient_id, provider_id, consultation_id, type, content) VALUES (?, ?, ?, 'progress', 'ok')",
                patient, provider, consultation);
        db.update("INSERT INTO telehealth.patient_subscriptions (patient_id, plan_id, stripe_subscription_id) VALUES (?, 'hair-standard', ?)",
                patient, TelehealthFixture.unique("sub"));
        db.update("INSERT INTO telehealth.subscription_events (patient_id, event_type) VALUES (?, 'created')", patient);
        UUID payment = f.id("INSERT INTO telehealth.subscription_payments (stripe_invoice_id, patient_id, amount, status) VALUES (?, ?, 45, 'paid') RETURNING id",
                TelehealthFixture.unique("in"), patient);

        assertThat(db.update("DELETE FROM telehealth.patients WHERE id = ?", patient)).as("patients deleted").isEqualTo(1);

        assertThat(db.count("SELECT count(*) FROM telehealth.consultations WHERE id = ?", consultation)).as("consultations").isZero();
        assertThat(db.count("SELECT count(*) FROM telehealth.prescriptions WHERE id = ?", rx)).as("prescriptions").isZero();
        assertThat(db.count("SELECT count(*) FROM telehealth.prescription_items WHERE prescription_id = ?", rx)).as("prescription items").isZero();
        assertThat(db.count("SELECT count(*) FROM telehealth.messages WHERE consultation_id = ?", consultation)).as("messages").isZero();
        assertThat(db.count("SELECT count(*) FROM telehealth.orders WHERE id = ?", order)).as("orders").isZero();
        assertThat(db.count("SELECT count(*) FROM telehealth.order_items WHERE order_id = ?", order)).as("order items").isZero();
        for (String table : List.of("patient_documents", "notification_preferences", "billing_adjustments", "patient_flags",
                "treatment_plan_overrides", "clinical_notes", "patient_subscriptions", "subscription_events")) {
            assertThat(db.count("SELECT count(*) FROM telehealth." + table + " WHERE patient_id = ?", patient)).as("%s of the deleted patient", table).isZero();
        }
        assertThat(db.query("SELECT patient_id FROM telehealth.subscription_payments WHERE id = ?", payment))
                .as("subscription payment kept with patient_id NULL").singleElement().satisfies(r -> assertThat(r.get("patient_id")).isNull());
        assertThat(db.count("SELECT count(*) FROM telehealth.providers WHERE id = ?", provider)).as("provider kept").isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM telehealth.admins WHERE id = ?", admin)).as("admin kept").isEqualTo(1);
    }

    @Test
    void deleting_provider_with_prescriptions_is_rejected(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID patient = f.patient();
        UUID provider = f.provider();
        f.prescription(f.consultation(patient, provider), patient, provider);

        assertThatThrownBy(() -> db.update("DELETE FROM telehealth.providers WHERE id = ?", provider))
                .as("deleting a provider with prescriptions").isInstanceOf(SQLException.class).hasMessageContaining("prescriptions_provider_id_fkey");
    }

    @Test
    void deleting_provider_with_only_consultations_leaves_them_without_provider(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID provider = f.provider();
        UUID consultation = f.consultation(f.patient(), provider);

        db.update("DELETE FROM telehealth.providers WHERE id = ?", provider);

        assertThat(db.query("SELECT provider_id FROM telehealth.consultations WHERE id = ?", consultation))
                .as("consultation kept with provider_id NULL").singleElement().satisfies(r -> assertThat(r.get("provider_id")).isNull());
    }

    @Test
    void deleting_provider_with_clinical_notes_or_overrides_is_rejected(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID withNote = f.provider();
        db.update("INSERT INTO telehealth.clinical_notes (patient_id, provider_id, type, content) VALUES (?, ?, 'internal', 'x')", f.patient(), withNote);
        UUID withOverride = f.provider();
        f.override(f.patient(), f.plan("[]"), withOverride);

        assertThatThrownBy(() -> db.update("DELETE FROM telehealth.providers WHERE id = ?", withNote))
                .as("deleting a provider with clinical notes").hasMessageContaining("clinical_notes_provider_id_fkey");
        assertThatThrownBy(() -> db.update("DELETE FROM telehealth.providers WHERE id = ?", withOverride))
                .as("deleting a provider with plan overrides").hasMessageContaining("treatment_plan_overrides_provider_id_fkey");
    }

    @Test
    void deleting_admin_referenced_by_audit_billing_or_flags_is_rejected(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID audited = f.admin();
        db.update("INSERT INTO telehealth.admin_actions (admin_id, action_type, target_type, target_id) VALUES (?, 'view', 'patient', ?)", audited, f.patient());
        UUID biller = f.admin();
        db.update("INSERT INTO telehealth.billing_adjustments (patient_id, type, amount, reason, created_by) VALUES (?, 'refund', 5, 'late', ?)", f.patient(), biller);
        UUID flagger = f.admin();
        UUID remover = f.admin();
        UUID flag = f.id("INSERT INTO telehealth.patient_flags (patient_id, flag_type, reason, created_by, removed_by) VALUES (?, 'fraud_risk', 'chargeback', ?, ?) RETURNING id",
                f.patient(), flagger, remover);

        assertThatThrownBy(() -> db.update("DELETE FROM telehealth.admins WHERE id = ?", audited))
                .as("deleting an admin with audited actions").hasMessageContaining("admin_actions_admin_id_fkey");
        assertThatThrownBy(() -> db.update("DELETE FROM telehealth.admins WHERE id = ?", biller))
                .as("deleting an admin who created billing adjustments").hasMessageContaining("billing_adjustments_created_by_fkey");
        assertThatThrownBy(() -> db.update("DELETE FROM telehealth.admins WHERE id = ?", flagger))
                .as("deleting an admin who created flags").hasMessageContaining("patient_flags_created_by_fkey");
        db.update("DELETE FROM telehealth.admins WHERE id = ?", remover);
        assertThat(db.query("SELECT removed_by FROM telehealth.patient_flags WHERE id = ?", flag)).as("flag kept, removed_by NULL")
                .singleElement().satisfies(r -> assertThat(r.get("removed_by")).isNull());
    }

    @Test
    void deleting_consultation_referenced_by_order_is_rejected(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID patient = f.patient();
        UUID consultation = f.consultation(patient, null);
        f.order(patient, consultation, null);

        assertThatThrownBy(() -> db.update("DELETE FROM telehealth.consultations WHERE id = ?", consultation))
                .as("deleting a consultation an order refers to").hasMessageContaining("orders_consultation_id_fkey");
    }

    @Test
    void deleting_override_clears_consultation_treatment_override(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID patient = f.patient();
        UUID provider = f.provider();
        UUID consultation = f.consultation(patient, provider);
        UUID override = f.override(patient, f.plan("[]"), provider);
        db.update("UPDATE telehealth.consultations SET treatment_override_id = ? WHERE id = ?", override, consultation);

        db.update("DELETE FROM telehealth.treatment_plan_overrides WHERE id = ?", override);

        assertThat(db.query("SELECT treatment_override_id FROM telehealth.consultations WHERE id = ?", consultation))
                .as("consultation kept, treatment_override_id NULL").singleElement()
                .satisfies(r -> assertThat(r.get("treatment_override_id")).isNull());
    }

    @Test
    void deleting_plan_cascades_to_its_overrides(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID plan = f.plan("[]");
        UUID override = f.override(f.patient(), plan, f.provider());

        db.update("DELETE FROM telehealth.treatment_plans WHERE id = ?", plan);

        assertThat(db.count("SELECT count(*) FROM telehealth.treatment_plan_overrides WHERE id = ?", override)).as("override of the deleted plan").isZero();
    }

    @Test
    void checks_reject_billing_bonus_note_draft_and_flag_spam_and_accept_listed_values(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID patient = f.patient();
        UUID admin = f.admin();
        UUID provider = f.provider();

        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.billing_adjustments (patient_id, type, amount, reason, created_by) VALUES (?, 'bonus', 1, 'r', ?)", patient, admin))
                .as("billing type bonus").hasMessageContaining("billing_adjustments_type_check");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.clinical_notes (patient_id, provider_id, type) VALUES (?, ?, 'draft')", patient, provider))
                .as("note type draft").hasMessageContaining("clinical_notes_type_check");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.patient_flags (patient_id, flag_type, reason, created_by) VALUES (?, 'spam', 'r', ?)", patient, admin))
                .as("flag type spam").hasMessageContaining("patient_flags_flag_type_check");

        for (String type : List.of("credit", "refund", "discount")) {
            assertThat(db.update("INSERT INTO telehealth.billing_adjustments (patient_id, type, amount, reason, created_by) VALUES (?, ?, 1, 'r', ?)", patient, type, admin))
                    .as("billing type %s accepted", type).isEqualTo(1);
        }
        for (String type : List.of("soap", "progress", "admin", "internal")) {
            assertThat(db.update("INSERT INTO telehealth.clinical_notes (patient_id, provider_id, type) VALUES (?, ?, ?)", patient, provider, type))
                    .as("note type %s accepted", type).isEqualTo(1);
        }
        for (String type : List.of("high_risk", "vip", "collections", "fraud_risk", "compliance")) {
            assertThat(db.update("INSERT INTO telehealth.patient_flags (patient_id, flag_type, reason, created_by) VALUES (?, ?, 'r', ?)", patient, type, admin))
                    .as("flag type %s accepted", type).isEqualTo(1);
        }
    }

    @Test
    void unique_constraints_reject_duplicates(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        String email = TelehealthFixture.unique("dup") + "@example.test";
        db.update("INSERT INTO telehealth.patients (email, first_name, last_name, date_of_birth) VALUES (?, 'a', 'b', DATE '1990-01-01')", email);
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.patients (email, first_name, last_name, date_of_birth) VALUES (?, 'c', 'd', DATE '1990-01-01')", email))
                .as("duplicate patient email").hasMessageContaining("patients_email_key");

        db.update("INSERT INTO telehealth.providers (email, password_hash, first_name, last_name, license_number, npi_number, states_licensed) VALUES (?, 'x', 'a', 'b', 'L', 'NPI-DUP', ARRAY['CA'])", email);
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.providers (email, password_hash, first_name, last_name, license_number, states_licensed) VALUES (?, 'x', 'a', 'b', 'L', ARRAY['CA'])", email))
                .as("duplicate provider email").hasMessageContaining("providers_email_key");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.providers (email, password_hash, first_name, last_name, license_number, npi_number, states_licensed) VALUES (?, 'x', 'a', 'b', 'L', 'NPI-DUP', ARRAY['CA'])",
                TelehealthFixture.unique("other") + "@example.test"))
                .as("duplicate NPI").hasMessageContaining("providers_npi_number_key");

        db.update("INSERT INTO telehealth.admins (email, password_hash, first_name, last_name) VALUES (?, 'x', 'a', 'b')", email);
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.admins (email, password_hash, first_name, last_name) VALUES (?, 'x', 'a', 'b')", email))
                .as("duplicate admin email").hasMessageContaining("admins_email_key");

        UUID patient = f.patient();
        UUID provider = f.provider();
        UUID consultation = f.consultation(patient, provider);
        db.update("INSERT INTO telehealth.prescriptions (consultation_id, patient_id, provider_id, rx_number) VALUES (?, ?, ?, 'RX20250101-4242')", consultation, patient, provider);
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.prescriptions (consultation_id, patient_id, provider_id, rx_number) VALUES (?, ?, ?, 'RX20250101-4242')", consultation, patient, provider))
                .as("duplicate rx_number").hasMessageContaining("prescriptions_rx_number_key");
        db.update("INSERT INTO telehealth.orders (patient_id, order_number, subtotal, total_amount) VALUES (?, 'ORD-20250101-4242', 1, 1)", patient);
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.orders (patient_id, order_number, subtotal, total_amount) VALUES (?, 'ORD-20250101-4242', 1, 1)", patient))
                .as("duplicate order_number").hasMessageContaining("orders_order_number_key");

        db.update("INSERT INTO telehealth.sms_opt_outs (phone_number, opted_out) VALUES ('+15550001111', true)");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.sms_opt_outs (phone_number) VALUES ('+15550001111')"))
                .as("duplicate opt-out phone").hasMessageContaining("sms_opt_outs_phone_number_key");

        db.update("INSERT INTO telehealth.notification_preferences (patient_id) VALUES (?)", patient);
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.notification_preferences (patient_id) VALUES (?)", patient))
                .as("second preferences row for a patient").hasMessageContaining("idx_notification_prefs_patient");

        db.update("INSERT INTO telehealth.form_field_analytics (session_id, form_name, field_name) VALUES ('s-dup', 'quiz', 'age')");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.form_field_analytics (session_id, form_name, field_name) VALUES ('s-dup', 'quiz', 'age')"))
                .as("duplicate form field triple").hasMessageContaining("idx_form_field_unique");

        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.funnel_definitions (funnel_name, step_number, step_name) VALUES ('consultation', 1, 'again')"))
                .as("duplicate funnel step").hasMessageContaining("idx_funnel_step");

        db.update("INSERT INTO telehealth.patient_subscriptions (patient_id, plan_id, stripe_subscription_id) VALUES (?, 'p', 'sub_dup')", patient);
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.patient_subscriptions (patient_id, plan_id, stripe_subscription_id) VALUES (?, 'p', 'sub_dup')", patient))
                .as("duplicate Stripe subscription id").hasMessageContaining("patient_subscriptions_stripe_subscription_id_key");
        db.update("INSERT INTO telehealth.subscription_payments (stripe_invoice_id, amount, status) VALUES ('in_dup', 1, 'paid')");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.subscription_payments (stripe_invoice_id, amount, status) VALUES ('in_dup', 1, 'paid')"))
                .as("duplicate Stripe invoice id").hasMessageContaining("subscription_payments_stripe_invoice_id_key");

        db.update("INSERT INTO telehealth.user_sessions (session_id) VALUES ('sess-dup')");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.user_sessions (session_id) VALUES ('sess-dup')"))
                .as("duplicate session id").hasMessageContaining("user_sessions_session_id_key");
        db.update("INSERT INTO telehealth.treatment_plans (condition, plan_tier, name, price) VALUES ('dupCondition', 'basic', 'a', 1)");
        assertThatThrownBy(() -> db.update("INSERT INTO telehealth.treatment_plans (condition, plan_tier, name, price) VALUES ('dupCondition', 'basic', 'b', 2)"))
                .as("duplicate plan per condition and tier").hasMessageContaining("treatment_plans_condition_plan_tier_key");
    }

    @Test
    void updated_at_advances_on_update_for_every_table_with_updated_at(TestDatabase db) throws Exception {
        TelehealthFixture f = new TelehealthFixture(db);
        UUID patient = f.patient();
        UUID provider = f.provider();
        UUID consultation = f.consultation(patient, provider);
        UUID plan = f.plan("[]");
        UUID[] ids = {
            f.id("INSERT INTO telehealth.consultation_settings DEFAULT VALUES RETURNING id"),
            patient, provider, f.admin(), f.medication(), f.pharmacy(), consultation,
            f.prescription(consultation, patient, provider), f.order(patient, consultation, null),
            f.id("INSERT INTO telehealth.sms_opt_outs (phone_number) VALUES (?) RETURNING id", TelehealthFixture.unique("+1555")),
            f.id("INSERT INTO telehealth.notification_preferences (patient_id) VALUES (?) RETURNING id", patient),
            plan,
            f.id("INSERT INTO telehealth.inventory (sku, medication_name) VALUES (?, 'x') RETURNING id", TelehealthFixture.unique("SKU")),
            f.id("INSERT INTO telehealth.form_field_analytics (session_id, form_name, field_name) VALUES (?, 'f', 'g') RETURNING id", TelehealthFixture.unique("s")),
            f.override(patient, plan, provider),
            f.id("INSERT INTO telehealth.clinical_notes (patient_id, provider_id, type) VALUES (?, ?, 'soap') RETURNING id", patient, provider),
            f.id("INSERT INTO telehealth.patient_subscriptions (patient_id, plan_id) VALUES (?, 'p') RETURNING id", patient),
        };
        String[] tables = {"consultation_settings", "patients", "providers", "admins", "medications", "pharmacies", "consultations",
            "prescriptions", "orders", "sms_opt_outs", "notification_preferences", "treatment_plans", "inventory", "form_field_analytics",
            "treatment_plan_overrides", "clinical_notes", "patient_subscriptions"};
        for (int i = 0; i < tables.length; i++) {
            String t = tables[i];
            // back-date the row with the trigger out of the way, then update something else
            db.execute("ALTER TABLE telehealth." + t + " DISABLE TRIGGER update_" + t + "_updated_at");
            db.update("UPDATE telehealth." + t + " SET updated_at = TIMESTAMP '2001-01-01 00:00' WHERE id = ?", ids[i]);
            db.execute("ALTER TABLE telehealth." + t + " ENABLE TRIGGER update_" + t + "_updated_at");
            db.update("UPDATE telehealth." + t + " SET created_at = created_at WHERE id = ?", ids[i]);
            assertThat(db.scalar("SELECT updated_at > TIMESTAMPTZ '2020-01-01' FROM telehealth." + t + " WHERE id = ?", ids[i]))
                    .as("updated_at of %s advanced by the update", t).isEqualTo(Boolean.TRUE);
        }
    }
}
