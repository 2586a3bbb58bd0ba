-- V3 online, step 3 of 5: the swap (see V3 for the whole plan). Reads no table under its lock: the
-- counts are checked first, from one snapshot, without blocking anyone; then sessions, messages and
-- message_feedback are locked with a 200 ms lock_timeout, retried with backoff (a long transaction
-- holding one of them makes this wait in short slices instead of queueing every request behind it);
-- then only catalog changes follow, which take milliseconds.

SET LOCAL lock_timeout = '200ms'; -- each attempt below waits at most this long for its locks

-- 1. The counts (as V4 checks them); the triggers keep both sides equal in every snapshot.
DO $verify$
DECLARE
    old_total bigint;
    new_total bigint;
    messages_total bigint;
    backup_total bigint;
BEGIN
    SELECT (SELECT count(*) FROM ${schema}.sessions),
           (SELECT count(*) FROM ${schema}.sessions_partitioned),
           (SELECT count(*) FROM ${schema}.messages),
           (SELECT count(*) FROM ${schema.messaging_backup}.messages_before_v3)
      INTO old_total, new_total, messages_total, backup_total;
    IF old_total <> new_total THEN
        RAISE EXCEPTION 'Data migration verification failed: % sessions before, % after (run V4 first)', old_total, new_total;
    END IF;
    IF messages_total <> backup_total THEN
        RAISE EXCEPTION 'Data migration verification failed: % messages, % in messages_before_v3', messages_total, backup_total;
    END IF;
END
$verify$;

-- 2. The locks, with retries: each attempt is a subtransaction, so a timed-out attempt releases what it
--    got and leaves the queue before the next one.
DO $lock$
DECLARE
    attempt int := 0;
BEGIN
    LOOP
        attempt := attempt + 1;
        BEGIN
            LOCK TABLE ${schema}.sessions, ${schema}.messages, ${schema}.message_feedback IN ACCESS EXCLUSIVE MODE;
            EXIT;
        EXCEPTION WHEN lock_not_available THEN
            IF attempt >= 30 THEN
                RAISE EXCEPTION 'messaging V5: sessions, messages and message_feedback could not be locked in % attempts of 200 ms (a long transaction holds them); nothing was changed: run migrate again', attempt
                    USING ERRCODE = 'lock_not_available';
            END IF;
            PERFORM pg_catalog.pg_sleep(least(2.0, 0.05 * attempt));
        END;
    END LOOP;
END
$lock$;

-- 3. Stop the copying triggers; detach what depends on the old table (the policies of messages and
--    message_feedback name sessions and are bound to the old table).
DROP TRIGGER sessions_sync_partitioned_trigger ON ${schema}.sessions;
DROP FUNCTION ${schema}.sync_sessions_partitioned();
DROP TRIGGER messages_sync_backup_trigger ON ${schema}.messages;
DROP FUNCTION ${schema}.sync_messages_before_v3();
DROP POLICY "Users can view feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can insert feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can view messages in their sessions" ON ${schema}.messages;
DROP POLICY "Users can insert messages in their sessions" ON ${schema}.messages;
ALTER TABLE ${schema}.messages DROP CONSTRAINT messages_session_id_fkey;

-- 4. Old sessions -> messaging_backup.sessions_before_v3 (the rollback copy, exactly as the table was at
--    the swap), stripped to a plain copy out of the API's reach: key kept, no policies, indexes or grants.
ALTER TABLE ${schema}.sessions SET SCHEMA ${schema.messaging_backup};
-- lint:ignore SM012 the old table becomes the backup under the lock taken above; the partitioned table takes its name in the same transaction, so no client ever misses sessions
ALTER TABLE ${schema.messaging_backup}.sessions RENAME TO sessions_before_v3;
ALTER TABLE ${schema.messaging_backup}.sessions_before_v3
    RENAME CONSTRAINT sessions_pkey TO sessions_before_v3_pkey;
ALTER TABLE ${schema.messaging_backup}.sessions_before_v3
    DROP CONSTRAINT sessions_user_id_fkey;
DROP POLICY "Users can view their own sessions" ON ${schema.messaging_backup}.sessions_before_v3;
DROP POLICY "Users can insert their own sessions" ON ${schema.messaging_backup}.sessions_before_v3;
DROP POLICY "Users can update their own sessions" ON ${schema.messaging_backup}.sessions_before_v3;
ALTER TABLE ${schema.messaging_backup}.sessions_before_v3 DISABLE ROW LEVEL SECURITY;
-- lint:ignore SM002 indexes of the old table, now the backup, under the ACCESS EXCLUSIVE lock this transaction holds; nobody uses them
DROP INDEX ${schema.messaging_backup}.sessions_user_id_idx, ${schema.messaging_backup}.sessions_last_accessed_idx,
           ${schema.messaging_backup}.sessions_user_status_idx;
REVOKE ALL ON ${schema.messaging_backup}.sessions_before_v3 FROM anon, authenticated, service_role;
COMMENT ON TABLE ${schema.messaging_backup}.sessions_before_v3 IS
    'Snapshot of messaging sessions taken by V3 before partitioning (rollback copy; drop it once the upgrade is accepted).';

-- 5. The partitioned table takes the name.
-- lint:ignore SM012 the swap: sessions_partitioned (created by V3, used by nobody) takes the name of the table it replaces
ALTER TABLE ${schema}.sessions_partitioned RENAME TO sessions;
ALTER TABLE ${schema}.sessions RENAME CONSTRAINT sessions_partitioned_pkey TO sessions_pkey;

-- 6. Messages bound to (session id, status): the FK and the NOT NULL check are added NOT VALID (no scan
--    under this lock) and validated by V6 without blocking writers.
ALTER TABLE ${schema}.messages
    ADD CONSTRAINT messages_session_id_session_status_fkey FOREIGN KEY (session_id, session_status)
        REFERENCES ${schema}.sessions (id, status) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID,
    ADD CONSTRAINT chk_messages_session_status_not_null CHECK (session_status IS NOT NULL) NOT VALID;

CREATE POLICY "Users can view messages in their sessions" ON ${schema}.messages
    FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM ${schema}.sessions s
                   WHERE s.id = messages.session_id AND s.status = messages.session_status
                     AND s.user_id = (SELECT ${schema.auth}.uid())));
CREATE POLICY "Users can insert messages in their sessions" ON ${schema}.messages
    FOR INSERT TO authenticated
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid())
                AND EXISTS (SELECT 1 FROM ${schema}.sessions s
                            WHERE s.id = messages.session_id AND s.status = messages.session_status
                              AND s.user_id = (SELECT ${schema.auth}.uid())));
CREATE POLICY "Users can view feedback for their messages" ON ${schema}.message_feedback
    FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM ${schema}.messages m
                   JOIN ${schema}.sessions s ON s.id = m.session_id AND s.status = m.session_status
                   WHERE m.id = message_feedback.message_id AND s.user_id = (SELECT ${schema.auth}.uid())));
CREATE POLICY "Users can insert feedback for their messages" ON ${schema}.message_feedback
    FOR INSERT TO authenticated
    WITH CHECK (EXISTS (SELECT 1 FROM ${schema}.messages m
                        JOIN ${schema}.sessions s ON s.id = m.session_id AND s.status = m.session_status
                        WHERE m.id = message_feedback.message_id AND s.user_id = (SELECT ${schema.auth}.uid())));
