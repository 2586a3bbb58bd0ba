-- V2.1 is in effect: messages_session_created_idx (and sessions_user_status_idx while sessions is the
-- unpartitioned table, before V5) exist and are valid. Catalog checks go through the engine's shared
-- helpers (pg_temp.verify_*); a failed CONCURRENTLY build leaves an INVALID index, reported too.
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('messaging V2.1', 'indexes missing or different', ARRAY(
        SELECT e.idx FROM (VALUES ('messages', 'messages_session_created_idx', 'btree (session_id, created_at)'),
                                  ('sessions', 'sessions_user_status_idx', 'btree (user_id, status)')) AS e(tbl, idx, def)
         WHERE (e.tbl, e.idx, e.def) NOT IN (SELECT tbl, idx, def FROM pg_temp.verify_indexes('${schema}'))
           AND (e.tbl = 'messages' OR EXISTS (SELECT 1 FROM pg_temp.verify_relations('${schema}') WHERE rel = 'sessions' AND kind = 'r'))));
    PERFORM pg_temp.verify_expect('messaging V2.1', 'INVALID indexes (a failed CONCURRENTLY build; migrate drops and rebuilds them)', ARRAY(
        SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relnamespace = '${schema}'::regnamespace AND NOT i.indisvalid
           AND c.relname IN ('messages_session_created_idx', 'sessions_user_status_idx')));
END
$$;
