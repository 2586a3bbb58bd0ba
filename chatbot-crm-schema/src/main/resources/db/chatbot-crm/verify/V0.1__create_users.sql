-- Verifies V0.1: users with its constraints and trigger, is_admin(), RLS.
DO $$
BEGIN
    IF to_regclass('${schema}.users') IS NULL THEN
        RAISE EXCEPTION 'chatbot-crm V0.1: table users is missing';
    END IF;
    IF (SELECT count(*) FROM pg_constraint WHERE conrelid = '${schema}.users'::regclass
        AND conname IN ('users_pkey', 'users_email_key', 'users_role_check')) <> 3 THEN
        RAISE EXCEPTION 'chatbot-crm V0.1: users constraints are missing';
    END IF;
    IF to_regprocedure('${schema}.is_admin()') IS NULL THEN
        RAISE EXCEPTION 'chatbot-crm V0.1: is_admin() is missing';
    END IF;
    IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = '${schema}.users'::regclass) THEN
        RAISE EXCEPTION 'chatbot-crm V0.1: RLS is off on users';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${schema}.users'::regclass AND tgname = 'update_users_updated_at') THEN
        RAISE EXCEPTION 'chatbot-crm V0.1: trigger update_users_updated_at is missing';
    END IF;
    -- role CHECK rejects an unknown role
    BEGIN
        INSERT INTO ${schema}.users (email, role) VALUES ('verify-v0.1@example.invalid', 'superhero');
        RAISE EXCEPTION 'chatbot-crm V0.1: users.role accepted ''superhero''';
    EXCEPTION WHEN check_violation THEN
        NULL;
    END;
END
$$;
