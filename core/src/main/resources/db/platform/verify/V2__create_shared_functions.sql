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
    IF to_regprocedure('${schema.platform}.set_updated_at()') IS NULL THEN
        RAISE EXCEPTION 'platform V2: set_updated_at() is missing';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
               WHERE n.nspname = '${schema.platform}'
                 AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
                 AND NOT coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=%', false)) THEN
        RAISE EXCEPTION 'platform V2: every platform function must pin search_path';
    END IF;
END
$$;
