-- V1: the application's initial schema - unpartitioned sessions, messages with text columns guarded by
-- CHECK constraints and a feedback jsonb column, the per-session sequence-number trigger and RLS.
-- Fixed against the application: FKs to auth.users cascade (defect 12), the sequence number is
-- serialised per session and backed by a unique index (defect 10), a message must carry the
-- inserting user's id (defect 11), the trigger function qualifies its table and pins search_path.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE ${schema}.sessions (
    id               uuid        NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    user_id          uuid        NOT NULL,
    title            text        NOT NULL DEFAULT 'New Chat Session',
    last_message_at  timestamptz DEFAULT now(),
    last_accessed_at timestamptz DEFAULT now(),
    status           text        NOT NULL DEFAULT 'active',
    language         text        NOT NULL DEFAULT 'en',
    level            text        NOT NULL DEFAULT 'beginner',
    created_at       timestamptz DEFAULT now(),
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES ${schema.auth}.users (id) ON DELETE CASCADE,
    CONSTRAINT valid_language CHECK (language IN ('en', 'es', 'fr', 'de')),
    CONSTRAINT valid_level CHECK (level IN ('beginner', 'intermediate', 'advanced')),
    CONSTRAINT valid_status CHECK (status IN ('active', 'archived', 'deleted'))
);
COMMENT ON TABLE ${schema}.sessions IS 'Chat sessions of a user (one language and level each); status active, archived or deleted (soft delete).';

CREATE TABLE ${schema}.messages (
    id              uuid        NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    session_id      uuid        NOT NULL,
    user_id         uuid        NOT NULL,
    content         text        NOT NULL,
    type            text        NOT NULL,
    translation     text,
    sequence_number bigint      NOT NULL,
    created_at      timestamptz DEFAULT now(),
    feedback        jsonb,
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_session_id_fkey FOREIGN KEY (session_id) REFERENCES ${schema}.sessions (id) ON DELETE CASCADE,
    CONSTRAINT messages_user_id_fkey FOREIGN KEY (user_id) REFERENCES ${schema.auth}.users (id) ON DELETE CASCADE,
    CONSTRAINT valid_type CHECK (type IN ('text', 'audio', 'system'))
);
COMMENT ON TABLE ${schema}.messages IS 'Messages of a chat session, numbered 1, 2, 3 ... per session by messages_sequence_number_trigger.';

CREATE INDEX sessions_user_id_idx ON ${schema}.sessions (user_id);
CREATE INDEX sessions_last_accessed_idx ON ${schema}.sessions (last_accessed_at DESC);
CREATE INDEX messages_session_id_idx ON ${schema}.messages (session_id);
CREATE UNIQUE INDEX messages_sequence_number_idx ON ${schema}.messages (session_id, sequence_number);

-- Next sequence number of the session: max + 1 under a transaction-scoped advisory lock on the session
-- id, so concurrent inserts into one session queue up instead of reading the same maximum.
CREATE FUNCTION ${schema}.update_sequence_number()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtextextended('${schema}.messages/' || NEW.session_id::text, 0));
    SELECT coalesce(max(m.sequence_number), 0) + 1
      INTO NEW.sequence_number
      FROM ${schema}.messages m
     WHERE m.session_id = NEW.session_id;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION ${schema}.update_sequence_number() IS
    'BEFORE INSERT row trigger on messages: sequence_number = the session''s maximum + 1 (1 for the first), serialised per session.';
REVOKE ALL ON FUNCTION ${schema}.update_sequence_number() FROM PUBLIC;

CREATE TRIGGER messages_sequence_number_trigger
    BEFORE INSERT ON ${schema}.messages
    FOR EACH ROW EXECUTE FUNCTION ${schema}.update_sequence_number();

-- Row-level security (application policy names). No DELETE policies: status 'deleted' is the soft delete.
ALTER TABLE ${schema}.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.messages ENABLE ROW LEVEL SECURITY;

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

-- Privileges: the API roles reach the schema; authenticated works through RLS, anon may query but no
-- policy admits it (it sees no rows), service_role bypasses RLS.
GRANT USAGE ON SCHEMA ${schema} TO anon, authenticated, service_role;
GRANT SELECT ON ${schema}.sessions, ${schema}.messages TO anon;
GRANT SELECT, INSERT, UPDATE ON ${schema}.sessions TO authenticated;
GRANT SELECT, INSERT ON ${schema}.messages TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON ${schema}.sessions, ${schema}.messages TO service_role;
