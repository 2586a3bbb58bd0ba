DO $$ BEGIN IF to_regclass('pets') IS NULL THEN RAISE EXCEPTION 'pets missing'; END IF; END $$;
