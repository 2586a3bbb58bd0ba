-- Reverts V3. Drops auth objects only if this module created them (auth_provider.managed_here).
-- Roles are cluster-wide and may serve other databases: they are kept (drop them by hand if unused).
DO $do$
BEGIN
    IF (SELECT managed_here FROM ${schema.platform}.auth_provider) THEN
        EXECUTE $ddl$ DROP FUNCTION ${schema.auth}.role() $ddl$;
        EXECUTE $ddl$ DROP FUNCTION ${schema.auth}.uid() $ddl$;
        EXECUTE $ddl$ DROP TABLE ${schema.auth}.users $ddl$;
        EXECUTE $ddl$ REVOKE USAGE ON SCHEMA ${schema.auth} FROM anon, authenticated, service_role $ddl$;
    END IF;
END
$do$;
REVOKE USAGE ON SCHEMA ${schema.platform} FROM anon, authenticated, service_role;
DROP TABLE ${schema.platform}.auth_provider;
