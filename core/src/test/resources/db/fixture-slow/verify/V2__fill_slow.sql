DO $$ BEGIN IF (SELECT count(*) FROM slow) <> 10 THEN RAISE EXCEPTION 'slow has % rows', (SELECT count(*) FROM slow); END IF; END $$;
