-- Supabase-compatible auth: roles anon / authenticated / service_role (created only when missing;
-- roles are cluster-wide), auth.users, auth.uid() and auth.role() reading the PostgREST request
-- settings. When the database already has a real Supabase auth schema (auth.users exists before this
-- migration), nothing in it is touched: only the missing roles are created.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'anon') THEN
        CREATE ROLE anon NOLOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'authenticated') THEN
        CREATE ROLE authenticated NOLOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'service_role') THEN
        CREATE ROLE service_role NOLOGIN NOINHERIT BYPASSRLS;
    END IF;
END
$$;

-- Records whether this module created the auth objects (false: a real Supabase auth schema was found).
CREATE TABLE ${schema.platform}.auth_provider (
    singleton    boolean NOT NULL DEFAULT true,
    managed_here boolean NOT NULL,
    detected_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pk_auth_provider PRIMARY KEY (singleton),
    CONSTRAINT ck_auth_provider_singleton CHECK (singleton)
);
COMMENT ON TABLE ${schema.platform}.auth_provider IS
    'managed_here = true: platform created auth.users/uid()/role(); false: an existing (Supabase) auth schema was left untouched.';

INSERT INTO ${schema.platform}.auth_provider (managed_here)
VALUES (to_regclass('${schema.auth}.users') IS NULL);

DO $do$
BEGIN
    IF NOT (SELECT managed_here FROM ${schema.platform}.auth_provider) THEN
        RAISE NOTICE 'existing auth schema detected (%.users); leaving it untouched', '${schema.auth}';
        RETURN;
    END IF;

    EXECUTE $ddl$
        CREATE TABLE ${schema.auth}.users (
            id                 uuid         NOT NULL DEFAULT gen_random_uuid(),
            aud                varchar(255),
            role               varchar(255),
            email              varchar(255),
            encrypted_password varchar(255),
            email_confirmed_at timestamptz,
            last_sign_in_at    timestamptz,
            raw_app_meta_data  jsonb,
            raw_user_meta_data jsonb,
            phone              text,
            created_at         timestamptz  DEFAULT now(),
            updated_at         timestamptz  DEFAULT now(),
            CONSTRAINT users_pkey PRIMARY KEY (id)
        )
    $ddl$;
    EXECUTE $ddl$ COMMENT ON TABLE ${schema.auth}.users IS 'Supabase-compatible user accounts (subset of Supabase auth.users columns).' $ddl$;

    EXECUTE $ddl$
        CREATE FUNCTION ${schema.auth}.uid()
            RETURNS uuid
            LANGUAGE sql
            STABLE
            SET search_path = pg_catalog, pg_temp
        AS $fn$
            SELECT coalesce(
                nullif(current_setting('request.jwt.claim.sub', true), ''),
                (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
            )::uuid
        $fn$
    $ddl$;
    EXECUTE $ddl$ COMMENT ON FUNCTION ${schema.auth}.uid() IS 'The requesting user''s id: setting request.jwt.claim.sub (or request.jwt.claims ->> sub).' $ddl$;

    EXECUTE $ddl$
        CREATE FUNCTION ${schema.auth}.role()
            RETURNS text
            LANGUAGE sql
            STABLE
            SET search_path = pg_catalog, pg_temp
        AS $fn$
            SELECT coalesce(
                nullif(current_setting('request.jwt.claim.role', true), ''),
                (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
            )::text
        $fn$
    $ddl$;
    EXECUTE $ddl$ COMMENT ON FUNCTION ${schema.auth}.role() IS 'The requesting role: setting request.jwt.claim.role (or request.jwt.claims ->> role).' $ddl$;

    EXECUTE $ddl$ GRANT USAGE ON SCHEMA ${schema.auth} TO anon, authenticated, service_role $ddl$;
    EXECUTE $ddl$ REVOKE ALL ON FUNCTION ${schema.auth}.uid(), ${schema.auth}.role() FROM PUBLIC $ddl$;
    EXECUTE $ddl$ GRANT EXECUTE ON FUNCTION ${schema.auth}.uid(), ${schema.auth}.role() TO anon, authenticated, service_role $ddl$;
    EXECUTE $ddl$ GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema.auth}.users TO service_role $ddl$;
END
$do$;

-- Domain modules call platform functions from defaults, triggers and policies.
GRANT USAGE ON SCHEMA ${schema.platform} TO anon, authenticated, service_role;
