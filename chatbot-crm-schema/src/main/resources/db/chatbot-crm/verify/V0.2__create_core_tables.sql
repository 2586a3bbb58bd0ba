-- Verifies V0.2: the five core tables, their FKs with delete actions, indexes, RLS and helpers.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['patients', 'doctors', 'appointments', 'sessions', 'insurance_claims'] LOOP
        IF to_regclass(format('%I.%I', '${schema}', t)) IS NULL THEN
            RAISE EXCEPTION 'chatbot-crm V0.2: table % is missing', t;
        END IF;
        IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = format('%I.%I', '${schema}', t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V0.2: RLS is off on %', t;
        END IF;
    END LOOP;
    IF (SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = '${schema}' AND c.contype = 'f'
          AND c.conname IN ('doctors_user_id_fkey', 'appointments_patient_id_fkey', 'appointments_doctor_id_fkey',
                            'sessions_appointment_id_fkey', 'sessions_patient_id_fkey', 'sessions_doctor_id_fkey',
                            'insurance_claims_patient_id_fkey', 'insurance_claims_appointment_id_fkey')
          AND c.confdeltype IN ('c', 'n')) <> 8 THEN
        RAISE EXCEPTION 'chatbot-crm V0.2: a core foreign key is missing or has no delete action';
    END IF;
    IF (SELECT count(*) FROM pg_indexes WHERE schemaname = '${schema}' AND indexname IN (
            'idx_patients_email', 'idx_patients_phone', 'idx_doctors_user_id', 'idx_doctors_specialization',
            'idx_appointments_patient', 'idx_appointments_doctor', 'idx_appointments_date', 'idx_sessions_appointment',
            'idx_sessions_patient', 'idx_sessions_doctor', 'idx_insurance_claims_patient', 'idx_insurance_claims_status')) <> 12 THEN
        RAISE EXCEPTION 'chatbot-crm V0.2: a core index is missing';
    END IF;
    IF to_regprocedure('${schema}.is_treating_doctor(uuid)') IS NULL OR to_regprocedure('${schema}.is_own_doctor(uuid)') IS NULL THEN
        RAISE EXCEPTION 'chatbot-crm V0.2: RLS helper functions are missing';
    END IF;
END
$$;
