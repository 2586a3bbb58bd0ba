-- V5 is in effect: sessions is the partitioned table with sessions_pkey (id, status); messages reference
-- it by (session_id, session_status) ON DELETE CASCADE ON UPDATE CASCADE and no longer by id alone; the
-- copying triggers are gone; the old table is the backup, out of the API's reach. Catalog checks go
-- through the engine's shared helpers (pg_temp.verify_*) where they fit.
DO $$
BEGIN
    IF (SELECT relkind FROM pg_class WHERE oid = '${schema}.sessions'::regclass) <> 'p' THEN
        RAISE EXCEPTION 'messaging V5: sessions must be the partitioned table';
    END IF;
    PERFORM pg_temp.verify_expect('messaging V5', 'keys missing or different', ARRAY(
        SELECT e.tbl || '.' || e.con
          FROM (VALUES ('sessions', 'sessions_pkey', 'p', 'PRIMARY KEY (id, status)'),
                       ('messages', 'messages_session_id_session_status_fkey', 'f',
                        'FOREIGN KEY (session_id, session_status) REFERENCES sessions(id, status) ON UPDATE CASCADE ON DELETE CASCADE')
               ) AS e(tbl, con, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, regexp_replace(def, ' NOT VALID$', '')
                                                      FROM pg_temp.verify_constraints('${schema}'))));
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
