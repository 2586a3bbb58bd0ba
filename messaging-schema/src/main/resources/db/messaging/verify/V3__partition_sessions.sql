-- V3 is in effect: sessions is list-partitioned by status into three partitions, every row sits in
-- its status's partition (the document's "partition distribution" check), keys and FKs are composite
-- with ON UPDATE CASCADE, partitions have RLS, statistics can be refreshed concurrently, search works.
DO $$
DECLARE
    misplaced bigint;
    n int;
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = '${schema}.sessions'::regclass) <> 'p'
       OR (SELECT pg_get_partkeydef('${schema}.sessions'::regclass)) <> 'LIST (status)' THEN
        RAISE EXCEPTION 'messaging V3: sessions must be partitioned by LIST (status)';
    END IF;
    SELECT count(*) INTO n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = '${schema}.sessions'::regclass
       AND (c.relname, pg_get_expr(c.relpartbound, c.oid)) IN (('sessions_active', 'FOR VALUES IN (''active'')'),
                                                               ('sessions_archived', 'FOR VALUES IN (''archived'')'),
                                                               ('sessions_deleted', 'FOR VALUES IN (''deleted'')'));
    IF n <> 3 OR (SELECT count(*) FROM pg_inherits WHERE inhparent = '${schema}.sessions'::regclass) <> 3 THEN
        RAISE EXCEPTION 'messaging V3: partitions sessions_active, sessions_archived, sessions_deleted are required';
    END IF;
    SELECT count(*) INTO misplaced FROM ${schema}.sessions s
     WHERE s.tableoid <> ('${schema}.sessions_' || s.status::text)::regclass;
    IF misplaced > 0 THEN
        RAISE EXCEPTION 'messaging V3: % sessions sit outside their status''s partition', misplaced;
    END IF;
    IF (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '${schema}.sessions'::regclass AND conname = 'sessions_pkey')
       IS DISTINCT FROM 'PRIMARY KEY (id, status)' THEN
        RAISE EXCEPTION 'messaging V3: sessions_pkey must be PRIMARY KEY (id, status)';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${schema}.messages'::regclass
                   AND conname = 'messages_session_id_session_status_fkey' AND confrelid = '${schema}.sessions'::regclass
                   AND confdeltype = 'c' AND confupdtype = 'c' AND convalidated) THEN
        RAISE EXCEPTION 'messaging V3: messages (session_id, session_status) must reference sessions ON DELETE CASCADE ON UPDATE CASCADE';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid IN ('${schema}.sessions'::regclass, '${schema}.sessions_active'::regclass,
               '${schema}.sessions_archived'::regclass, '${schema}.sessions_deleted'::regclass) AND NOT relrowsecurity) THEN
        RAISE EXCEPTION 'messaging V3: row-level security must be enabled on sessions and every partition';
    END IF;
    IF (SELECT count(*) FROM pg_class WHERE relnamespace = '${schema}'::regnamespace AND relkind = 'i' AND relname IN (
            'sessions_active_user_id_idx', 'sessions_active_last_accessed_idx', 'sessions_archived_user_id_idx',
            'sessions_archived_last_accessed_idx', 'sessions_deleted_user_id_last_accessed_idx', 'messages_content_search_idx',
            'session_stats_user_status_idx')) <> 7 THEN
        RAISE EXCEPTION 'messaging V3: a partition, search or statistics index is missing';
    END IF;
    IF (SELECT relkind FROM pg_class WHERE oid = to_regclass('${schema}.session_stats')) IS DISTINCT FROM 'm' THEN
        RAISE EXCEPTION 'messaging V3: materialized view session_stats is missing';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass('${schema}.active_sessions')
                   AND 'security_invoker=true' = ANY (reloptions)) THEN
        RAISE EXCEPTION 'messaging V3: active_sessions must be a security_invoker view';
    END IF;
    IF to_regprocedure('${schema}.search_messages(text, uuid, uuid)') IS NULL
       OR to_regprocedure('${schema}.archive_old_sessions(integer)') IS NULL THEN
        RAISE EXCEPTION 'messaging V3: functions search_messages and archive_old_sessions are required';
    END IF;
    IF has_table_privilege('authenticated', '${schema}.session_stats', 'SELECT')
       OR has_table_privilege('anon', '${schema}.session_stats', 'SELECT') THEN
        RAISE EXCEPTION 'messaging V3: session_stats must not be readable by anon or authenticated';
    END IF;
    -- free text with punctuation parses (never a tsquery syntax error)
    PERFORM * FROM ${schema}.search_messages('test query & (', NULL, NULL);
END
$$;

-- the statistics can be refreshed concurrently (rolled back with the verify transaction)
REFRESH MATERIALIZED VIEW CONCURRENTLY ${schema}.session_stats;
