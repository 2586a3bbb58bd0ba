-- Verifies V0.1: users with its constraints and trigger, is_admin(), RLS; the role CHECK rejects an
-- unknown role. Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V0.1', 'table missing or RLS off', ARRAY(
        SELECT 'users' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_relations('${schema}') WHERE rel = 'users' AND kind = 'r' AND rls)));
    PERFORM pg_temp.verify_expect('chatbot-crm V0.1', 'constraints missing', ARRAY(
        SELECT e.con FROM unnest(ARRAY['users_pkey', 'users_email_key', 'users_role_check']) AS e(con)
         WHERE e.con NOT IN (SELECT con FROM pg_temp.verify_constraints('${schema}') WHERE tbl = 'users')));
    PERFORM pg_temp.verify_expect('chatbot-crm V0.1', 'functions missing', ARRAY(
        SELECT 'is_admin()' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_functions('${schema}') WHERE fn = 'is_admin' AND args = '')));
    PERFORM pg_temp.verify_expect('chatbot-crm V0.1', 'triggers missing', ARRAY(
        SELECT 'update_users_updated_at' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_triggers('${schema}')
                                                            WHERE tbl = 'users' AND trg = 'update_users_updated_at')));
    -- role CHECK rejects an unknown role
    BEGIN
        INSERT INTO ${schema}.users (email, role) VALUES ('verify-v0.1@example.invalid', 'superhero');
        RAISE EXCEPTION 'chatbot-crm V0.1: users.role accepted ''superhero''';
    EXCEPTION WHEN check_violation THEN
        NULL;
    END;
END
$$;
