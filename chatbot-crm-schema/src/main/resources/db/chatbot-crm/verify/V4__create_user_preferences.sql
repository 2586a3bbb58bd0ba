-- Verifies V4: user_preferences, its CHECKs, indexes, trigger and policies. Catalog checks go through
-- the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V4', 'table missing or RLS off', ARRAY(
        SELECT 'user_preferences' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_relations('${schema}')
                                                     WHERE rel = 'user_preferences' AND kind = 'r' AND rls)));
    PERFORM pg_temp.verify_expect('chatbot-crm V4', 'user_preferences must have 3 CHECK constraints', ARRAY(
        SELECT count(*) || ' found' FROM pg_temp.verify_constraints('${schema}') WHERE tbl = 'user_preferences' AND typ = 'c'
        HAVING count(*) <> 3));
    PERFORM pg_temp.verify_expect('chatbot-crm V4', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_user_preferences_user_id', 'idx_user_preferences_theme', 'idx_user_preferences_language']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V4', 'triggers missing', ARRAY(
        SELECT 'update_user_preferences_updated_at'
         WHERE ('user_preferences', 'update_user_preferences_updated_at') NOT IN (SELECT tbl, trg FROM pg_temp.verify_triggers('${schema}'))));
    PERFORM pg_temp.verify_expect('chatbot-crm V4', 'user_preferences must have at least 4 policies', ARRAY(
        SELECT count(*) || ' found' FROM pg_temp.verify_policies('${schema}') WHERE tbl = 'user_preferences'
        HAVING count(*) < 4));
END
$$;
