-- Verifies V31: RLS on, with policies, on every table of the step; no policy lets anon or PUBLIC
-- write, and none is unconditionally true for writes. Catalog checks go through the engine's shared
-- helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V31', 'RLS off', ARRAY(
        SELECT t FROM unnest(ARRAY['notifications', 'internal_messages', 'audit_logs', 'roles', 'user_roles', 'settings']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE rls)));
    PERFORM pg_temp.verify_expect('chatbot-crm V31', 'tables without a policy', ARRAY(
        SELECT t FROM unnest(ARRAY['notifications', 'internal_messages', 'audit_logs', 'roles', 'user_roles', 'settings']) AS t
         WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_policies('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V31', 'write policies open to anon/public or always true', ARRAY(
        SELECT p.tbl || '.' || p.pol FROM pg_temp.verify_policies('${schema}') p
         WHERE p.tbl = ANY (ARRAY['notifications', 'internal_messages', 'audit_logs', 'roles', 'user_roles', 'settings'])
           AND p.cmd <> 'SELECT' AND (p.roles && ARRAY['public', 'anon'] OR coalesce(p.with_check, p.qual) = 'true')));
    PERFORM pg_temp.verify_expect('chatbot-crm V31', 'anon may insert into', ARRAY(
        SELECT t FROM unnest(ARRAY['notifications', 'internal_messages', 'audit_logs', 'roles', 'user_roles', 'settings']) AS t
         WHERE has_table_privilege('anon', format('%I.%I', '${schema}', t), 'INSERT')));
END
$$;
DO $$
DECLARE
    pid uuid;
    n bigint;
BEGIN
    IF has_table_privilege('authenticated', '${schema}.audit_logs', 'INSERT')
       OR has_table_privilege('authenticated', '${schema}.notifications', 'INSERT') THEN
        RAISE EXCEPTION 'chatbot-crm V31: authenticated may insert audit_logs/notifications';
    END IF;
    IF has_column_privilege('authenticated', '${schema}.internal_messages', 'content', 'UPDATE') THEN
        RAISE EXCEPTION 'chatbot-crm V31: authenticated may rewrite internal message content';
    END IF;
    PERFORM pg_temp.verify_expect('chatbot-crm V31', 'audit triggers missing', ARRAY(
        SELECT format('audit_%s_trigger on %s', t, t) FROM unnest(ARRAY['patients', 'appointments', 'users']) AS t
         WHERE (t, 'audit_' || t || '_trigger') NOT IN (SELECT tbl, trg FROM pg_temp.verify_triggers('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V31', 'must be SECURITY DEFINER with a pinned search_path', ARRAY(
        SELECT 'audit_trigger_function()' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_functions('${schema}')
                                                             WHERE fn = 'audit_trigger_function' AND args = ''
                                                               AND secdef AND search_path IS NOT NULL)));
    -- an audited write succeeds and leaves exactly one audit row with an aud_ id
    INSERT INTO ${schema}.patients (first_name, last_name) VALUES ('Verify', 'V31') RETURNING id INTO pid;
    SELECT count(*) INTO n FROM ${schema}.audit_logs
    WHERE table_name = 'patients' AND record_id = pid AND action = 'INSERT' AND public_id ~ '^aud_[a-z][a-z0-9]{23}$';
    IF n <> 1 THEN
        RAISE EXCEPTION 'chatbot-crm V31: inserting a patient wrote % audit rows', n;
    END IF;
END
$$;
