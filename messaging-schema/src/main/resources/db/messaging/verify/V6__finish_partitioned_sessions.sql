-- V6 (the end of the online partitioning, V3-V7) is in effect: sessions is list-partitioned by status
-- into three partitions, every row sits in its status's partition (the document's "partition
-- distribution" check), keys and FKs are composite with ON UPDATE CASCADE and validated (a NOT VALID
-- constraint prints as such and does not match), messages.session_status is NOT NULL, partitions have
-- RLS, statistics can be refreshed concurrently, search works.
-- Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
DECLARE
    misplaced bigint;
    n int;
BEGIN
    PERFORM pg_temp.verify_expect('messaging V6', 'sessions must be partitioned by LIST (status)', ARRAY(
        SELECT 'sessions' WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_relations('${schema}') WHERE rel = 'sessions' AND kind = 'p')
                             OR pg_get_partkeydef('${schema}.sessions'::regclass) <> 'LIST (status)'));
    SELECT count(*) INTO n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = '${schema}.sessions'::regclass
       AND (c.relname, pg_get_expr(c.relpartbound, c.oid)) IN (('sessions_active', 'FOR VALUES IN (''active'')'),
                                                               ('sessions_archived', 'FOR VALUES IN (''archived'')'),
                                                               ('sessions_deleted', 'FOR VALUES IN (''deleted'')'));
    IF n <> 3 OR (SELECT count(*) FROM pg_inherits WHERE inhparent = '${schema}.sessions'::regclass) <> 3 THEN
        RAISE EXCEPTION 'messaging V6: partitions sessions_active, sessions_archived, sessions_deleted are required';
    END IF;
    SELECT count(*) INTO misplaced FROM ${schema}.sessions s
     WHERE s.tableoid <> ('${schema}.sessions_' || s.status::text)::regclass;
    IF misplaced > 0 THEN
        RAISE EXCEPTION 'messaging V6: % sessions sit outside their status''s partition', misplaced;
    END IF;
    PERFORM pg_temp.verify_expect('messaging V6', 'keys missing or different', ARRAY(
        SELECT e.tbl || '.' || e.con
          FROM (VALUES ('sessions', 'sessions_pkey', 'p', 'PRIMARY KEY (id, status)'),
                       ('messages', 'messages_session_id_session_status_fkey', 'f',
                        'FOREIGN KEY (session_id, session_status) REFERENCES sessions(id, status) ON UPDATE CASCADE ON DELETE CASCADE')
               ) AS e(tbl, con, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));
    PERFORM pg_temp.verify_expect('messaging V6', 'messages.session_status must be NOT NULL (and the helper CHECK gone)', ARRAY(
        SELECT 'messages.session_status' WHERE NOT (SELECT attnotnull FROM pg_attribute
                                                    WHERE attrelid = '${schema}.messages'::regclass AND attname = 'session_status')
        UNION ALL
        SELECT con FROM pg_temp.verify_constraints('${schema}') WHERE tbl = 'messages' AND con = 'chk_messages_session_status_not_null'));
    PERFORM pg_temp.verify_expect('messaging V6', 'row-level security must be enabled on sessions and every partition', ARRAY(
        SELECT t FROM unnest(ARRAY['sessions', 'sessions_active', 'sessions_archived', 'sessions_deleted']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE rls)));
    PERFORM pg_temp.verify_expect('messaging V6', 'partition or statistics indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['sessions_active_user_id_idx', 'sessions_active_last_accessed_idx', 'sessions_archived_user_id_idx',
                                   'sessions_archived_last_accessed_idx', 'sessions_deleted_user_id_last_accessed_idx',
                                   'session_stats_user_status_idx']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('messaging V6', 'views missing or different', ARRAY(
        SELECT 'materialized view session_stats'
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_relations('${schema}') WHERE rel = 'session_stats' AND kind = 'm')
        UNION ALL
        SELECT 'security_invoker view active_sessions'
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_relations('${schema}')
                            WHERE rel = 'active_sessions' AND kind = 'v' AND 'security_invoker=true' = ANY (options))));
    PERFORM pg_temp.verify_expect('messaging V6', 'functions missing', ARRAY(
        SELECT e.fn || '(' || e.args || ')' FROM (VALUES ('search_messages', 'text, uuid, uuid'), ('archive_old_sessions', 'integer')) AS e(fn, args)
         WHERE (e.fn, e.args) NOT IN (SELECT fn, args FROM pg_temp.verify_functions('${schema}'))));
    IF has_table_privilege('authenticated', '${schema}.session_stats', 'SELECT')
       OR has_table_privilege('anon', '${schema}.session_stats', 'SELECT') THEN
        RAISE EXCEPTION 'messaging V6: session_stats must not be readable by anon or authenticated';
    END IF;
    -- free text with punctuation parses (never a tsquery syntax error)
    PERFORM * FROM ${schema}.search_messages('test query & (', NULL, NULL);
END
$$;

-- the statistics can be refreshed concurrently (rolled back with the verify transaction)
REFRESH MATERIALIZED VIEW CONCURRENTLY ${schema}.session_stats;
