-- Verifies V3: roles anon, authenticated and service_role (BYPASSRLS), ${schema.auth}.users, and
-- ${schema.auth}.uid() reading request.jwt.claim.sub. Catalog checks go through the engine's shared
-- helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('platform V3', 'roles missing (service_role with BYPASSRLS)', ARRAY(
        SELECT e.r FROM (VALUES ('anon', false), ('authenticated', false), ('service_role', true)) AS e(r, bypass)
         WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = e.r AND (rolbypassrls OR NOT e.bypass))));
    PERFORM pg_temp.verify_expect('platform V3', 'tables missing', ARRAY(
        SELECT '${schema.auth}.users' WHERE 'users' NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema.auth}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('platform V3', 'functions missing', ARRAY(
        SELECT '${schema.auth}.uid()' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_functions('${schema.auth}') WHERE fn = 'uid' AND args = '')));
    PERFORM set_config('request.jwt.claim.sub', '00000000-0000-0000-0000-00000000000a', true);
    IF ${schema.auth}.uid() IS DISTINCT FROM '00000000-0000-0000-0000-00000000000a'::uuid THEN
        RAISE EXCEPTION 'platform V3: auth.uid() does not read request.jwt.claim.sub';
    END IF;
END
$$;
