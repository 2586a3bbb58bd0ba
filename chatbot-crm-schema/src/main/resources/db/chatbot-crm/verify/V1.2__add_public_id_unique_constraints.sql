-- Verifies V1.2: UNIQUE <table>_public_id_key on each core table. Catalog checks go through the engine's
-- shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V1.2', 'UNIQUE public_id constraints missing', ARRAY(
        SELECT t || '_public_id_key' FROM unnest(ARRAY['patients', 'doctors', 'appointments', 'sessions', 'insurance_claims']) AS t
         WHERE (t, t || '_public_id_key', 'u', 'UNIQUE (public_id)') NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));
END
$$;
