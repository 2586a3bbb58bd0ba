-- Reverts V1. Extensions are dropped only when they live in the platform schema (this module created
-- them there); an extension found elsewhere was someone else's and stays.
DROP TABLE ${schema.platform}.extension_schemas;
DO $$
DECLARE
    ext text;
BEGIN
    FOREACH ext IN ARRAY ARRAY['uuid-ossp', 'pgcrypto'] LOOP
        IF EXISTS (SELECT 1 FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
                   WHERE e.extname = ext AND n.nspname = '${schema.platform}') THEN
            EXECUTE format('DROP EXTENSION %I', ext);
        END IF;
    END LOOP;
END
$$;
