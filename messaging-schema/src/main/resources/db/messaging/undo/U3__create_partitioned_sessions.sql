-- Reverts V3: the current sessions (all partitions) go back into one unpartitioned table with the V2
-- shape (primary key on id, V1/V2 indexes, RLS), messages lose session_status and get the simple FK
-- back. Data written since V3 is kept: the rows come from the live table, not from the backup.
-- Aborts (and rolls back) if one id exists under two statuses, which the V2 key cannot hold.

DROP FUNCTION ${schema}.search_messages(text, uuid, uuid);
DROP FUNCTION ${schema}.archive_old_sessions(integer);
DROP VIEW ${schema}.active_sessions;
DROP TRIGGER refresh_session_stats_trigger ON ${schema}.sessions;
DROP FUNCTION ${schema}.refresh_session_stats();
DROP VIEW ${schema}.my_session_stats;
DROP MATERIALIZED VIEW ${schema}.session_stats;
DROP TRIGGER messages_session_status_trigger ON ${schema}.messages;
DROP FUNCTION ${schema}.set_message_session_status();
DROP INDEX ${schema}.messages_content_search_idx;

-- The unpartitioned table, filled from every partition.
CREATE TABLE ${schema}.sessions_unpartitioned (
    id               uuid                      NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    user_id          uuid                      NOT NULL,
    title            text                      NOT NULL DEFAULT 'New Chat Session',
    last_message_at  timestamptz               DEFAULT now(),
    last_accessed_at timestamptz               DEFAULT now(),
    status           ${schema}.session_status   NOT NULL DEFAULT 'active',
    language         ${schema}.session_language NOT NULL DEFAULT 'en',
    level            ${schema}.session_level    NOT NULL DEFAULT 'beginner',
    created_at       timestamptz               DEFAULT now()
);
INSERT INTO ${schema}.sessions_unpartitioned
       (id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at)
SELECT id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at
  FROM ${schema}.sessions;

DO $verify$
DECLARE
    dup text;
BEGIN
    SELECT string_agg(id::text, ', ') INTO dup
      FROM (SELECT id FROM ${schema}.sessions_unpartitioned GROUP BY id HAVING count(*) > 1 LIMIT 10) d;
    IF dup IS NOT NULL THEN
        RAISE EXCEPTION 'messaging U3: session ids present under more than one status cannot go back to a key on id alone: %', dup;
    END IF;
    IF (SELECT count(*) FROM ${schema}.sessions_unpartitioned) <> (SELECT count(*) FROM ${schema}.sessions) THEN
        RAISE EXCEPTION 'messaging U3: session counts differ after the copy';
    END IF;
END
$verify$;

DROP POLICY "Users can view feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can insert feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can view messages in their sessions" ON ${schema}.messages;
DROP POLICY "Users can insert messages in their sessions" ON ${schema}.messages;
ALTER TABLE ${schema}.messages DROP CONSTRAINT messages_session_id_session_status_fkey;
DROP TABLE ${schema}.sessions;   -- the partitioned table with its three partitions
ALTER TABLE ${schema}.sessions_unpartitioned RENAME TO sessions;

ALTER TABLE ${schema}.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id),
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES ${schema.auth}.users (id) ON DELETE CASCADE;
CREATE INDEX sessions_user_id_idx ON ${schema}.sessions (user_id);
CREATE INDEX sessions_last_accessed_idx ON ${schema}.sessions (last_accessed_at DESC);
CREATE INDEX sessions_user_status_idx ON ${schema}.sessions (user_id, status);
COMMENT ON TABLE ${schema}.sessions IS 'Chat sessions of a user (one language and level each); status active, archived or deleted (soft delete).';

ALTER TABLE ${schema}.messages DROP COLUMN session_status;
ALTER TABLE ${schema}.messages
    ADD CONSTRAINT messages_session_id_fkey FOREIGN KEY (session_id) REFERENCES ${schema}.sessions (id) ON DELETE CASCADE;

-- RLS and privileges as V1/V2 left them.
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

GRANT SELECT ON ${schema}.sessions TO anon;
GRANT SELECT, INSERT, UPDATE ON ${schema}.sessions TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.sessions TO service_role;

-- The pre-V3 snapshot belongs to V3 (already gone if it was cleaned up by hand).
DROP TABLE IF EXISTS ${schema.messaging_backup}.messages_before_v3;
DROP TABLE IF EXISTS ${schema.messaging_backup}.sessions_before_v3;
