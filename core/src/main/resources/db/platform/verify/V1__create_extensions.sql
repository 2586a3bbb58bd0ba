-- Verifies V1: pgcrypto and uuid-ossp are installed (in whatever schema they were found) and
-- extension_schemas records both. Goes through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('platform V1', 'extensions must be installed', ARRAY(
        SELECT x FROM unnest(ARRAY['pgcrypto', 'uuid-ossp']) AS x WHERE x NOT IN (SELECT extname FROM pg_extension)));
    PERFORM pg_temp.verify_expect('platform V1', 'table missing', ARRAY(
        SELECT 'extension_schemas' WHERE 'extension_schemas' NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema.platform}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('platform V1', 'extension_schemas must record pgcrypto and uuid-ossp', ARRAY(
        SELECT count(*) || ' rows' FROM ${schema.platform}.extension_schemas HAVING count(*) <> 2));
END
$$;
