-- Verifies V12: RLS on, with policies, on every table of the step; no policy lets anon or PUBLIC
-- write, and none is unconditionally true for writes.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['chatbot_flows', 'chatbot_nodes', 'chatbot_edges', 'chatbot_templates', 'chatbot_integrations', 'conversations', 'messages'] LOOP
        IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = format('%I.%I', '${schema}', t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V12: RLS is off on %', t;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = format('%I.%I', '${schema}', t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V12: % has no policy', t;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '${schema}' AND tablename = t
                   AND cmd <> 'SELECT' AND (roles && ARRAY['public', 'anon']::name[] OR coalesce(with_check, qual) = 'true')) THEN
            RAISE EXCEPTION 'chatbot-crm V12: a write policy on % is open to anon/public or always true', t;
        END IF;
        IF has_table_privilege('anon', format('%I.%I', '${schema}', t), 'INSERT') THEN
            RAISE EXCEPTION 'chatbot-crm V12: anon may insert into %', t;
        END IF;
    END LOOP;
END
$$;
DO $$
BEGIN
    IF has_column_privilege('authenticated', '${schema}.chatbot_integrations', 'config', 'SELECT')
       OR has_column_privilege('authenticated', '${schema}.chatbot_integrations', 'webhook_secret', 'SELECT')
       OR has_column_privilege('anon', '${schema}.chatbot_integrations', 'config', 'SELECT') THEN
        RAISE EXCEPTION 'chatbot-crm V12: integration secrets are readable by anon/authenticated';
    END IF;
    IF has_table_privilege('authenticated', '${schema}.conversations', 'INSERT')
       OR has_table_privilege('authenticated', '${schema}.messages', 'INSERT') THEN
        RAISE EXCEPTION 'chatbot-crm V12: authenticated may write conversations/messages';
    END IF;
END
$$;
