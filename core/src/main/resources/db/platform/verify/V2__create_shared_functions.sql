-- Verifies V2: generate_public_id's formats, set_updated_at exists, every platform function (not an
-- extension's) pins search_path. Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
DECLARE
    id text := ${schema.platform}.generate_public_id('pat');
    bare text := ${schema.platform}.generate_public_id('');
BEGIN
    IF id !~ '^pat_[a-z][a-z0-9]{23}$' THEN
        RAISE EXCEPTION 'platform V2: generate_public_id(''pat'') returned %', id;
    END IF;
    IF bare !~ '^[a-z][a-z0-9]{23}$' THEN
        RAISE EXCEPTION 'platform V2: generate_public_id('''') returned %', bare;
    END IF;
    PERFORM pg_temp.verify_expect('platform V2', 'functions missing', ARRAY(
        SELECT e.fn || '(' || e.args || ')' FROM (VALUES ('set_updated_at', ''), ('generate_public_id', 'text')) AS e(fn, args)
         WHERE (e.fn, e.args) NOT IN (SELECT fn, args FROM pg_temp.verify_functions('${schema.platform}'))));
    PERFORM pg_temp.verify_expect('platform V2', 'every platform function must pin search_path', ARRAY(
        SELECT fn || '(' || args || ')' FROM pg_temp.verify_functions('${schema.platform}')
         WHERE NOT from_extension AND search_path IS NULL));
END
$$;
