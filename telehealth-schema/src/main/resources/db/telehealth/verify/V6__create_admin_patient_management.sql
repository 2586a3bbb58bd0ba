-- Asserts V6: tables, columns on patients/orders/consultations, indexes, RESTRICT on admin/provider FKs.
DO $$
DECLARE
    n text;
BEGIN
    FOREACH n IN ARRAY ARRAY['admin_actions', 'billing_adjustments', 'treatment_plan_overrides', 'clinical_notes',
                             'patient_flags', 'patient_subscriptions', 'subscription_events', 'subscription_payments',
                             'idx_admin_actions_admin_id', 'idx_admin_actions_target', 'idx_admin_actions_created_at',
                             'idx_billing_adjustments_patient_id', 'idx_billing_adjustments_order_id',
                             'idx_treatment_overrides_patient_id', 'idx_treatment_overrides_plan_id',
                             'idx_clinical_notes_patient_id', 'idx_clinical_notes_provider_id',
                             'idx_clinical_notes_consultation_id', 'idx_clinical_notes_created_at',
                             'idx_patient_flags_patient_id', 'idx_patient_flags_active',
                             'idx_patient_subscriptions_patient_id', 'idx_patient_subscriptions_stripe_id',
                             'idx_patient_subscriptions_status', 'idx_subscription_events_patient_id'] LOOP
        IF to_regclass(format('%I.%I', '${schema}', n)) IS NULL THEN
            RAISE EXCEPTION 'telehealth V6: % is missing', n;
        END IF;
    END LOOP;
    IF (SELECT count(*) FROM information_schema.columns WHERE table_schema = '${schema}'
          AND (table_name, column_name) IN (('patients', 'account_credit'), ('orders', 'refund_amount'), ('orders', 'refund_status'),
                                            ('orders', 'refund_reason'), ('consultations', 'treatment_override_id'))) <> 5 THEN
        RAISE EXCEPTION 'telehealth V6: a column added to patients, orders or consultations is missing';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                WHERE s.nspname = '${schema}' AND k.contype = 'f'
                  AND k.conname IN ('admin_actions_admin_id_fkey', 'billing_adjustments_created_by_fkey', 'patient_flags_created_by_fkey',
                                    'clinical_notes_provider_id_fkey', 'treatment_plan_overrides_provider_id_fkey')
                  AND k.confdeltype <> 'r') THEN
        RAISE EXCEPTION 'telehealth V6: audit/clinical foreign keys must be ON DELETE RESTRICT';
    END IF;
    IF (SELECT confdeltype FROM pg_constraint WHERE conrelid = format('%I.consultations', '${schema}')::regclass
         AND conname = 'fk_treatment_override') IS DISTINCT FROM 'n' THEN
        RAISE EXCEPTION 'telehealth V6: fk_treatment_override must be ON DELETE SET NULL';
    END IF;
END
$$;
