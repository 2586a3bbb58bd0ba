DO $$
BEGIN
    IF (SELECT count(*) FROM pg_extension WHERE extname IN ('pgcrypto', 'uuid-ossp')) <> 2 THEN
        RAISE EXCEPTION 'platform V1: pgcrypto and uuid-ossp must be installed';
    END IF;
    IF (SELECT count(*) FROM ${schema.platform}.extension_schemas) <> 2 THEN
        RAISE EXCEPTION 'platform V1: extension_schemas must record pgcrypto and uuid-ossp';
    END IF;
END
$$;
