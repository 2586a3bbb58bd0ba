-- V3 online, step 2 of 5: copy the existing rows (see V3 for the whole plan). Runs outside a transaction
-- (V4__copy_sessions_to_partitions.sql.conf: executeInTransaction=false), so each DO block below can
-- COMMIT after every batch: a batch is one short transaction that locks its 1,000 source rows FOR SHARE
-- (an update or delete of one of them waits for that batch only, milliseconds), never the table.
-- Re-runnable: a failed or interrupted run is simply run again (ON CONFLICT DO NOTHING, IS NULL).
-- Rows written meanwhile are copied by the V3 triggers in their writers' own transactions.

-- 1. sessions -> sessions_partitioned, in primary-key order
DO $copy_sessions$
DECLARE
    last_id uuid := '00000000-0000-0000-0000-000000000000';
    next_id uuid;
BEGIN
    LOOP
        WITH batch AS (
            SELECT id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at
              FROM ${schema}.sessions
             WHERE id > last_id
             ORDER BY id
             LIMIT 1000
               FOR SHARE
        ), copied AS (
            INSERT INTO ${schema}.sessions_partitioned
                   (id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at)
            SELECT id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at
              FROM batch
            ON CONFLICT (id, status) DO NOTHING
        )
        SELECT id INTO next_id FROM batch ORDER BY id DESC LIMIT 1;
        EXIT WHEN next_id IS NULL;
        last_id := next_id;
        COMMIT;
    END LOOP;
    COMMIT;
END
$copy_sessions$;

-- 2. messages: session_status from the session, and the backup copy, in primary-key order
DO $copy_messages$
DECLARE
    last_id uuid := '00000000-0000-0000-0000-000000000000';
    next_id uuid;
BEGIN
    LOOP
        WITH batch AS (
            SELECT id, session_id, user_id, content, type, translation, sequence_number, created_at
              FROM ${schema}.messages
             WHERE id > last_id
             ORDER BY id
             LIMIT 1000
               FOR SHARE
        ), labelled AS (
            UPDATE ${schema}.messages m
               SET session_status = s.status
              FROM batch b, ${schema}.sessions s
             WHERE m.id = b.id AND s.id = b.session_id AND m.session_status IS NULL
        ), copied AS (
            INSERT INTO ${schema.messaging_backup}.messages_before_v3
                   (id, session_id, user_id, content, type, translation, sequence_number, created_at)
            SELECT id, session_id, user_id, content, type, translation, sequence_number, created_at
              FROM batch
            ON CONFLICT (id) DO NOTHING
        )
        SELECT id INTO next_id FROM batch ORDER BY id DESC LIMIT 1;
        EXIT WHEN next_id IS NULL;
        last_id := next_id;
        COMMIT;
    END LOOP;
    COMMIT;
END
$copy_messages$;

-- 3. The counts, from one snapshot (one statement): the triggers write in the writers' transactions,
--    so in any snapshot taken after the copy the old and the new tables hold the same rows. Nothing is
--    locked; writers keep going. The swap (V5) checks again.
DO $verify$
DECLARE
    old_total bigint;
    new_total bigint;
    messages_total bigint;
    backup_total bigint;
    unlabelled bigint;
    mismatch text;
BEGIN
    SELECT (SELECT count(*) FROM ${schema}.sessions),
           (SELECT count(*) FROM ${schema}.sessions_partitioned),
           (SELECT count(*) FROM ${schema}.messages),
           (SELECT count(*) FROM ${schema.messaging_backup}.messages_before_v3),
           (SELECT count(*) FROM ${schema}.messages m
             WHERE NOT EXISTS (SELECT 1 FROM ${schema}.sessions_partitioned s WHERE s.id = m.session_id AND s.status = m.session_status)),
           (SELECT string_agg(format('%s: %s before, %s in %s', o.status, o.n, coalesce(p.n, 0), o.part), '; ')
              FROM (SELECT status, count(*) AS n, 'sessions_' || status::text AS part FROM ${schema}.sessions GROUP BY status) o
              LEFT JOIN (SELECT c.relname::text AS part, count(*) AS n
                           FROM ${schema}.sessions_partitioned sp JOIN pg_catalog.pg_class c ON c.oid = sp.tableoid
                          GROUP BY c.relname) p ON p.part = o.part
             WHERE p.n IS DISTINCT FROM o.n)
      INTO old_total, new_total, messages_total, backup_total, unlabelled, mismatch;
    IF old_total <> new_total THEN
        RAISE EXCEPTION 'Data migration verification failed: % sessions before, % after', old_total, new_total;
    END IF;
    IF mismatch IS NOT NULL THEN
        RAISE EXCEPTION 'Data migration verification failed: partition distribution differs (%)', mismatch;
    END IF;
    IF messages_total <> backup_total THEN
        RAISE EXCEPTION 'Data migration verification failed: % messages, % in messages_before_v3', messages_total, backup_total;
    END IF;
    IF unlabelled <> 0 THEN
        RAISE EXCEPTION 'Data migration verification failed: % messages without a matching (session_id, session_status)', unlabelled;
    END IF;
END
$verify$;
