-- Verifies V1.1: on each core table the unique index <table>_public_id_key and the partial index
-- idx_<table>_public_id. Catalog checks go through the engine's shared helpers
-- (pg_temp.verify_*); a failed CONCURRENTLY build leaves an INVALID index, which is reported too.
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V1.1', 'indexes missing or different', ARRAY(
        SELECT e.idx FROM (VALUES ('patients', 'patients_public_id_key', 'btree (public_id)'), ('patients', 'idx_patients_public_id', 'btree (public_id) WHERE (public_id IS NOT NULL)'), ('doctors', 'doctors_public_id_key', 'btree (public_id)'), ('doctors', 'idx_doctors_public_id', 'btree (public_id) WHERE (public_id IS NOT NULL)'), ('appointments', 'appointments_public_id_key', 'btree (public_id)'), ('appointments', 'idx_appointments_public_id', 'btree (public_id) WHERE (public_id IS NOT NULL)'), ('sessions', 'sessions_public_id_key', 'btree (public_id)'), ('sessions', 'idx_sessions_public_id', 'btree (public_id) WHERE (public_id IS NOT NULL)'), ('insurance_claims', 'insurance_claims_public_id_key', 'btree (public_id)'), ('insurance_claims', 'idx_insurance_claims_public_id', 'btree (public_id) WHERE (public_id IS NOT NULL)')) AS e(tbl, idx, def)
         WHERE (e.tbl, e.idx, e.def) NOT IN (SELECT tbl, idx, def FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V1.1', 'INVALID indexes (a failed CONCURRENTLY build; migrate drops and rebuilds them)', ARRAY(
        SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relnamespace = '${schema}'::regnamespace AND NOT i.indisvalid AND c.relname IN ('patients_public_id_key', 'idx_patients_public_id', 'doctors_public_id_key', 'idx_doctors_public_id', 'appointments_public_id_key', 'idx_appointments_public_id', 'sessions_public_id_key', 'idx_sessions_public_id', 'insurance_claims_public_id_key', 'idx_insurance_claims_public_id')));
END
$$;
