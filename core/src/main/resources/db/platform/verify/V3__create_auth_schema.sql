DO $$
BEGIN
    IF (SELECT count(*) FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role')) <> 3 THEN
        RAISE EXCEPTION 'platform V3: roles anon, authenticated and service_role must exist';
    END IF;
    IF NOT (SELECT rolbypassrls FROM pg_roles WHERE rolname = 'service_role') THEN
        RAISE EXCEPTION 'platform V3: service_role must have BYPASSRLS';
    END IF;
    IF to_regclass('${schema.auth}.users') IS NULL THEN
        RAISE EXCEPTION 'platform V3: ${schema.auth}.users is missing';
    END IF;
    PERFORM set_config('request.jwt.claim.sub', '00000000-0000-0000-0000-00000000000a', true);
    IF ${schema.auth}.uid() IS DISTINCT FROM '00000000-0000-0000-0000-00000000000a'::uuid THEN
        RAISE EXCEPTION 'platform V3: auth.uid() does not read request.jwt.claim.sub';
    END IF;
END
$$;
