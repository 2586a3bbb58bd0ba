DO $$ BEGIN IF to_regclass('owners') IS NULL THEN RAISE EXCEPTION 'owners missing'; END IF; END $$;
