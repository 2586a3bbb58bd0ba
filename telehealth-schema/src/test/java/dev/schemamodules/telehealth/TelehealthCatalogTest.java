package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The telehealth catalog after V1-V6, checked against the domain specification. */
@SchemaTest(modules = "telehealth")
class TelehealthCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/telehealth.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "telehealth");
    }

    private static final String UUID4 = "platform.uuid_generate_v4()";
    private static final String GEN = "gen_random_uuid()";
    private static final String TS = "timestamp without time zone";
    private static final String TSTZ = "timestamp with time zone";

    /** Columns as "name | type | null/not null | default or -", in table order. */
    private static List<String> columns(TestDatabase db, String table) throws Exception {
        List<String> out = new ArrayList<>();
        for (Catalog.Column c : db.catalog("telehealth").columns(table)) {
            out.add(c.name() + " | " + c.type() + " | " + (c.nullable() ? "null" : "not null") + " | "
                    + (c.defaultExpression() == null ? "-" : c.defaultExpression()));
        }
        return out;
    }

    private static List<String> expected(String block) {
        return block.lines().map(String::strip).filter(l -> !l.isEmpty())
                .map(l -> l.replace("$UUID4", UUID4).replace("$GEN", GEN).replace("$TSTZ", TSTZ).replace("$TS", TS)).toList();
    }

    private static void assertColumns(TestDatabase db, String table, String block) throws Exception {
        assertThat(columns(db, table)).as("columns of %s (name | type | nullability | default)", table)
                .containsExactlyInAnyOrderElementsOf(expected(block));
    }

    @Test
    void schema_has_exactly_the_twenty_nine_tables_and_three_views(TestDatabase db) throws Exception {
        assertThat(db.catalog("telehealth").tables()).as("tables").containsExactlyInAnyOrder(
                "consultation_settings", "patients", "providers", "admins", "medications", "pharmacies", "consultations",
                "prescriptions", "prescription_items", "orders", "order_items", "messages", "patient_documents",
                "email_logs", "email_queue", "sms_logs", "sms_queue", "sms_opt_outs", "notification_preferences", "webhook_logs",
                "treatment_plans", "inventory",
                "analytics_events", "user_sessions", "form_field_analytics", "funnel_definitions",
                "admin_actions", "billing_adjustments", "treatment_plan_overrides", "clinical_notes", "patient_flags",
                "patient_subscriptions", "subscription_events", "subscription_payments");
        assertThat(db.catalog("telehealth").views()).as("views")
                .containsExactlyInAnyOrder("funnel_conversion_rates", "form_completion_rates", "session_conversion_summary");
        assertThat(db.catalog("telehealth").enums()).as("enums (statuses are varchar, not enforced)").isEmpty();
    }

    @Test
    void core_tables_have_the_specified_columns(TestDatabase db) throws Exception {
        assertColumns(db, "consultation_settings", """
                id | uuid | not null | $UUID4
                consultation_fee | numeric(10,2) | null | 0.00
                refill_consultation_fee | numeric(10,2) | null | 0.00
                require_credit_card | boolean | null | true
                auto_charge_on_approval | boolean | null | true
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "patients", """
                id | uuid | not null | $UUID4
                email | character varying(255) | not null | -
                password_hash | character varying(255) | null | -
                first_name | character varying(100) | not null | -
                last_name | character varying(100) | not null | -
                phone | character varying(20) | null | -
                date_of_birth | date | not null | -
                shipping_address | text | null | -
                shipping_city | character varying(100) | null | -
                shipping_state | character varying(2) | null | -
                shipping_zip | character varying(10) | null | -
                allergies | text[] | null | -
                current_medications | text[] | null | -
                medical_conditions | text[] | null | -
                stripe_customer_id | character varying(255) | null | -
                default_payment_method_id | character varying(255) | null | -
                has_valid_payment_method | boolean | null | false
                email_verified | boolean | null | false
                verification_token | character varying(255) | null | -
                reset_token | character varying(255) | null | -
                reset_token_expires | $TS | null | -
                last_login | $TS | null | -
                subscription_status | character varying(50) | null | 'none'::character varying
                subscription_id | character varying(255) | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                account_credit | numeric(10,2) | null | 0.00
                """);
        assertColumns(db, "providers", """
                id | uuid | not null | $UUID4
                email | character varying(255) | not null | -
                password_hash | character varying(255) | not null | -
                first_name | character varying(100) | not null | -
                last_name | character varying(100) | not null | -
                phone | character varying(20) | null | -
                license_number | character varying(100) | not null | -
                npi_number | character varying(20) | null | -
                dea_number | character varying(20) | null | -
                specialties | text[] | null | -
                states_licensed | text[] | not null | -
                status | character varying(50) | null | 'pending'::character varying
                email_verified | boolean | null | false
                verification_token | character varying(255) | null | -
                reset_token | character varying(255) | null | -
                reset_token_expires | $TS | null | -
                last_login | $TS | null | -
                available_for_consultations | boolean | null | true
                consultation_capacity | integer | null | 20
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "admins", """
                id | uuid | not null | $UUID4
                email | character varying(255) | not null | -
                password_hash | character varying(255) | not null | -
                first_name | character varying(100) | not null | -
                last_name | character varying(100) | not null | -
                role | character varying(50) | null | 'admin'::character varying
                permissions | jsonb | null | '{}'::jsonb
                two_factor_enabled | boolean | null | false
                two_factor_secret | character varying(255) | null | -
                reset_token | character varying(255) | null | -
                reset_token_expires | $TS | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                status | character varying(50) | null | 'active'::character varying
                last_login | $TS | null | -
                """);
        assertColumns(db, "medications", """
                id | uuid | not null | $UUID4
                name | character varying(255) | not null | -
                generic_name | character varying(255) | null | -
                brand_name | character varying(255) | null | -
                category | character varying(100) | null | -
                available_dosages | jsonb | null | -
                base_price | numeric(10,2) | null | -
                subscription_discount | numeric(3,2) | null | 0.15
                requires_prescription | boolean | null | true
                controlled_substance | boolean | null | false
                dea_schedule | character varying(10) | null | -
                active | boolean | null | true
                stock_quantity | integer | null | 1000
                description | text | null | -
                side_effects | text[] | null | -
                contraindications | text[] | null | -
                image_url | character varying(500) | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "pharmacies", """
                id | uuid | not null | $UUID4
                name | character varying(255) | not null | -
                api_endpoint | character varying(500) | null | -
                api_key_encrypted | text | null | -
                address | text | null | -
                city | character varying(100) | null | -
                state | character varying(2) | null | -
                zip | character varying(10) | null | -
                phone | character varying(20) | null | -
                email | character varying(255) | null | -
                supported_medications | text[] | null | -
                states_serviced | text[] | null | -
                active | boolean | null | true
                preferred | boolean | null | false
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
    }

    @Test
    void clinical_and_order_tables_have_the_specified_columns(TestDatabase db) throws Exception {
        assertColumns(db, "consultations", """
                id | uuid | not null | $UUID4
                patient_id | uuid | not null | -
                provider_id | uuid | null | -
                chief_complaint | text | not null | -
                symptoms | text[] | null | -
                symptom_duration | character varying(100) | null | -
                severity | character varying(50) | null | -
                provider_notes | text | null | -
                diagnosis | text | null | -
                treatment_plan | text | null | -
                status | character varying(50) | null | 'pending'::character varying
                reviewed_at | $TS | null | -
                completed_at | $TS | null | -
                consultation_fee | numeric(10,2) | null | 0.00
                payment_status | character varying(50) | null | 'pending'::character varying
                payment_intent_id | character varying(255) | null | -
                charged_at | $TS | null | -
                follow_up_required | boolean | null | false
                follow_up_date | date | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                selected_plan_id | uuid | null | -
                selected_plan_name | character varying(100) | null | -
                selected_plan_price | numeric(10,2) | null | -
                treatment_override_id | uuid | null | -
                """);
        assertColumns(db, "prescriptions", """
                id | uuid | not null | $UUID4
                consultation_id | uuid | not null | -
                patient_id | uuid | not null | -
                provider_id | uuid | not null | -
                rx_number | character varying(100) | null | -
                status | character varying(50) | null | 'active'::character varying
                issued_date | date | null | CURRENT_DATE
                expires_date | date | null | (CURRENT_DATE + '1 year'::interval)
                refills_authorized | integer | null | 0
                refills_remaining | integer | null | 0
                pharmacy_id | uuid | null | -
                pharmacy_order_id | character varying(255) | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "prescription_items", """
                id | uuid | not null | $UUID4
                prescription_id | uuid | not null | -
                medication_id | uuid | not null | -
                dosage | character varying(100) | not null | -
                quantity | integer | not null | -
                frequency | character varying(100) | null | -
                duration | character varying(100) | null | -
                instructions | text | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "orders", """
                id | uuid | not null | $UUID4
                patient_id | uuid | not null | -
                consultation_id | uuid | null | -
                prescription_id | uuid | null | -
                pharmacy_id | uuid | null | -
                order_number | character varying(100) | null | -
                status | character varying(50) | null | 'pending'::character varying
                is_subscription | boolean | null | false
                subscription_id | character varying(255) | null | -
                subscription_interval | character varying(50) | null | -
                subtotal | numeric(10,2) | not null | -
                discount_amount | numeric(10,2) | null | 0.00
                shipping_amount | numeric(10,2) | null | 0.00
                tax_amount | numeric(10,2) | null | 0.00
                total_amount | numeric(10,2) | not null | -
                payment_method_id | character varying(255) | null | -
                payment_intent_id | character varying(255) | null | -
                payment_status | character varying(50) | null | 'pending'::character varying
                paid_at | $TS | null | -
                shipping_address | text | null | -
                shipping_city | character varying(100) | null | -
                shipping_state | character varying(2) | null | -
                shipping_zip | character varying(10) | null | -
                tracking_number | character varying(255) | null | -
                shipped_at | $TS | null | -
                delivered_at | $TS | null | -
                pharmacy_order_id | character varying(255) | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                refund_amount | numeric(10,2) | null | 0.00
                refund_status | character varying(50) | null | -
                refund_reason | text | null | -
                """);
        assertColumns(db, "order_items", """
                id | uuid | not null | $UUID4
                order_id | uuid | not null | -
                medication_id | uuid | not null | -
                medication_name | character varying(255) | null | -
                dosage | character varying(100) | null | -
                quantity | integer | not null | -
                unit_price | numeric(10,2) | not null | -
                total_price | numeric(10,2) | not null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "messages", """
                id | uuid | not null | $UUID4
                consultation_id | uuid | not null | -
                sender_id | uuid | not null | -
                sender_type | character varying(50) | not null | -
                content | text | not null | -
                attachment_url | character varying(500) | null | -
                is_read | boolean | null | false
                read_at | $TS | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "patient_documents", """
                id | uuid | not null | $UUID4
                patient_id | uuid | not null | -
                consultation_id | uuid | null | -
                document_type | character varying(100) | null | -
                file_name | character varying(255) | null | -
                file_url | character varying(500) | null | -
                file_size | integer | null | -
                mime_type | character varying(100) | null | -
                verified | boolean | null | false
                verified_by | uuid | null | -
                verified_at | $TS | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
    }

    @Test
    void communication_tables_have_the_specified_columns(TestDatabase db) throws Exception {
        assertColumns(db, "email_logs", """
                id | uuid | not null | $UUID4
                recipient | character varying(255) | not null | -
                template | character varying(100) | null | -
                data | jsonb | null | -
                status | character varying(50) | null | 'pending'::character varying
                message_id | character varying(255) | null | -
                error_message | text | null | -
                sent_at | $TS | null | CURRENT_TIMESTAMP
                opened_at | $TS | null | -
                clicked_at | $TS | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "email_queue", """
                id | uuid | not null | $UUID4
                recipient | character varying(255) | not null | -
                template | character varying(100) | not null | -
                data | jsonb | null | -
                send_at | $TS | not null | -
                status | character varying(50) | null | 'pending'::character varying
                sent_at | $TS | null | -
                error_message | text | null | -
                retry_count | integer | null | 0
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "sms_logs", """
                id | uuid | not null | $UUID4
                recipient | character varying(50) | not null | -
                template | character varying(100) | null | -
                content | text | not null | -
                status | character varying(50) | null | 'pending'::character varying
                message_sid | character varying(255) | null | -
                error_message | text | null | -
                sent_at | $TS | null | CURRENT_TIMESTAMP
                delivered_at | $TS | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "sms_queue", """
                id | uuid | not null | $UUID4
                recipient | character varying(50) | not null | -
                template | character varying(100) | not null | -
                data | jsonb | null | -
                send_at | $TS | not null | -
                status | character varying(50) | null | 'scheduled'::character varying
                sent_at | $TS | null | -
                error_message | text | null | -
                retry_count | integer | null | 0
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "sms_opt_outs", """
                id | uuid | not null | $UUID4
                phone_number | character varying(50) | not null | -
                opted_out | boolean | null | false
                opted_out_at | $TS | null | -
                opted_in_at | $TS | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "notification_preferences", """
                id | uuid | not null | $UUID4
                patient_id | uuid | null | -
                email_enabled | boolean | null | true
                email_marketing | boolean | null | true
                email_reminders | boolean | null | true
                email_updates | boolean | null | true
                sms_enabled | boolean | null | true
                sms_marketing | boolean | null | false
                sms_reminders | boolean | null | true
                sms_updates | boolean | null | true
                push_enabled | boolean | null | false
                push_marketing | boolean | null | false
                push_reminders | boolean | null | false
                push_updates | boolean | null | false
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "webhook_logs", """
                id | uuid | not null | $UUID4
                service | character varying(50) | not null | -
                event_type | character varying(100) | not null | -
                payload | jsonb | not null | -
                processed | boolean | null | false
                processed_at | $TS | null | -
                error_message | text | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
    }

    @Test
    void plan_and_analytics_tables_have_the_specified_columns(TestDatabase db) throws Exception {
        assertColumns(db, "treatment_plans", """
                id | uuid | not null | $UUID4
                condition | character varying(50) | not null | -
                plan_tier | character varying(20) | not null | -
                name | character varying(100) | not null | -
                price | numeric(10,2) | not null | -
                billing_period | character varying(20) | null | 'month'::character varying
                protocol_key | character varying(50) | null | -
                features | jsonb | null | -
                medications | jsonb | null | -
                is_popular | boolean | null | false
                sort_order | integer | null | 0
                created_at | $TSTZ | null | CURRENT_TIMESTAMP
                updated_at | $TSTZ | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "inventory", """
                id | uuid | not null | $UUID4
                sku | character varying(100) | not null | -
                medication_name | character varying(255) | not null | -
                generic_name | character varying(255) | null | -
                strength | character varying(50) | null | -
                form | character varying(50) | null | -
                quantity_on_hand | integer | null | 0
                quantity_reserved | integer | null | 0
                reorder_point | integer | null | 10
                reorder_quantity | integer | null | 100
                cost_per_unit | numeric(10,2) | null | -
                retail_price | numeric(10,2) | null | -
                subscription_price | numeric(10,2) | null | -
                supplier_name | character varying(200) | null | -
                supplier_sku | character varying(100) | null | -
                lead_time_days | integer | null | 7
                category | character varying(100) | null | -
                subcategory | character varying(100) | null | -
                tags | text[] | null | -
                is_active | boolean | null | true
                created_at | $TSTZ | null | CURRENT_TIMESTAMP
                updated_at | $TSTZ | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "analytics_events", """
                id | uuid | not null | $UUID4
                user_id | uuid | null | -
                session_id | character varying(255) | null | -
                event_type | character varying(100) | not null | -
                event_category | character varying(100) | null | -
                event_data | jsonb | null | -
                page_url | character varying(500) | null | -
                referrer | character varying(500) | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "user_sessions", """
                id | uuid | not null | $UUID4
                session_id | character varying(255) | not null | -
                user_id | uuid | null | -
                started_at | $TS | null | CURRENT_TIMESTAMP
                ended_at | $TS | null | -
                duration_seconds | integer | null | -
                user_agent | text | null | -
                ip_address | inet | null | -
                device_type | character varying(50) | null | -
                browser | character varying(50) | null | -
                utm_source | character varying(100) | null | -
                utm_medium | character varying(100) | null | -
                utm_campaign | character varying(100) | null | -
                utm_content | character varying(100) | null | -
                utm_term | character varying(100) | null | -
                converted | boolean | null | false
                conversion_type | character varying(100) | null | -
                conversion_value | numeric(10,2) | null | -
                """);
        assertColumns(db, "form_field_analytics", """
                id | uuid | not null | $UUID4
                session_id | character varying(255) | not null | -
                form_name | character varying(100) | not null | -
                field_name | character varying(100) | not null | -
                focus_count | integer | null | 0
                blur_count | integer | null | 0
                change_count | integer | null | 0
                time_spent_seconds | integer | null | 0
                error_count | integer | null | 0
                was_completed | boolean | null | false
                created_at | $TS | null | CURRENT_TIMESTAMP
                updated_at | $TS | null | CURRENT_TIMESTAMP
                """);
        assertColumns(db, "funnel_definitions", """
                id | uuid | not null | $UUID4
                funnel_name | character varying(100) | not null | -
                step_number | integer | not null | -
                step_name | character varying(100) | not null | -
                step_description | text | null | -
                expected_completion_rate | numeric(5,2) | null | -
                expected_time_minutes | integer | null | -
                created_at | $TS | null | CURRENT_TIMESTAMP
                """);
    }

    @Test
    void admin_patient_management_tables_have_the_specified_columns(TestDatabase db) throws Exception {
        assertColumns(db, "admin_actions", """
                id | uuid | not null | $GEN
                admin_id | uuid | not null | -
                action_type | character varying(100) | not null | -
                target_type | character varying(50) | not null | -
                target_id | uuid | not null | -
                action_details | jsonb | null | -
                ip_address | character varying(45) | null | -
                user_agent | text | null | -
                created_at | $TSTZ | null | now()
                """);
        assertColumns(db, "billing_adjustments", """
                id | uuid | not null | $GEN
                patient_id | uuid | not null | -
                type | character varying(20) | not null | -
                amount | numeric(10,2) | not null | -
                reason | text | not null | -
                order_id | uuid | null | -
                created_by | uuid | not null | -
                created_at | $TSTZ | null | now()
                """);
        assertColumns(db, "treatment_plan_overrides", """
                id | uuid | not null | $GEN
                patient_id | uuid | not null | -
                plan_id | uuid | not null | -
                provider_id | uuid | not null | -
                modifications | jsonb | null | '{}'::jsonb
                reason | text | not null | -
                is_active | boolean | null | true
                created_at | $TSTZ | null | now()
                updated_at | $TSTZ | null | now()
                """);
        assertColumns(db, "clinical_notes", """
                id | uuid | not null | $GEN
                patient_id | uuid | not null | -
                provider_id | uuid | not null | -
                consultation_id | uuid | null | -
                type | character varying(20) | not null | -
                subjective | text | null | -
                objective | text | null | -
                assessment | text | null | -
                plan | text | null | -
                content | text | null | -
                is_locked | boolean | null | false
                locked_at | $TSTZ | null | -
                locked_by | uuid | null | -
                created_at | $TSTZ | null | now()
                updated_at | $TSTZ | null | now()
                updated_by | uuid | null | -
                """);
        assertColumns(db, "patient_flags", """
                id | uuid | not null | $GEN
                patient_id | uuid | not null | -
                flag_type | character varying(50) | not null | -
                reason | text | not null | -
                is_active | boolean | null | true
                expires_at | $TSTZ | null | -
                created_by | uuid | not null | -
                created_at | $TSTZ | null | now()
                removed_at | $TSTZ | null | -
                removed_by | uuid | null | -
                """);
        assertColumns(db, "patient_subscriptions", """
                id | uuid | not null | $GEN
                patient_id | uuid | not null | -
                stripe_subscription_id | character varying(255) | null | -
                stripe_customer_id | character varying(255) | null | -
                plan_id | character varying(100) | not null | -
                status | character varying(50) | not null | 'active'::character varying
                current_period_start | $TSTZ | null | -
                current_period_end | $TSTZ | null | -
                cancel_at_period_end | boolean | null | false
                canceled_at | $TSTZ | null | -
                cancel_reason | text | null | -
                paused_at | $TSTZ | null | -
                resume_date | $TSTZ | null | -
                metadata | jsonb | null | '{}'::jsonb
                created_at | $TSTZ | null | now()
                updated_at | $TSTZ | null | now()
                """);
        assertColumns(db, "subscription_events", """
                id | uuid | not null | $GEN
                patient_id | uuid | not null | -
                event_type | character varying(100) | not null | -
                plan_id | character varying(100) | null | -
                stripe_subscription_id | character varying(255) | null | -
                metadata | jsonb | null | '{}'::jsonb
                created_at | $TSTZ | null | now()
                """);
        assertColumns(db, "subscription_payments", """
                id | uuid | not null | $GEN
                stripe_invoice_id | character varying(255) | null | -
                stripe_subscription_id | character varying(255) | null | -
                patient_id | uuid | null | -
                amount | numeric(10,2) | not null | -
                status | character varying(50) | not null | -
                error_message | text | null | -
                paid_at | $TSTZ | null | -
                created_at | $TSTZ | null | now()
                """);
    }

    @Test
    void every_foreign_key_has_the_specified_delete_action(TestDatabase db) throws Exception {
        List<String> fks = db.catalog("telehealth").foreignKeys(null).stream()
                .map(f -> f.table() + "." + String.join(",", f.columns()) + " -> " + f.referencedTable() + " " + f.onDelete() + " (" + f.name() + ")")
                .toList();
        assertThat(fks).as("foreign keys: table.column -> table ON DELETE (name)").containsExactlyInAnyOrder(
                "consultations.patient_id -> patients CASCADE (consultations_patient_id_fkey)",
                "consultations.provider_id -> providers SET NULL (consultations_provider_id_fkey)",
                "consultations.selected_plan_id -> treatment_plans NO ACTION (consultations_selected_plan_id_fkey)",
                "consultations.treatment_override_id -> treatment_plan_overrides SET NULL (fk_treatment_override)",
                "prescriptions.consultation_id -> consultations CASCADE (prescriptions_consultation_id_fkey)",
                "prescriptions.patient_id -> patients CASCADE (prescriptions_patient_id_fkey)",
                "prescriptions.provider_id -> providers RESTRICT (prescriptions_provider_id_fkey)",
                "prescriptions.pharmacy_id -> pharmacies NO ACTION (prescriptions_pharmacy_id_fkey)",
                "prescription_items.prescription_id -> prescriptions CASCADE (prescription_items_prescription_id_fkey)",
                "prescription_items.medication_id -> medications NO ACTION (prescription_items_medication_id_fkey)",
                "orders.patient_id -> patients CASCADE (orders_patient_id_fkey)",
                "orders.consultation_id -> consultations NO ACTION (orders_consultation_id_fkey)",
                "orders.prescription_id -> prescriptions NO ACTION (orders_prescription_id_fkey)",
                "orders.pharmacy_id -> pharmacies NO ACTION (orders_pharmacy_id_fkey)",
                "order_items.order_id -> orders CASCADE (order_items_order_id_fkey)",
                "order_items.medication_id -> medications NO ACTION (order_items_medication_id_fkey)",
                "messages.consultation_id -> consultations CASCADE (messages_consultation_id_fkey)",
                "patient_documents.patient_id -> patients CASCADE (patient_documents_patient_id_fkey)",
                "patient_documents.consultation_id -> consultations NO ACTION (patient_documents_consultation_id_fkey)",
                "patient_documents.verified_by -> providers NO ACTION (patient_documents_verified_by_fkey)",
                "notification_preferences.patient_id -> patients CASCADE (notification_preferences_patient_id_fkey)",
                "admin_actions.admin_id -> admins RESTRICT (admin_actions_admin_id_fkey)",
                "billing_adjustments.patient_id -> patients CASCADE (billing_adjustments_patient_id_fkey)",
                "billing_adjustments.order_id -> orders SET NULL (billing_adjustments_order_id_fkey)",
                "billing_adjustments.created_by -> admins RESTRICT (billing_adjustments_created_by_fkey)",
                "treatment_plan_overrides.patient_id -> patients CASCADE (treatment_plan_overrides_patient_id_fkey)",
                "treatment_plan_overrides.plan_id -> treatment_plans CASCADE (treatment_plan_overrides_plan_id_fkey)",
                "treatment_plan_overrides.provider_id -> providers RESTRICT (treatment_plan_overrides_provider_id_fkey)",
                "clinical_notes.patient_id -> patients CASCADE (clinical_notes_patient_id_fkey)",
                "clinical_notes.provider_id -> providers RESTRICT (clinical_notes_provider_id_fkey)",
                "clinical_notes.consultation_id -> consultations SET NULL (clinical_notes_consultation_id_fkey)",
                "clinical_notes.locked_by -> providers SET NULL (clinical_notes_locked_by_fkey)",
                "clinical_notes.updated_by -> providers SET NULL (clinical_notes_updated_by_fkey)",
                "patient_flags.patient_id -> patients CASCADE (patient_flags_patient_id_fkey)",
                "patient_flags.created_by -> admins RESTRICT (patient_flags_created_by_fkey)",
                "patient_flags.removed_by -> admins SET NULL (patient_flags_removed_by_fkey)",
                "patient_subscriptions.patient_id -> patients CASCADE (patient_subscriptions_patient_id_fkey)",
                "subscription_events.patient_id -> patients CASCADE (subscription_events_patient_id_fkey)",
                "subscription_payments.patient_id -> patients SET NULL (subscription_payments_patient_id_fkey)");
        assertThat(db.catalog("telehealth").foreignKeys(null)).as("every FK stays inside the schema")
                .allSatisfy(f -> assertThat(f.referencedSchema()).isEqualTo("telehealth"));
    }

    @Test
    void unique_and_check_constraints_are_named_and_defined(TestDatabase db) throws Exception {
        List<String> uniques = db.catalog("telehealth").constraints(null).stream().filter(c -> c.type().equals("u"))
                .map(c -> c.name() + " " + c.definition()).toList();
        assertThat(uniques).as("UNIQUE constraints").containsExactlyInAnyOrder(
                "patients_email_key UNIQUE (email)",
                "providers_email_key UNIQUE (email)",
                "providers_npi_number_key UNIQUE (npi_number)",
                "admins_email_key UNIQUE (email)",
                "prescriptions_rx_number_key UNIQUE (rx_number)",
                "orders_order_number_key UNIQUE (order_number)",
                "sms_opt_outs_phone_number_key UNIQUE (phone_number)",
                "treatment_plans_condition_plan_tier_key UNIQUE (condition, plan_tier)",
                "inventory_sku_key UNIQUE (sku)",
                "user_sessions_session_id_key UNIQUE (session_id)",
                "patient_subscriptions_stripe_subscription_id_key UNIQUE (stripe_subscription_id)",
                "subscription_payments_stripe_invoice_id_key UNIQUE (stripe_invoice_id)");
        List<String> checks = db.catalog("telehealth").constraints(null).stream().filter(c -> c.type().equals("c"))
                .map(c -> c.name()).toList();
        assertThat(checks).as("CHECK constraints").containsExactlyInAnyOrder(
                "billing_adjustments_type_check", "clinical_notes_type_check", "patient_flags_flag_type_check",
                "ck_pharmacies_api_key_encrypted");
        assertThat(db.catalog("telehealth").constraints(null).stream().filter(c -> c.type().equals("p")).map(c -> c.name()).toList())
                .as("primary keys named <table>_pkey").hasSize(34).allSatisfy(n -> assertThat(n).endsWith("_pkey"));
    }

    @Test
    void every_specified_index_exists_with_its_definition(TestDatabase db) throws Exception {
        Map<String, String> idx = db.catalog("telehealth").indexes(null);
        List<String> v1 = List.of("idx_patients_email", "idx_patients_stripe", "idx_providers_email", "idx_providers_status",
                "idx_providers_availability", "idx_admins_email", "idx_medications_category", "idx_medications_active",
                "idx_pharmacies_active", "idx_consultations_patient", "idx_consultations_provider", "idx_consultations_status",
                "idx_consultations_created", "idx_prescriptions_patient", "idx_prescriptions_status", "idx_prescriptions_expires",
                "idx_prescription_items_prescription", "idx_orders_patient", "idx_orders_status", "idx_orders_created",
                "idx_order_items_order", "idx_messages_consultation", "idx_messages_created", "idx_documents_patient", "idx_documents_type");
        List<String> v2 = List.of("idx_email_logs_recipient", "idx_email_logs_status", "idx_email_logs_sent_at",
                "idx_email_logs_recipient_date", "idx_email_queue_send_at", "idx_email_queue_status", "idx_email_queue_pending",
                "idx_sms_logs_recipient", "idx_sms_logs_status", "idx_sms_logs_sent_at", "idx_sms_logs_recipient_date",
                "idx_sms_queue_send_at", "idx_sms_queue_status", "idx_sms_queue_scheduled", "idx_sms_opt_outs_phone",
                "idx_sms_opt_outs_status", "idx_notification_prefs_patient", "idx_webhook_logs_service", "idx_webhook_logs_processed",
                "idx_webhook_logs_created");
        List<String> v3v4 = List.of("idx_treatment_plans_condition", "idx_treatment_plans_tier", "idx_consultations_selected_plan",
                "idx_admins_status");
        List<String> v5 = List.of("idx_analytics_user", "idx_analytics_session", "idx_analytics_type", "idx_analytics_category",
                "idx_analytics_created", "idx_sessions_user", "idx_sessions_started", "idx_sessions_converted", "idx_form_field_unique",
                "idx_form_fields_session", "idx_form_fields_form", "idx_funnel_step");
        List<String> v6 = List.of("idx_admin_actions_admin_id", "idx_admin_actions_target", "idx_admin_actions_created_at",
                "idx_billing_adjustments_patient_id", "idx_billing_adjustments_order_id", "idx_treatment_overrides_patient_id",
                "idx_treatment_overrides_plan_id", "idx_clinical_notes_patient_id", "idx_clinical_notes_provider_id",
                "idx_clinical_notes_consultation_id", "idx_clinical_notes_created_at", "idx_patient_flags_patient_id",
                "idx_patient_flags_active", "idx_patient_subscriptions_patient_id", "idx_patient_subscriptions_stripe_id",
                "idx_patient_subscriptions_status", "idx_subscription_events_patient_id");
        assertThat(v1).as("V1 index count").hasSize(25);
        assertThat(v2).as("V2 index count").hasSize(20);
        assertThat(v5).as("V5 index count").hasSize(12);
        assertThat(v6).as("V6 index count (16 + 1 module)").hasSize(17);
        List<String> named = idx.keySet().stream().filter(n -> n.startsWith("idx_")).toList();
        List<String> all = new ArrayList<>();
        List.of(v1, v2, v3v4, v5, v6).forEach(all::addAll);
        assertThat(named).as("idx_ indexes of the schema").containsExactlyInAnyOrderElementsOf(all);

        assertThat(idx.get("idx_consultations_created")).as("consultations created index").endsWith("(created_at DESC)");
        assertThat(idx.get("idx_email_logs_recipient_date")).as("email recipient/date index").endsWith("(recipient, sent_at DESC)");
        assertThat(idx.get("idx_email_queue_pending")).as("pending e-mail queue index")
                .contains("(status, send_at)").contains("WHERE ((status)::text = 'pending'::text)");
        assertThat(idx.get("idx_sms_queue_scheduled")).as("scheduled SMS queue index").contains("WHERE ((status)::text = 'scheduled'::text)");
        assertThat(idx.get("idx_notification_prefs_patient")).as("one preferences row per patient").startsWith("CREATE UNIQUE INDEX");
        assertThat(idx.get("idx_form_field_unique")).as("form field triple").startsWith("CREATE UNIQUE INDEX")
                .endsWith("(session_id, form_name, field_name)");
        assertThat(idx.get("idx_funnel_step")).as("funnel step").startsWith("CREATE UNIQUE INDEX").endsWith("(funnel_name, step_number)");
        assertThat(idx.get("idx_admin_actions_target")).as("admin action target").endsWith("(target_type, target_id)");
        assertThat(idx.get("idx_patient_flags_active")).as("active flags (partial)").contains("(patient_id, is_active) WHERE (is_active = true)");
        assertThat(idx.get("idx_patient_subscriptions_stripe_id")).as("subscription stripe id").endsWith("(stripe_subscription_id)");
    }

    @Test
    void updated_at_triggers_cover_every_table_with_updated_at(TestDatabase db) throws Exception {
        Catalog cat = db.catalog("telehealth");
        List<String> withUpdatedAt = db.column("SELECT table_name::text FROM information_schema.columns WHERE table_schema = 'telehealth' "
                + "AND column_name = 'updated_at' AND table_name IN (SELECT table_name FROM information_schema.tables "
                + "WHERE table_schema = 'telehealth' AND table_type = 'BASE TABLE') ORDER BY 1");
        assertThat(withUpdatedAt).as("tables with updated_at").containsExactlyInAnyOrder("consultation_settings", "patients", "providers",
                "admins", "medications", "pharmacies", "consultations", "prescriptions", "orders", "sms_opt_outs", "notification_preferences",
                "treatment_plans", "inventory", "form_field_analytics", "treatment_plan_overrides", "clinical_notes", "patient_subscriptions");
        for (String t : withUpdatedAt) {
            assertThat(cat.triggers(t)).as("triggers of %s", t).containsExactly("update_" + t + "_updated_at");
        }
    }

    @Test
    void functions_are_the_specified_ones_and_pin_search_path(TestDatabase db) throws Exception {
        Catalog cat = db.catalog("telehealth");
        assertThat(cat.functions()).as("functions").containsExactlyInAnyOrder(
                "update_updated_at_column()", "generate_rx_number()", "generate_order_number()",
                "clean_old_communication_logs()", "get_plan_medications(plan_id uuid)",
                "calculate_funnel_velocity(p_session_id character varying, p_funnel_name character varying)",
                "api_key_secret(p_secret text)", "set_pharmacy_api_key(p_pharmacy_id uuid, p_api_key text, p_secret text)",
                "pharmacy_api_key(p_pharmacy_id uuid, p_secret text)");
        assertThat(cat.functionsWithoutPinnedSearchPath()).as("functions without a pinned search_path").isEmpty();
    }

    @Test
    void tables_views_and_columns_carry_the_specified_comments(TestDatabase db) throws Exception {
        Catalog cat = db.catalog("telehealth");
        for (String t : List.of("consultation_settings", "patients", "consultations", "prescriptions", "orders", "pharmacies",
                "email_logs", "email_queue", "sms_logs", "sms_queue", "sms_opt_outs", "notification_preferences", "webhook_logs",
                "analytics_events", "user_sessions", "form_field_analytics", "funnel_definitions", "funnel_conversion_rates",
                "form_completion_rates", "session_conversion_summary", "admin_actions", "billing_adjustments",
                "treatment_plan_overrides", "clinical_notes", "patient_flags", "patient_subscriptions", "subscription_events",
                "subscription_payments")) {
            assertThat(cat.tableComment(t)).as("comment on %s", t).isPresent();
        }
        for (String c : List.of("consultation_fee", "refill_consultation_fee", "require_credit_card", "auto_charge_on_approval")) {
            assertThat(cat.columnComment("consultation_settings", c)).as("comment on consultation_settings.%s", c).isPresent();
        }
        assertThat(cat.columnComment("patients", "stripe_customer_id")).as("comment on the Stripe customer id").isPresent();
        assertThat(cat.columnComment("patients", "has_valid_payment_method")).as("comment on the valid-payment flag").isPresent();
        assertThat(cat.columnComment("consultations", "payment_status")).as("comment on consultation payment status").isPresent();
        assertThat(db.scalar("SELECT obj_description('telehealth.clean_old_communication_logs()'::regprocedure, 'pg_proc')"))
                .as("comment on the cleanup function").isNotNull();
    }
}
