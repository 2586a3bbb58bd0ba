DO $$ BEGIN IF to_regtype('owner_kind') IS NULL THEN RAISE EXCEPTION 'owner_kind missing'; END IF; END $$;
