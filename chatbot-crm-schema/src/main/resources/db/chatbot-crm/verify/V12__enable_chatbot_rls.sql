-- Verifies V12: RLS on, with policies, on every table of the step; no policy lets anon or PUBLIC
-- write, and none is unconditionally true for writes. Catalog checks go through the engine's shared
-- helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V12', 'RLS off', ARRAY(
        SELECT t FROM unnest(ARRAY['chatbot_flows', 'chatbot_nodes', 'chatbot_edges', 'chatbot_templates', 'chatbot_integrations', 'conversations', 'messages']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE rls)));
    PERFORM pg_temp.verify_expect('chatbot-crm V12', 'tables without a policy', ARRAY(
        SELECT t FROM unnest(ARRAY['chatbot_flows', 'chatbot_nodes', 'chatbot_edges', 'chatbot_templates', 'chatbot_integrations', 'conversations', 'messages']) AS t
         WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_policies('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V12', 'write policies open to anon/public or always true', ARRAY(
        SELECT p.tbl || '.' || p.pol FROM pg_temp.verify_policies('${schema}') p
         WHERE p.tbl = ANY (ARRAY['chatbot_flows', 'chatbot_nodes', 'chatbot_edges', 'chatbot_templates', 'chatbot_integrations', 'conversations', 'messages'])
           AND p.cmd <> 'SELECT' AND (p.roles && ARRAY['public', 'anon'] OR coalesce(p.with_check, p.qual) = 'true')));
    PERFORM pg_temp.verify_expect('chatbot-crm V12', 'anon may insert into', ARRAY(
        SELECT t FROM unnest(ARRAY['chatbot_flows', 'chatbot_nodes', 'chatbot_edges', 'chatbot_templates', 'chatbot_integrations', 'conversations', 'messages']) AS t
         WHERE has_table_privilege('anon', format('%I.%I', '${schema}', t), 'INSERT')));
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
