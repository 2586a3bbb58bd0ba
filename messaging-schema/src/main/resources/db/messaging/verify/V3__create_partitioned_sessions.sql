-- V3 is in effect: a table list-partitioned by status into sessions_active, sessions_archived and
-- sessions_deleted with PRIMARY KEY (id, status) and RLS on the parent and every partition (named
-- sessions_partitioned until the swap of V5, sessions afterwards), the partition indexes, and
-- messages.session_status filled in by messages_session_status_trigger. Catalog checks go through the
-- engine's shared helpers (pg_temp.verify_*) where they fit.
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
    PERFORM pg_temp.verify_expect('messaging V3', 'partition indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['sessions_active_user_id_idx', 'sessions_active_last_accessed_idx', 'sessions_archived_user_id_idx',
                                   'sessions_archived_last_accessed_idx', 'sessions_deleted_user_id_last_accessed_idx',
                                   'sessions_user_id_last_accessed_idx']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('messaging V3', 'messages.session_status missing', ARRAY(
        SELECT 'messages.session_status session_status'
         WHERE ('messages', 'session_status', 'session_status') NOT IN (SELECT tbl, col, typ FROM pg_temp.verify_columns('${schema}'))));
    PERFORM pg_temp.verify_expect('messaging V3', 'triggers missing', ARRAY(
        SELECT 'messages_session_status_trigger'
         WHERE ('messages', 'messages_session_status_trigger') NOT IN (SELECT tbl, trg FROM pg_temp.verify_triggers('${schema}'))));
END
$$;
