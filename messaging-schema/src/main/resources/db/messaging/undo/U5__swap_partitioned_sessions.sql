-- Reverts V5: the plain sessions table is live again, with every current row (written since the swap
-- too: the rows come from the partitioned table, not from the backup), the partitioned table is back
-- beside it as sessions_partitioned, and the V3 triggers keep the two in step again.
-- Aborts (and rolls back) if one id exists under two statuses, which a key on id alone cannot hold.

LOCK TABLE ${schema}.sessions, ${schema}.messages, ${schema}.message_feedback IN ACCESS EXCLUSIVE MODE;

DROP POLICY "Users can view feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can insert feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can view messages in their sessions" ON ${schema}.messages;
DROP POLICY "Users can insert messages in their sessions" ON ${schema}.messages;
ALTER TABLE ${schema}.messages
    DROP CONSTRAINT messages_session_id_session_status_fkey,
    DROP CONSTRAINT chk_messages_session_status_not_null;

ALTER TABLE ${schema}.sessions RENAME CONSTRAINT sessions_pkey TO sessions_partitioned_pkey;
ALTER TABLE ${schema}.sessions RENAME TO sessions_partitioned;

-- the backup becomes the live table again, refilled from the partitioned one (recreated with the V2
-- shape if it was dropped by hand after the upgrade was accepted)
DO $recreate$
BEGIN
    IF to_regclass('${schema.messaging_backup}.sessions_before_v3') IS NULL THEN
        CREATE TABLE ${schema.messaging_backup}.sessions_before_v3 (
            id               uuid                      NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
            user_id          uuid                      NOT NULL,
            title            text                      NOT NULL DEFAULT 'New Chat Session',
            last_message_at  timestamptz               DEFAULT now(),
            last_accessed_at timestamptz               DEFAULT now(),
            status           ${schema}.session_status   NOT NULL DEFAULT 'active',
            language         ${schema}.session_language NOT NULL DEFAULT 'en',
            level            ${schema}.session_level    NOT NULL DEFAULT 'beginner',
            created_at       timestamptz               DEFAULT now(),
            CONSTRAINT sessions_before_v3_pkey PRIMARY KEY (id)
        );
    END IF;
    IF to_regclass('${schema.messaging_backup}.messages_before_v3') IS NULL THEN
        CREATE TABLE ${schema.messaging_backup}.messages_before_v3
            (LIKE ${schema}.messages INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMMENTS,
             CONSTRAINT messages_before_v3_pkey PRIMARY KEY (id));
        ALTER TABLE ${schema.messaging_backup}.messages_before_v3 DROP COLUMN session_status;
        COMMENT ON TABLE ${schema.messaging_backup}.messages_before_v3 IS
            'Snapshot of messaging messages taken by V3 before partitioning (rollback copy; drop it once the upgrade is accepted).';
    END IF;
END
$recreate$;
ALTER TABLE ${schema.messaging_backup}.sessions_before_v3 RENAME TO sessions;
ALTER TABLE ${schema.messaging_backup}.sessions RENAME CONSTRAINT sessions_before_v3_pkey TO sessions_pkey;
ALTER TABLE ${schema.messaging_backup}.sessions SET SCHEMA ${schema};
DELETE FROM ${schema}.sessions;
INSERT INTO ${schema}.sessions
       (id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at)
SELECT id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at
  FROM ${schema}.sessions_partitioned;
ALTER TABLE ${schema}.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES ${schema.auth}.users (id) ON DELETE CASCADE;
CREATE INDEX sessions_user_id_idx ON ${schema}.sessions (user_id);
CREATE INDEX sessions_last_accessed_idx ON ${schema}.sessions (last_accessed_at DESC);
CREATE INDEX sessions_user_status_idx ON ${schema}.sessions (user_id, status);
COMMENT ON TABLE ${schema}.sessions IS 'Chat sessions of a user (one language and level each); status active, archived or deleted (soft delete).';
ALTER TABLE ${schema}.sessions ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own sessions" ON ${schema}.sessions
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY "Users can insert their own sessions" ON ${schema}.sessions
    FOR INSERT TO authenticated
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY "Users can update their own sessions" ON ${schema}.sessions
    FOR UPDATE TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()))
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid()));
GRANT SELECT ON ${schema}.sessions TO anon;
GRANT SELECT, INSERT, UPDATE ON ${schema}.sessions TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.sessions TO service_role;

ALTER TABLE ${schema}.messages
    ADD CONSTRAINT messages_session_id_fkey FOREIGN KEY (session_id) REFERENCES ${schema}.sessions (id) ON DELETE CASCADE;
CREATE POLICY "Users can view messages in their sessions" ON ${schema}.messages
    FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM ${schema}.sessions s
                   WHERE s.id = messages.session_id AND s.user_id = (SELECT ${schema.auth}.uid())));
CREATE POLICY "Users can insert messages in their sessions" ON ${schema}.messages
    FOR INSERT TO authenticated
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid())
                AND EXISTS (SELECT 1 FROM ${schema}.sessions s
                            WHERE s.id = messages.session_id AND s.user_id = (SELECT ${schema.auth}.uid())));
CREATE POLICY "Users can view feedback for their messages" ON ${schema}.message_feedback
    FOR SELECT TO authenticated
    USING (EXISTS (SELECT 1 FROM ${schema}.messages m JOIN ${schema}.sessions s ON s.id = m.session_id
                   WHERE m.id = message_feedback.message_id AND s.user_id = (SELECT ${schema.auth}.uid())));
CREATE POLICY "Users can insert feedback for their messages" ON ${schema}.message_feedback
    FOR INSERT TO authenticated
    WITH CHECK (EXISTS (SELECT 1 FROM ${schema}.messages m JOIN ${schema}.sessions s ON s.id = m.session_id
                        WHERE m.id = message_feedback.message_id AND s.user_id = (SELECT ${schema.auth}.uid())));

-- the messages backup is brought up to date, then both triggers of V3 run again
DELETE FROM ${schema.messaging_backup}.messages_before_v3;
INSERT INTO ${schema.messaging_backup}.messages_before_v3
       (id, session_id, user_id, content, type, translation, sequence_number, created_at)
SELECT id, session_id, user_id, content, type, translation, sequence_number, created_at
  FROM ${schema}.messages;

CREATE FUNCTION ${schema}.sync_sessions_partitioned()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status) THEN
        DELETE FROM ${schema}.sessions_partitioned WHERE id = OLD.id AND status = OLD.status;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ${schema}.sessions_partitioned
               (id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at)
        VALUES (NEW.id, NEW.user_id, NEW.title, NEW.last_message_at, NEW.last_accessed_at, NEW.status, NEW.language, NEW.level, NEW.created_at)
        ON CONFLICT (id, status) DO UPDATE
           SET user_id = EXCLUDED.user_id, title = EXCLUDED.title, last_message_at = EXCLUDED.last_message_at,
               last_accessed_at = EXCLUDED.last_accessed_at, language = EXCLUDED.language, level = EXCLUDED.level,
               created_at = EXCLUDED.created_at;
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.status IS DISTINCT FROM OLD.status THEN
        UPDATE ${schema}.messages SET session_status = NEW.status
         WHERE session_id = NEW.id AND session_status IS DISTINCT FROM NEW.status;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION ${schema}.sync_sessions_partitioned() IS
    'Online partitioning (V3-V5): keeps sessions_partitioned equal to sessions until the swap; dropped by V5.';
REVOKE ALL ON FUNCTION ${schema}.sync_sessions_partitioned() FROM PUBLIC;
CREATE TRIGGER sessions_sync_partitioned_trigger
    AFTER INSERT OR UPDATE OR DELETE ON ${schema}.sessions
    FOR EACH ROW EXECUTE FUNCTION ${schema}.sync_sessions_partitioned();

CREATE FUNCTION ${schema}.sync_messages_before_v3()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id) THEN
        DELETE FROM ${schema.messaging_backup}.messages_before_v3 WHERE id = OLD.id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO ${schema.messaging_backup}.messages_before_v3
               (id, session_id, user_id, content, type, translation, sequence_number, created_at)
        VALUES (NEW.id, NEW.session_id, NEW.user_id, NEW.content, NEW.type, NEW.translation, NEW.sequence_number, NEW.created_at)
        ON CONFLICT (id) DO UPDATE
           SET session_id = EXCLUDED.session_id, user_id = EXCLUDED.user_id, content = EXCLUDED.content, type = EXCLUDED.type,
               translation = EXCLUDED.translation, sequence_number = EXCLUDED.sequence_number, created_at = EXCLUDED.created_at;
    END IF;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION ${schema}.sync_messages_before_v3() IS
    'Online partitioning (V3-V5): keeps messaging_backup.messages_before_v3 equal to messages until the swap; dropped by V5.';
REVOKE ALL ON FUNCTION ${schema}.sync_messages_before_v3() FROM PUBLIC;
CREATE TRIGGER messages_sync_backup_trigger
    AFTER INSERT OR DELETE OR UPDATE OF id, session_id, user_id, content, type, translation, sequence_number, created_at
    ON ${schema}.messages
    FOR EACH ROW EXECUTE FUNCTION ${schema}.sync_messages_before_v3();
