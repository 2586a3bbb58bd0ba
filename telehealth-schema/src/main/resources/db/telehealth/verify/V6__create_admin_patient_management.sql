-- Asserts V6: tables, columns on patients/orders/consultations, indexes, RESTRICT on admin/provider FKs.
-- Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V6', 'tables missing', ARRAY(
        SELECT t FROM unnest(ARRAY['admin_actions', 'billing_adjustments', 'treatment_plan_overrides', 'clinical_notes',
                                   'patient_flags', 'patient_subscriptions', 'subscription_events', 'subscription_payments']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('telehealth V6', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_admin_actions_admin_id', 'idx_admin_actions_target', 'idx_admin_actions_created_at',
                                   'idx_billing_adjustments_patient_id', 'idx_billing_adjustments_order_id',
                                   'idx_treatment_overrides_patient_id', 'idx_treatment_overrides_plan_id',
                                   'idx_clinical_notes_patient_id', 'idx_clinical_notes_provider_id',
                                   'idx_clinical_notes_consultation_id', 'idx_clinical_notes_created_at',
                                   'idx_patient_flags_patient_id', 'idx_patient_flags_active',
                                   'idx_patient_subscriptions_patient_id', 'idx_patient_subscriptions_stripe_id',
                                   'idx_patient_subscriptions_status', 'idx_subscription_events_patient_id']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('telehealth V6', 'columns added to patients, orders or consultations missing', ARRAY(
        SELECT e.tbl || '.' || e.col
          FROM (VALUES ('patients', 'account_credit'), ('orders', 'refund_amount'), ('orders', 'refund_status'),
                       ('orders', 'refund_reason'), ('consultations', 'treatment_override_id')) AS e(tbl, col)
         WHERE (e.tbl, e.col) NOT IN (SELECT tbl, col FROM pg_temp.verify_columns('${schema}'))));
    PERFORM pg_temp.verify_expect('telehealth V6', 'audit/clinical foreign keys must be ON DELETE RESTRICT', ARRAY(
        SELECT k.tbl || '.' || k.con FROM pg_temp.verify_constraints('${schema}') k
         WHERE k.typ = 'f' AND k.def NOT LIKE '%ON DELETE RESTRICT%'
           AND k.con IN ('admin_actions_admin_id_fkey', 'billing_adjustments_created_by_fkey', 'patient_flags_created_by_fkey',
                         'clinical_notes_provider_id_fkey', 'treatment_plan_overrides_provider_id_fkey')));
    PERFORM pg_temp.verify_expect('telehealth V6', 'must be ON DELETE SET NULL', ARRAY(
        SELECT 'consultations.fk_treatment_override'
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_constraints('${schema}')
                            WHERE (tbl, con, typ) = ('consultations', 'fk_treatment_override', 'f') AND def LIKE '%ON DELETE SET NULL%')));
END
$$;
