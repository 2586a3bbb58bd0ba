-- Verifies V4: user_preferences, its CHECKs, indexes, trigger and policies.
DO $$
BEGIN
    IF to_regclass('${schema}.user_preferences') IS NULL THEN
        RAISE EXCEPTION 'chatbot-crm V4: table user_preferences is missing';
    END IF;
    IF (SELECT count(*) FROM pg_constraint WHERE conrelid = '${schema}.user_preferences'::regclass AND contype = 'c') <> 3 THEN
        RAISE EXCEPTION 'chatbot-crm V4: user_preferences must have 3 CHECK constraints';
    END IF;
    IF (SELECT count(*) FROM pg_indexes WHERE schemaname = '${schema}' AND indexname IN
            ('idx_user_preferences_user_id', 'idx_user_preferences_theme', 'idx_user_preferences_language')) <> 3 THEN
        RAISE EXCEPTION 'chatbot-crm V4: an index of user_preferences is missing';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${schema}.user_preferences'::regclass
                   AND tgname = 'update_user_preferences_updated_at') THEN
        RAISE EXCEPTION 'chatbot-crm V4: trigger update_user_preferences_updated_at is missing';
    END IF;
    IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = '${schema}.user_preferences'::regclass)
       OR (SELECT count(*) FROM pg_policy WHERE polrelid = '${schema}.user_preferences'::regclass) < 4 THEN
        RAISE EXCEPTION 'chatbot-crm V4: RLS or policies of user_preferences are missing';
    END IF;
END
$$;
