-- Extensions the domain modules use. Created in the platform schema when missing; an extension that
-- already exists (in any schema) is left where it is, and its schema is recorded so that platform
-- functions can pin a search_path that reaches it.
DO $$
DECLARE
    ext text;
BEGIN
    FOREACH ext IN ARRAY ARRAY['pgcrypto', 'uuid-ossp'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = ext) THEN
            EXECUTE format('CREATE EXTENSION %I WITH SCHEMA %I', ext, '${schema.platform}');
        END IF;
    END LOOP;
END
$$;

-- Where each extension lives, for functions that need to pin a search_path reaching it.
CREATE TABLE ${schema.platform}.extension_schemas (
    extension_name text NOT NULL,
    schema_name    text NOT NULL,
    CONSTRAINT pk_extension_schemas PRIMARY KEY (extension_name)
);
COMMENT ON TABLE ${schema.platform}.extension_schemas IS 'Schema of each extension the platform relies on (set at install time).';

INSERT INTO ${schema.platform}.extension_schemas (extension_name, schema_name)
SELECT e.extname, n.nspname
FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
WHERE e.extname IN ('pgcrypto', 'uuid-ossp');
