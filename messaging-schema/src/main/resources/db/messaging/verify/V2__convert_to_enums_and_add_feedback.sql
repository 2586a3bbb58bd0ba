-- V2 is in effect: the four enums with their labels in order, sessions and messages use them,
-- message_feedback with its 0-100 checks and updated_at trigger, the feedback JSON column is gone.
DO $$
BEGIN
    IF (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = to_regtype('${schema}.session_language'))
       IS DISTINCT FROM ARRAY['en', 'es', 'fr', 'de'] THEN
        RAISE EXCEPTION 'messaging V2: enum session_language must be en, es, fr, de';
    END IF;
    IF (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = to_regtype('${schema}.session_level'))
       IS DISTINCT FROM ARRAY['beginner', 'intermediate', 'advanced'] THEN
        RAISE EXCEPTION 'messaging V2: enum session_level must be beginner, intermediate, advanced';
    END IF;
    IF (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = to_regtype('${schema}.session_status'))
       IS DISTINCT FROM ARRAY['active', 'archived', 'deleted'] THEN
        RAISE EXCEPTION 'messaging V2: enum session_status must be active, archived, deleted';
    END IF;
    IF (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = to_regtype('${schema}.message_type'))
       IS DISTINCT FROM ARRAY['text', 'audio', 'system'] THEN
        RAISE EXCEPTION 'messaging V2: enum message_type must be text, audio, system';
    END IF;
    IF (SELECT atttypid FROM pg_attribute WHERE attrelid = '${schema}.sessions'::regclass AND attname = 'language') <> '${schema}.session_language'::regtype
       OR (SELECT atttypid FROM pg_attribute WHERE attrelid = '${schema}.sessions'::regclass AND attname = 'level') <> '${schema}.session_level'::regtype
       OR (SELECT atttypid FROM pg_attribute WHERE attrelid = '${schema}.sessions'::regclass AND attname = 'status') <> '${schema}.session_status'::regtype
       OR (SELECT atttypid FROM pg_attribute WHERE attrelid = '${schema}.messages'::regclass AND attname = 'type') <> '${schema}.message_type'::regtype THEN
        RAISE EXCEPTION 'messaging V2: sessions.language/level/status and messages.type must use the enums';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '${schema}.messages'::regclass AND attname = 'feedback' AND NOT attisdropped) THEN
        RAISE EXCEPTION 'messaging V2: messages.feedback must be gone (moved to message_feedback)';
    END IF;
    IF to_regclass('${schema}.message_feedback') IS NULL
       OR (SELECT count(*) FROM pg_constraint WHERE conrelid = '${schema}.message_feedback'::regclass AND contype = 'c') <> 4 THEN
        RAISE EXCEPTION 'messaging V2: message_feedback with four score checks is missing';
    END IF;
    IF to_regclass('${schema}.message_feedback_message_id_idx') IS NULL OR to_regclass('${schema}.message_feedback_created_at_idx') IS NULL
       OR to_regclass('${schema}.messages_session_created_idx') IS NULL THEN
        RAISE EXCEPTION 'messaging V2: indexes message_feedback_message_id_idx, message_feedback_created_at_idx, messages_session_created_idx are required';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${schema}.message_feedback'::regclass AND tgname = 'update_message_feedback_updated_at') THEN
        RAISE EXCEPTION 'messaging V2: trigger update_message_feedback_updated_at is missing';
    END IF;
    IF NOT (SELECT relrowsecurity FROM pg_class WHERE oid = '${schema}.message_feedback'::regclass) THEN
        RAISE EXCEPTION 'messaging V2: row-level security must be enabled on message_feedback';
    END IF;
    -- no feedback row outside the allowed range (the checks hold for existing rows)
    IF EXISTS (SELECT 1 FROM ${schema}.message_feedback
               WHERE pronunciation_score NOT BETWEEN 0 AND 100 OR accuracy_score NOT BETWEEN 0 AND 100
                  OR fluency_score NOT BETWEEN 0 AND 100 OR completeness_score NOT BETWEEN 0 AND 100) THEN
        RAISE EXCEPTION 'messaging V2: feedback scores outside 0-100';
    END IF;
END
$$;
