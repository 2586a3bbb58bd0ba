-- Verifies V1: nullable unique public_id with the right generator default, partial index and comment
-- on each core table; the prefix map.
DO $$
DECLARE
    r record;
    v text;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('patients', 'pat'), ('doctors', 'doc'), ('appointments', 'apt'),
                                   ('sessions', 'ses'), ('insurance_claims', 'clm')) AS x(t, p) LOOP
        IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = '${schema}' AND table_name = r.t AND column_name = 'public_id'
                         AND is_nullable = 'YES' AND character_maximum_length = 255
                         AND column_default LIKE '%generate_public_id(''' || r.p || '''%') THEN
            RAISE EXCEPTION 'chatbot-crm V1: %.public_id is missing, not nullable varchar(255) or has the wrong default', r.t;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE schemaname = '${schema}' AND tablename = r.t
                       AND indexname = 'idx_' || r.t || '_public_id' AND indexdef LIKE '%WHERE (public_id IS NOT NULL)%') THEN
            RAISE EXCEPTION 'chatbot-crm V1: partial index idx_%_public_id is missing', r.t;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = r.t || '_public_id_key' AND contype = 'u'
                       AND conrelid = format('%I.%I', '${schema}', r.t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V1: UNIQUE %_public_id_key is missing', r.t;
        END IF;
        IF col_description(format('%I.%I', '${schema}', r.t)::regclass,
                           (SELECT attnum FROM pg_attribute WHERE attrelid = format('%I.%I', '${schema}', r.t)::regclass AND attname = 'public_id'))
           IS DISTINCT FROM 'CUID public identifier for API use' THEN
            RAISE EXCEPTION 'chatbot-crm V1: comment on %.public_id is missing', r.t;
        END IF;
    END LOOP;
    IF (SELECT count(*) FROM ${schema}.public_id_prefixes()) <> 17 THEN
        RAISE EXCEPTION 'chatbot-crm V1: the prefix map must have 17 entries';
    END IF;
    INSERT INTO ${schema}.patients (first_name, last_name) VALUES ('Verify', 'V1') RETURNING public_id INTO v;
    IF v !~ '^pat_[a-z][a-z0-9]{23}$' THEN
        RAISE EXCEPTION 'chatbot-crm V1: patients default public_id is %', v;
    END IF;
END
$$;
