-- Verifies V31: RLS on, with policies, on every table of the step; no policy lets anon or PUBLIC
-- write, and none is unconditionally true for writes.
DO $$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['notifications', 'internal_messages', 'audit_logs', 'roles', 'user_roles', 'settings'] LOOP
        IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = format('%I.%I', '${schema}', t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V31: RLS is off on %', t;
        END IF;
        IF NOT EXISTS (SELECT 1 FROM pg_policy WHERE polrelid = format('%I.%I', '${schema}', t)::regclass) THEN
            RAISE EXCEPTION 'chatbot-crm V31: % has no policy', t;
        END IF;
        IF EXISTS (SELECT 1 FROM pg_policies WHERE schemaname = '${schema}' AND tablename = t
                   AND cmd <> 'SELECT' AND (roles && ARRAY['public', 'anon']::name[] OR coalesce(with_check, qual) = 'true')) THEN
            RAISE EXCEPTION 'chatbot-crm V31: a write policy on % is open to anon/public or always true', t;
        END IF;
        IF has_table_privilege('anon', format('%I.%I', '${schema}', t), 'INSERT') THEN
            RAISE EXCEPTION 'chatbot-crm V31: anon may insert into %', t;
        END IF;
    END LOOP;
END
$$;
DO $$
DECLARE
    t text;
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
    FOREACH t IN ARRAY ARRAY['patients', 'appointments', 'users'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = format('%I.%I', '${schema}', t)::regclass
                       AND tgname = 'audit_' || t || '_trigger') THEN
            RAISE EXCEPTION 'chatbot-crm V31: trigger audit_%_trigger is missing', t;
        END IF;
    END LOOP;
    IF NOT (SELECT prosecdef AND array_to_string(proconfig, ',') LIKE '%search_path=%'
            FROM pg_proc WHERE oid = '${schema}.audit_trigger_function()'::regprocedure) THEN
        RAISE EXCEPTION 'chatbot-crm V31: audit_trigger_function must be SECURITY DEFINER with a pinned search_path';
    END IF;
    -- an audited write succeeds and leaves exactly one audit row with an aud_ id
    INSERT INTO ${schema}.patients (first_name, last_name) VALUES ('Verify', 'V31') RETURNING id INTO pid;
    SELECT count(*) INTO n FROM ${schema}.audit_logs
    WHERE table_name = 'patients' AND record_id = pid AND action = 'INSERT' AND public_id ~ '^aud_[a-z][a-z0-9]{23}$';
    IF n <> 1 THEN
        RAISE EXCEPTION 'chatbot-crm V31: inserting a patient wrote % audit rows', n;
    END IF;
END
$$;
