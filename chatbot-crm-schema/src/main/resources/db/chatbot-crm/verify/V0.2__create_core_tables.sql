-- Verifies V0.2: the five core tables, their FKs with delete actions, indexes, RLS and helpers.
-- Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V0.2', 'tables missing or RLS off', ARRAY(
        SELECT t FROM unnest(ARRAY['patients', 'doctors', 'appointments', 'sessions', 'insurance_claims']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r' AND rls)));
    PERFORM pg_temp.verify_expect('chatbot-crm V0.2', 'foreign keys missing or without a delete action', ARRAY(
        SELECT e.con FROM unnest(ARRAY['doctors_user_id_fkey', 'appointments_patient_id_fkey', 'appointments_doctor_id_fkey',
                                       'sessions_appointment_id_fkey', 'sessions_patient_id_fkey', 'sessions_doctor_id_fkey',
                                       'insurance_claims_patient_id_fkey', 'insurance_claims_appointment_id_fkey']) AS e(con)
         WHERE e.con NOT IN (SELECT con FROM pg_temp.verify_constraints('${schema}')
                              WHERE typ = 'f' AND (def LIKE '%ON DELETE CASCADE%' OR def LIKE '%ON DELETE SET NULL%'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V0.2', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_patients_email', 'idx_patients_phone', 'idx_doctors_user_id', 'idx_doctors_specialization',
                                   'idx_appointments_patient', 'idx_appointments_doctor', 'idx_appointments_date', 'idx_sessions_appointment',
                                   'idx_sessions_patient', 'idx_sessions_doctor', 'idx_insurance_claims_patient',
                                   'idx_insurance_claims_status']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V0.2', 'RLS helper functions missing', ARRAY(
        SELECT e.fn || '(' || e.args || ')' FROM (VALUES ('is_treating_doctor', 'uuid'), ('is_own_doctor', 'uuid')) AS e(fn, args)
         WHERE (e.fn, e.args) NOT IN (SELECT fn, args FROM pg_temp.verify_functions('${schema}'))));
END
$$;
