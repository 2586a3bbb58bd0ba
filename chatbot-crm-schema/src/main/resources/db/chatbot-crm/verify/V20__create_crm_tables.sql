-- Verifies V20: the tables exist with a NOT NULL unique public_id whose default uses the right prefix,
-- and every FK has an explicit delete action.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('crm_leads', 'led'), ('crm_deals', 'del'), ('crm_activities', 'act')) AS x(t, p) LOOP
        IF to_regclass(format('%I.%I', '${schema}', r.t)) IS NULL THEN
            RAISE EXCEPTION 'chatbot-crm V20: table % is missing', r.t;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = '${schema}' AND table_name = r.t AND column_name = 'public_id'
                         AND is_nullable = 'NO' AND column_default LIKE '%generate_public_id(''' || r.p || '''%') THEN
            RAISE EXCEPTION 'chatbot-crm V20: %.public_id must be NOT NULL with prefix default %', r.t, r.p;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = r.t || '_public_id_key' AND contype = 'u') THEN
            RAISE EXCEPTION 'chatbot-crm V20: UNIQUE %_public_id_key is missing', r.t;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = format('%I.%I', '${schema}', r.t)::regclass
                   AND contype = 'f' AND confdeltype NOT IN ('c', 'n')) THEN
            RAISE EXCEPTION 'chatbot-crm V20: a foreign key of % has no delete action', r.t;
        END IF;
    END LOOP;
END
$$;
DO $$
BEGIN
    BEGIN
        INSERT INTO ${schema}.crm_deals (title, probability) VALUES ('verify V20', 101);
        RAISE EXCEPTION 'chatbot-crm V20: crm_deals.probability accepted 101';
    EXCEPTION WHEN check_violation THEN
        NULL;
    END;
END
$$;
