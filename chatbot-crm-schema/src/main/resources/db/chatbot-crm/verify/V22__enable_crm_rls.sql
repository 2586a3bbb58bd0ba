-- Verifies V22: RLS on, with policies, on every table of the step; no policy lets anon or PUBLIC
-- write, and none is unconditionally true for writes. Catalog checks go through the engine's shared
-- helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V22', 'RLS off', ARRAY(
        SELECT t FROM unnest(ARRAY['crm_leads', 'crm_deals', 'crm_activities']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE rls)));
    PERFORM pg_temp.verify_expect('chatbot-crm V22', 'tables without a policy', ARRAY(
        SELECT t FROM unnest(ARRAY['crm_leads', 'crm_deals', 'crm_activities']) AS t
         WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_policies('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V22', 'write policies open to anon/public or always true', ARRAY(
        SELECT p.tbl || '.' || p.pol FROM pg_temp.verify_policies('${schema}') p
         WHERE p.tbl = ANY (ARRAY['crm_leads', 'crm_deals', 'crm_activities'])
           AND p.cmd <> 'SELECT' AND (p.roles && ARRAY['public', 'anon'] OR coalesce(p.with_check, p.qual) = 'true')));
    PERFORM pg_temp.verify_expect('chatbot-crm V22', 'anon may insert into', ARRAY(
        SELECT t FROM unnest(ARRAY['crm_leads', 'crm_deals', 'crm_activities']) AS t
         WHERE has_table_privilege('anon', format('%I.%I', '${schema}', t), 'INSERT')));
END
$$;
