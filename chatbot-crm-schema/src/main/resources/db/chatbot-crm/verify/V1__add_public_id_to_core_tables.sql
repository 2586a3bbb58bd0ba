-- Verifies V1: nullable public_id with the right generator default and comment on each core table
-- (its indexes: verify/V1.1, its UNIQUE constraint: verify/V1.2); the prefix map. Catalog checks go through the engine's shared helpers
-- (pg_temp.verify_*).
DO $$
DECLARE
    v text;
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V1', 'public_id missing, not nullable varchar(255) or with the wrong default', ARRAY(
        SELECT format('%s.public_id (prefix %L)', e.t, e.p)
          FROM (VALUES ('patients', 'pat'), ('doctors', 'doc'), ('appointments', 'apt'), ('sessions', 'ses'), ('insurance_claims', 'clm')) AS e(t, p)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') c
                            WHERE c.tbl = e.t AND c.col = 'public_id' AND NOT c.not_null AND c.typ = 'character varying(255)'
                              AND c.def LIKE '%generate_public_id(''' || e.p || '''%')));
    PERFORM pg_temp.verify_expect('chatbot-crm V1', 'public_id comments missing', ARRAY(
        SELECT t || '.public_id' FROM unnest(ARRAY['patients', 'doctors', 'appointments', 'sessions', 'insurance_claims']) AS t
         WHERE col_description(format('%I.%I', '${schema}', t)::regclass,
                               (SELECT attnum FROM pg_attribute WHERE attrelid = format('%I.%I', '${schema}', t)::regclass AND attname = 'public_id'))
               IS DISTINCT FROM 'CUID public identifier for API use'));
    PERFORM pg_temp.verify_expect('chatbot-crm V1', 'the prefix map must have 17 entries', ARRAY(
        SELECT count(*) || ' found' FROM ${schema}.public_id_prefixes() HAVING count(*) <> 17));
    INSERT INTO ${schema}.patients (first_name, last_name) VALUES ('Verify', 'V1') RETURNING public_id INTO v;
    IF v !~ '^pat_[a-z][a-z0-9]{23}$' THEN
        RAISE EXCEPTION 'chatbot-crm V1: patients default public_id is %', v;
    END IF;
END
$$;
