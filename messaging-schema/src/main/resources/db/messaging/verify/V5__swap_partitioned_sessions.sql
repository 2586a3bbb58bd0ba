-- V5 is in effect: sessions is the partitioned table with sessions_pkey (id, status); messages reference
-- it by (session_id, session_status) ON DELETE CASCADE ON UPDATE CASCADE and no longer by id alone; the
-- copying triggers are gone; the old table is the backup, out of the API's reach.
DO $$
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = '${schema}.sessions'::regclass) <> 'p' THEN
        RAISE EXCEPTION 'messaging V5: sessions must be the partitioned table';
    END IF;
    IF (SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '${schema}.sessions'::regclass AND conname = 'sessions_pkey')
       IS DISTINCT FROM 'PRIMARY KEY (id, status)' THEN
        RAISE EXCEPTION 'messaging V5: sessions_pkey must be PRIMARY KEY (id, status)';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${schema}.messages'::regclass
                   AND conname = 'messages_session_id_session_status_fkey' AND confrelid = '${schema}.sessions'::regclass
                   AND confdeltype = 'c' AND confupdtype = 'c') THEN
        RAISE EXCEPTION 'messaging V5: messages (session_id, session_status) must reference sessions ON DELETE CASCADE ON UPDATE CASCADE';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${schema}.messages'::regclass AND conname = 'messages_session_id_fkey') THEN
        RAISE EXCEPTION 'messaging V5: the FK on session_id alone must be gone';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_trigger WHERE tgname IN ('sessions_sync_partitioned_trigger', 'messages_sync_backup_trigger')
               AND tgrelid IN ('${schema}.sessions'::regclass, '${schema}.messages'::regclass)) THEN
        RAISE EXCEPTION 'messaging V5: the copying triggers of V3 must be gone';
    END IF;
    IF to_regclass('${schema.messaging_backup}.sessions_before_v3') IS NOT NULL
       AND (has_table_privilege('authenticated', '${schema.messaging_backup}.sessions_before_v3', 'SELECT')
            OR has_table_privilege('anon', '${schema.messaging_backup}.sessions_before_v3', 'SELECT')) THEN
        RAISE EXCEPTION 'messaging V5: the sessions backup must not be readable by the API roles';
    END IF;
END
$$;
