-- V3 is in effect: a table list-partitioned by status into sessions_active, sessions_archived and
-- sessions_deleted with PRIMARY KEY (id, status) and RLS on the parent and every partition (named
-- sessions_partitioned until the swap of V5, sessions afterwards), the partition indexes, and
-- messages.session_status filled in by messages_session_status_trigger.
DO $$
DECLARE
    parent regclass := coalesce(to_regclass('${schema}.sessions_partitioned'), '${schema}.sessions'::regclass);
    n int;
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = parent) <> 'p' OR pg_get_partkeydef(parent) <> 'LIST (status)' THEN
        RAISE EXCEPTION 'messaging V3: % must be partitioned by LIST (status)', parent;
    END IF;
    SELECT count(*) INTO n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = parent
       AND (c.relname, pg_get_expr(c.relpartbound, c.oid)) IN (('sessions_active', 'FOR VALUES IN (''active'')'),
                                                               ('sessions_archived', 'FOR VALUES IN (''archived'')'),
                                                               ('sessions_deleted', 'FOR VALUES IN (''deleted'')'));
    IF n <> 3 OR (SELECT count(*) FROM pg_inherits WHERE inhparent = parent) <> 3 THEN
        RAISE EXCEPTION 'messaging V3: partitions sessions_active, sessions_archived, sessions_deleted are required';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = parent AND contype = 'p'
                   AND pg_get_constraintdef(oid) = 'PRIMARY KEY (id, status)') THEN
        RAISE EXCEPTION 'messaging V3: % needs PRIMARY KEY (id, status)', parent;
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid IN (parent, '${schema}.sessions_active'::regclass,
               '${schema}.sessions_archived'::regclass, '${schema}.sessions_deleted'::regclass) AND NOT relrowsecurity) THEN
        RAISE EXCEPTION 'messaging V3: row-level security must be enabled on % and every partition', parent;
    END IF;
    IF (SELECT count(*) FROM pg_class WHERE relnamespace = '${schema}'::regnamespace AND relkind IN ('i', 'I') AND relname IN (
            'sessions_active_user_id_idx', 'sessions_active_last_accessed_idx', 'sessions_archived_user_id_idx',
            'sessions_archived_last_accessed_idx', 'sessions_deleted_user_id_last_accessed_idx', 'sessions_user_id_last_accessed_idx')) <> 6 THEN
        RAISE EXCEPTION 'messaging V3: a partition index is missing';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '${schema}.messages'::regclass AND attname = 'session_status'
                   AND atttypid = '${schema}.session_status'::regtype AND NOT attisdropped) THEN
        RAISE EXCEPTION 'messaging V3: messages.session_status (session_status) is missing';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${schema}.messages'::regclass AND tgname = 'messages_session_status_trigger') THEN
        RAISE EXCEPTION 'messaging V3: messages_session_status_trigger is missing';
    END IF;
END
$$;
