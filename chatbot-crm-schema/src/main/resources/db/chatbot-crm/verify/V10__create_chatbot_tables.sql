-- Verifies V10: the tables exist with a NOT NULL unique public_id whose default uses the right prefix,
-- and every FK has an explicit delete action.
DO $$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT * FROM (VALUES ('chatbot_flows', 'flw'), ('chatbot_nodes', 'nod'), ('chatbot_edges', 'edg'), ('chatbot_templates', ''), ('chatbot_integrations', ''), ('conversations', 'cnv'), ('messages', 'msg')) AS x(t, p) LOOP
        IF to_regclass(format('%I.%I', '${schema}', r.t)) IS NULL THEN
            RAISE EXCEPTION 'chatbot-crm V10: table % is missing', r.t;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM information_schema.columns
                       WHERE table_schema = '${schema}' AND table_name = r.t AND column_name = 'public_id'
                         AND is_nullable = 'NO' AND column_default LIKE '%generate_public_id(''' || r.p || '''%') THEN
            RAISE EXCEPTION 'chatbot-crm V10: %.public_id must be NOT NULL with prefix default %', r.t, r.p;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = r.t || '_public_id_key' AND contype = 'u') THEN
            RAISE EXCEPTION 'chatbot-crm V10: UNIQUE %_public_id_key is missing', r.t;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = format('%I.%I', '${schema}', r.t)::regclass
                   AND contype = 'f' AND confdeltype NOT IN ('c', 'n')) THEN
            RAISE EXCEPTION 'chatbot-crm V10: a foreign key of % has no delete action', r.t;
        END IF;
    END LOOP;
END
$$;
