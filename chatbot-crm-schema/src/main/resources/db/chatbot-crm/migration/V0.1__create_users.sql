-- Prerequisite: the application's "existing" users profile table (one row per authenticated user;
-- id equals the auth user id), the is_admin() helper every policy of this module uses, and RLS on users.
-- An existing database that already has users and the core tables is baselined at 0.2 (see README).

CREATE TABLE users (
    id            uuid      NOT NULL DEFAULT gen_random_uuid(),
    email         text      NOT NULL,
    password_hash text,
    role          text               DEFAULT 'patient',
    meta          jsonb              DEFAULT '{}'::jsonb,
    created_at    timestamp          DEFAULT now(),
    updated_at    timestamp          DEFAULT now(),
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_email_key UNIQUE (email),
    CONSTRAINT users_role_check CHECK (role IN ('patient', 'doctor', 'staff', 'supervisor', 'admin'))
);
COMMENT ON TABLE users IS 'Profile row per authenticated user; id equals the auth user id. role ''admin'' is what RLS calls admin.';
COMMENT ON COLUMN users.password_hash IS 'Legacy credential hash; never copied into audit snapshots.';

CREATE TRIGGER update_users_updated_at
    BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

-- "Admin" for every policy of this module: a users row with id = auth.uid() and role 'admin'.
-- SECURITY DEFINER so that it reads users without going through users' own RLS (no recursion).
CREATE FUNCTION is_admin()
    RETURNS boolean
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = ${schema}, pg_temp
AS $fn$
    SELECT EXISTS (SELECT 1 FROM ${schema}.users u WHERE u.id = ${schema.auth}.uid() AND u.role = 'admin')
$fn$;
COMMENT ON FUNCTION is_admin() IS 'True when the caller (auth.uid()) has a users row with role ''admin''.';
REVOKE ALL ON FUNCTION is_admin() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION is_admin() TO anon, authenticated, service_role;

GRANT USAGE ON SCHEMA ${schema} TO anon, authenticated, service_role;

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON users TO anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON users TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON users TO service_role;

CREATE POLICY users_select_own ON users
    FOR SELECT TO authenticated
    USING (id = (SELECT ${schema.auth}.uid()));
CREATE POLICY users_admin_all ON users
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));
