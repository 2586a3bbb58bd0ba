-- V3 ("phase 5 improvements"): sessions list-partitioned by status, the data moved across, messages
-- bound to (session id, status), statistics, the active-sessions view, archiving and full-text
-- search. One transaction: copy, verify and swap are all-or-nothing.
-- Fixed against the application: the primary key is (id, status) as PostgreSQL requires (defect 1);
-- the composite FK cascades on update so status changes move messages along (defect 2); the old
-- table is dropped without CASCADE after its dependents were replaced explicitly, and the copy names
-- its columns (defect 4); partitions have RLS (defect 5); active_sessions runs as the caller
-- (defect 6); session_stats is not readable by the API roles (defect 7); the refresh trigger runs as
-- the view's owner (defect 8); search parses free text (defect 9); the lost V1/V2 session indexes are
-- replaced and the deleted partition is indexed (defect 13); the backup keeps keys and defaults and is
-- out of the API's reach (defect 14).

-- 0. Freeze writes to sessions and messages for the whole migration (reads continue): without it a
--    session written between the copy and the count check fails the check, and one written after
--    the copy would be lost with the old table. Writers wait until V3 commits (about 80 s per million
--    sessions on 2 cores; see docs/benchmarks.md for the online alternative).
LOCK TABLE ${schema}.sessions, ${schema}.messages IN SHARE ROW EXCLUSIVE MODE;

-- 1. Backup snapshot of sessions and messages as they are before partitioning (the document's
--    rollback plan). The backup schema is never granted to anon / authenticated / service_role.
CREATE SCHEMA IF NOT EXISTS ${schema.messaging_backup};

CREATE TABLE ${schema.messaging_backup}.sessions_before_v3
    (LIKE ${schema}.sessions INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMMENTS);
INSERT INTO ${schema.messaging_backup}.sessions_before_v3
       (id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at)
SELECT id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at
  FROM ${schema}.sessions;
ALTER TABLE ${schema.messaging_backup}.sessions_before_v3
    ADD CONSTRAINT sessions_before_v3_pkey PRIMARY KEY (id);
COMMENT ON TABLE ${schema.messaging_backup}.sessions_before_v3 IS
    'Snapshot of messaging sessions taken by V3 before partitioning (rollback copy; drop it once the upgrade is accepted).';

CREATE TABLE ${schema.messaging_backup}.messages_before_v3
    (LIKE ${schema}.messages INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMMENTS);
INSERT INTO ${schema.messaging_backup}.messages_before_v3
       (id, session_id, user_id, content, type, translation, sequence_number, created_at)
SELECT id, session_id, user_id, content, type, translation, sequence_number, created_at
  FROM ${schema}.messages;
ALTER TABLE ${schema.messaging_backup}.messages_before_v3
    ADD CONSTRAINT messages_before_v3_pkey PRIMARY KEY (id);
COMMENT ON TABLE ${schema.messaging_backup}.messages_before_v3 IS
    'Snapshot of messaging messages taken by V3 before partitioning (rollback copy; drop it once the upgrade is accepted).';

-- 2. The partitioned table; every enum value has its partition, so there is no default partition.
CREATE TABLE ${schema}.sessions_partitioned (
    id               uuid                      NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    user_id          uuid                      NOT NULL,
    title            text                      NOT NULL DEFAULT 'New Chat Session',
    last_message_at  timestamptz               DEFAULT now(),
    last_accessed_at timestamptz               DEFAULT now(),
    status           ${schema}.session_status   NOT NULL DEFAULT 'active',
    language         ${schema}.session_language NOT NULL DEFAULT 'en',
    level            ${schema}.session_level    NOT NULL DEFAULT 'beginner',
    created_at       timestamptz               DEFAULT now()
) PARTITION BY LIST (status);
CREATE TABLE ${schema}.sessions_active PARTITION OF ${schema}.sessions_partitioned FOR VALUES IN ('active');
CREATE TABLE ${schema}.sessions_archived PARTITION OF ${schema}.sessions_partitioned FOR VALUES IN ('archived');
CREATE TABLE ${schema}.sessions_deleted PARTITION OF ${schema}.sessions_partitioned FOR VALUES IN ('deleted');

-- 3. Copy every session (explicit column list), then check the counts in total and per partition.
INSERT INTO ${schema}.sessions_partitioned
       (id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at)
SELECT id, user_id, title, last_message_at, last_accessed_at, status, language, level, created_at
  FROM ${schema}.sessions;

DO $verify$
DECLARE
    old_total bigint := (SELECT count(*) FROM ${schema}.sessions);
    new_total bigint := (SELECT count(*) FROM ${schema}.sessions_partitioned);
    mismatch  text;
BEGIN
    IF old_total <> new_total THEN
        RAISE EXCEPTION 'Data migration verification failed: % sessions before, % after', old_total, new_total;
    END IF;
    SELECT string_agg(format('%s: %s before, %s in %s', o.status, o.n, coalesce(p.n, 0), o.part), '; ') INTO mismatch
      FROM (SELECT status, count(*) AS n, 'sessions_' || status::text AS part FROM ${schema}.sessions GROUP BY status) o
      LEFT JOIN (SELECT c.relname::text AS part, count(*) AS n
                   FROM ${schema}.sessions_partitioned sp JOIN pg_catalog.pg_class c ON c.oid = sp.tableoid
                  GROUP BY c.relname) p ON p.part = o.part
     WHERE p.n IS DISTINCT FROM o.n;
    IF mismatch IS NOT NULL THEN
        RAISE EXCEPTION 'Data migration verification failed: partition distribution differs (%)', mismatch;
    END IF;
END
$verify$;

-- 4. Messages carry their session's status (the second half of the composite key).
ALTER TABLE ${schema}.messages ADD COLUMN session_status ${schema}.session_status;
UPDATE ${schema}.messages m
   SET session_status = s.status
  FROM ${schema}.sessions s
 WHERE s.id = m.session_id;
-- lint:ignore SM004 the whole table was just backfilled in this transaction, which already holds ACCESS EXCLUSIVE for the partitioning swap; a NOT VALID check would not shorten any lock
ALTER TABLE ${schema}.messages ALTER COLUMN session_status SET NOT NULL;

-- 5. Swap: remove what depends on the old table explicitly, drop it WITHOUT CASCADE (anything not
--    listed here aborts the migration instead of vanishing), rename the new one into place.
DROP POLICY "Users can view feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can insert feedback for their messages" ON ${schema}.message_feedback;
DROP POLICY "Users can view messages in their sessions" ON ${schema}.messages;
DROP POLICY "Users can insert messages in their sessions" ON ${schema}.messages;
ALTER TABLE ${schema}.messages DROP CONSTRAINT messages_session_id_fkey;
-- lint:ignore SM001 every row was copied into the partitioned table and the counts verified above in this transaction; a copy is kept in messaging_backup and undo rebuilds the plain table
DROP TABLE ${schema}.sessions;
ALTER TABLE ${schema}.sessions_partitioned RENAME TO sessions;

ALTER TABLE ${schema}.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id, status);
ALTER TABLE ${schema}.sessions
    ADD CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES ${schema.auth}.users (id) ON DELETE CASCADE;
ALTER TABLE ${schema}.messages
    ADD CONSTRAINT messages_session_id_session_status_fkey FOREIGN KEY (session_id, session_status)
        REFERENCES ${schema}.sessions (id, status) ON DELETE CASCADE ON UPDATE CASCADE;

COMMENT ON TABLE ${schema}.sessions IS
    'Partitioned table storing all chat sessions, list-partitioned by status into sessions_active, sessions_archived and sessions_deleted; primary key (id, status).';
COMMENT ON COLUMN ${schema}.messages.session_status IS
    'Copy of the session''s status (second column of the FK to sessions (id, status)); follows status changes via ON UPDATE CASCADE.';

-- 6. Indexes: per partition as the document lists them, plus one on the parent (user_id,
--    last_accessed_at) that replaces the V1/V2 session indexes and also covers the deleted partition.
CREATE INDEX sessions_active_user_id_idx ON ${schema}.sessions_active (user_id);
CREATE INDEX sessions_active_last_accessed_idx ON ${schema}.sessions_active (last_accessed_at DESC);
CREATE INDEX sessions_archived_user_id_idx ON ${schema}.sessions_archived (user_id);
CREATE INDEX sessions_archived_last_accessed_idx ON ${schema}.sessions_archived (last_accessed_at DESC);
CREATE INDEX sessions_active_user_id_last_accessed_idx ON ${schema}.sessions_active (user_id, last_accessed_at DESC);
CREATE INDEX sessions_archived_user_id_last_accessed_idx ON ${schema}.sessions_archived (user_id, last_accessed_at DESC);
CREATE INDEX sessions_deleted_user_id_last_accessed_idx ON ${schema}.sessions_deleted (user_id, last_accessed_at DESC);
-- attaches the three partition indexes above
CREATE INDEX sessions_user_id_last_accessed_idx ON ${schema}.sessions (user_id, last_accessed_at DESC);

-- lint:ignore SM002 runs inside the partitioning migration that already locks messages exclusively; CONCURRENTLY cannot run in a transaction
CREATE INDEX messages_content_search_idx ON ${schema}.messages USING gin (to_tsvector('english'::regconfig, content));

-- 7. New messages get their session's status when the caller leaves it out.
CREATE FUNCTION ${schema}.set_message_session_status()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    IF NEW.session_status IS NULL THEN
        SELECT s.status INTO NEW.session_status
          FROM ${schema}.sessions s
         WHERE s.id = NEW.session_id
         ORDER BY s.status
         LIMIT 1;
    END IF;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION ${schema}.set_message_session_status() IS
    'BEFORE INSERT row trigger on messages: fills session_status from the session when the caller leaves it NULL.';
REVOKE ALL ON FUNCTION ${schema}.set_message_session_status() FROM PUBLIC;

CREATE TRIGGER messages_session_status_trigger
    BEFORE INSERT ON ${schema}.messages
    FOR EACH ROW EXECUTE FUNCTION ${schema}.set_message_session_status();

-- 8. Row-level security. Policies on the parent do not cover direct queries on a partition, so every
--    partition gets RLS and the owner rule as well.
ALTER TABLE ${schema}.sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.sessions_active ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.sessions_archived ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.sessions_deleted ENABLE ROW LEVEL SECURITY;

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
CREATE POLICY "Users can view their own sessions" ON ${schema}.sessions_active
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY "Users can view their own sessions" ON ${schema}.sessions_archived
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY "Users can view their own sessions" ON ${schema}.sessions_deleted
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));

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

GRANT SELECT ON ${schema}.sessions, ${schema}.sessions_active, ${schema}.sessions_archived, ${schema}.sessions_deleted TO anon;
GRANT SELECT, INSERT, UPDATE ON ${schema}.sessions TO authenticated;
GRANT SELECT ON ${schema}.sessions_active, ${schema}.sessions_archived, ${schema}.sessions_deleted TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE
   ON ${schema}.sessions, ${schema}.sessions_active, ${schema}.sessions_archived, ${schema}.sessions_deleted TO service_role;

-- 9. Statistics per (user, status). Materialized views cannot have RLS, so the API roles get no
--    privilege on it; a user reads their own rows through my_session_stats (owner's rights, filtered
--    on auth.uid()). The unique index allows REFRESH ... CONCURRENTLY.
CREATE MATERIALIZED VIEW ${schema}.session_stats AS
SELECT s.user_id,
       s.status,
       count(*)                   AS session_count,
       max(s.last_accessed_at)    AS last_activity,
       count(DISTINCT s.language) AS languages_used,
       count(DISTINCT s.level)    AS levels_used
  FROM ${schema}.sessions s
 GROUP BY s.user_id, s.status
WITH DATA;
CREATE UNIQUE INDEX session_stats_user_status_idx ON ${schema}.session_stats (user_id, status);
COMMENT ON MATERIALIZED VIEW ${schema}.session_stats IS
    'Session statistics per user and status (count, latest access, distinct languages and levels); refreshed concurrently after every change to sessions. Not readable by API roles: use my_session_stats.';
GRANT SELECT ON ${schema}.session_stats TO service_role;

CREATE VIEW ${schema}.my_session_stats WITH (security_barrier = true) AS
SELECT st.user_id, st.status, st.session_count, st.last_activity, st.languages_used, st.levels_used
  FROM ${schema}.session_stats st
 WHERE st.user_id = (SELECT ${schema.auth}.uid());
COMMENT ON VIEW ${schema}.my_session_stats IS
    'The calling user''s rows of session_stats (runs with the owner''s rights, filtered on auth.uid()).';
GRANT SELECT ON ${schema}.my_session_stats TO authenticated, service_role;

CREATE FUNCTION ${schema}.refresh_session_stats()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY ${schema}.session_stats;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION ${schema}.refresh_session_stats() IS
    'AFTER statement trigger on sessions: refreshes session_stats concurrently. SECURITY DEFINER (owner of the view), so any user''s change may refresh it.';
REVOKE ALL ON FUNCTION ${schema}.refresh_session_stats() FROM PUBLIC;

CREATE TRIGGER refresh_session_stats_trigger
    AFTER INSERT OR UPDATE OR DELETE ON ${schema}.sessions
    FOR EACH STATEMENT EXECUTE FUNCTION ${schema}.refresh_session_stats();

-- 10. Active sessions, newest access first, with the caller's rights so RLS applies.
CREATE VIEW ${schema}.active_sessions WITH (security_invoker = true) AS
SELECT s.id, s.user_id, s.title, s.last_message_at, s.last_accessed_at, s.status, s.language, s.level, s.created_at
  FROM ${schema}.sessions s
 WHERE s.status = 'active'
 ORDER BY s.last_accessed_at DESC NULLS LAST;
COMMENT ON VIEW ${schema}.active_sessions IS
    'Active sessions, most recently accessed first; security_invoker, so the caller''s RLS applies.';
GRANT SELECT ON ${schema}.active_sessions TO anon, authenticated, service_role;

-- 11. Automatic archiving (scheduled job, service role).
CREATE FUNCTION ${schema}.archive_old_sessions(days_threshold integer)
    RETURNS integer
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    archived integer;
BEGIN
    IF days_threshold IS NULL OR days_threshold < 0 THEN
        RAISE EXCEPTION 'archive_old_sessions: days_threshold must be zero or more, got %', days_threshold;
    END IF;
    UPDATE ${schema}.sessions
       SET status = 'archived'
     WHERE status = 'active'
       AND last_accessed_at < now() - make_interval(days => days_threshold);
    GET DIAGNOSTICS archived = ROW_COUNT;
    RETURN archived;
END
$fn$;
COMMENT ON FUNCTION ${schema}.archive_old_sessions(integer) IS
    'Moves active sessions not accessed for days_threshold days to the archived partition (messages follow); returns how many. For a scheduled job run as service_role.';
REVOKE ALL ON FUNCTION ${schema}.archive_old_sessions(integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ${schema}.archive_old_sessions(integer) TO service_role;

-- 12. Full-text search over message content; web-search syntax (free text never raises a syntax
--     error); runs as the caller, so RLS decides which messages can match.
CREATE FUNCTION ${schema}.search_messages(search_query text, session_id_param uuid DEFAULT NULL, user_id_param uuid DEFAULT NULL)
    RETURNS TABLE (id uuid, session_id uuid, content text, rank real)
    LANGUAGE sql
    STABLE
    SECURITY INVOKER
    SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT m.id,
           m.session_id,
           m.content,
           ts_rank(to_tsvector('english'::regconfig, m.content), q.query) AS rank
      FROM websearch_to_tsquery('english'::regconfig, coalesce(search_query, '')) AS q(query)
      JOIN ${schema}.messages m ON to_tsvector('english'::regconfig, m.content) @@ q.query
      JOIN ${schema}.sessions s ON s.id = m.session_id AND s.status = m.session_status
     WHERE (session_id_param IS NULL OR m.session_id = session_id_param)
       AND (user_id_param IS NULL OR s.user_id = user_id_param)
     ORDER BY rank DESC, m.created_at DESC, m.id
$fn$;
COMMENT ON FUNCTION ${schema}.search_messages(text, uuid, uuid) IS
    'Messages matching search_query (english, web-search syntax), optionally in one session and/or of one session owner, best ts_rank first. Runs as the caller (RLS applies).';
REVOKE ALL ON FUNCTION ${schema}.search_messages(text, uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION ${schema}.search_messages(text, uuid, uuid) TO authenticated, service_role;
