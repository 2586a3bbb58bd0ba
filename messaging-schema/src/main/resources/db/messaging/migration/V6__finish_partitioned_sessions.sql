-- V3 online, step 4 of 5: validate what the swap added NOT VALID, then what reads the partitioned table
-- (see V3 for the whole plan). VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE on messages (writers
-- continue) and scans it; SET NOT NULL then uses the validated CHECK instead of scanning again (its
-- ACCESS EXCLUSIVE lock lasts until this short transaction commits, so it comes last).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE ${schema}.messages VALIDATE CONSTRAINT messages_session_id_session_status_fkey;
ALTER TABLE ${schema}.messages VALIDATE CONSTRAINT chk_messages_session_status_not_null;

-- 1. Statistics per (user, status). Materialized views cannot have RLS, so the API roles get no
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

-- 2. Active sessions, newest access first, with the caller's rights so RLS applies.
CREATE VIEW ${schema}.active_sessions WITH (security_invoker = true) AS
SELECT s.id, s.user_id, s.title, s.last_message_at, s.last_accessed_at, s.status, s.language, s.level, s.created_at
  FROM ${schema}.sessions s
 WHERE s.status = 'active'
 ORDER BY s.last_accessed_at DESC NULLS LAST;
COMMENT ON VIEW ${schema}.active_sessions IS
    'Active sessions, most recently accessed first; security_invoker, so the caller''s RLS applies.';
GRANT SELECT ON ${schema}.active_sessions TO anon, authenticated, service_role;

-- 3. Automatic archiving (scheduled job, service role).
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

-- 4. Full-text search over message content; web-search syntax (free text never raises a syntax
--    error); runs as the caller, so RLS decides which messages can match. Its index: V7.
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

-- 5. NOT NULL from the validated CHECK (PostgreSQL 12+ skips the scan), then the CHECK goes.
-- lint:ignore SM004 the CHECK (session_status IS NOT NULL) was added NOT VALID by V5 and is validated above, so this does not scan
ALTER TABLE ${schema}.messages ALTER COLUMN session_status SET NOT NULL;
ALTER TABLE ${schema}.messages DROP CONSTRAINT chk_messages_session_status_not_null;
