DO $$ BEGIN IF to_regclass('notes') IS NULL THEN RAISE EXCEPTION 'notes missing'; END IF; END $$;
