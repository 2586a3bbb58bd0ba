-- V2 is in effect: the four enums with their labels in order, sessions and messages use them,
-- message_feedback with its 0-100 checks and updated_at trigger, the feedback JSON column is gone.
-- Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('messaging V2', 'enums missing or with other labels', ARRAY(
        SELECT format('%s must be %s', e.typ, array_to_string(e.labels, ', '))
          FROM (VALUES ('session_language', ARRAY['en', 'es', 'fr', 'de']),
                       ('session_level', ARRAY['beginner', 'intermediate', 'advanced']),
                       ('session_status', ARRAY['active', 'archived', 'deleted']),
                       ('message_type', ARRAY['text', 'audio', 'system'])) AS e(typ, labels)
         WHERE (e.typ, e.labels) NOT IN (SELECT typ, labels FROM pg_temp.verify_enums('${schema}'))));
    PERFORM pg_temp.verify_expect('messaging V2', 'columns must use the enums', ARRAY(
        SELECT format('%s.%s %s', e.tbl, e.col, e.typ)
          FROM (VALUES ('sessions', 'language', 'session_language'), ('sessions', 'level', 'session_level'),
                       ('sessions', 'status', 'session_status'), ('messages', 'type', 'message_type')) AS e(tbl, col, typ)
         WHERE (e.tbl, e.col, e.typ) NOT IN (SELECT tbl, col, typ FROM pg_temp.verify_columns('${schema}'))));
    PERFORM pg_temp.verify_expect('messaging V2', 'messages.feedback must be gone (moved to message_feedback)', ARRAY(
        SELECT tbl || '.' || col FROM pg_temp.verify_columns('${schema}') WHERE tbl = 'messages' AND col = 'feedback'));
    PERFORM pg_temp.verify_expect('messaging V2', 'message_feedback with row-level security and four score checks is missing', ARRAY(
        SELECT 'message_feedback' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_relations('${schema}') WHERE rel = 'message_feedback' AND kind = 'r' AND rls)
        UNION ALL
        SELECT count(*) || ' checks' FROM pg_temp.verify_constraints('${schema}') WHERE tbl = 'message_feedback' AND typ = 'c' HAVING count(*) <> 4));
    PERFORM pg_temp.verify_expect('messaging V2', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['message_feedback_message_id_idx', 'message_feedback_created_at_idx']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('messaging V2', 'triggers missing', ARRAY(
        SELECT 'update_message_feedback_updated_at'
         WHERE ('message_feedback', 'update_message_feedback_updated_at') NOT IN (SELECT tbl, trg FROM pg_temp.verify_triggers('${schema}'))));
    -- no feedback row outside the allowed range (the checks hold for existing rows)
    IF EXISTS (SELECT 1 FROM ${schema}.message_feedback
               WHERE pronunciation_score NOT BETWEEN 0 AND 100 OR accuracy_score NOT BETWEEN 0 AND 100
                  OR fluency_score NOT BETWEEN 0 AND 100 OR completeness_score NOT BETWEEN 0 AND 100) THEN
        RAISE EXCEPTION 'messaging V2: feedback scores outside 0-100';
    END IF;
END
$$;
