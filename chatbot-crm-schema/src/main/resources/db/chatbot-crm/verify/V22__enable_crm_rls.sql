-- Verifies V22: RLS on, with policies, on every table of the step; no policy lets anon or PUBLIC
-- write, and none is unconditionally true for writes.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['crm_leads', 'crm_deals', 'crm_activities'] LOOP
        IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = format('%I.%I', '${schema}', t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V22: RLS is off on %', t;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = format('%I.%I', '${schema}', t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V22: % has no policy', t;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '${schema}' AND tablename = t
                   AND cmd <> 'SELECT' AND (roles && ARRAY['public', 'anon']::name[] OR coalesce(with_check, qual) = 'true')) THEN
            RAISE EXCEPTION 'chatbot-crm V22: a write policy on % is open to anon/public or always true', t;
        END IF;
        IF has_table_privilege('anon', format('%I.%I', '${schema}', t), 'INSERT') THEN
            RAISE EXCEPTION 'chatbot-crm V22: anon may insert into %', t;
        END IF;
    END LOOP;
END
$$;
