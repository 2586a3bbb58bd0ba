-- Composite indexes for the common reads: a user's sessions by status, a session's messages in time
-- order. Built CONCURRENTLY (writers continue), so this script holds nothing else and runs outside a
-- transaction. A failed build leaves an INVALID index, which the next migrate drops before running this
-- again; IF NOT EXISTS skips the one already built. (sessions_user_status_idx belongs to the unpartitioned
-- table: V5 drops it with the old table; the partitioned one has its own indexes.)
CREATE INDEX CONCURRENTLY IF NOT EXISTS sessions_user_status_idx ON ${schema}.sessions (user_id, status);
CREATE INDEX CONCURRENTLY IF NOT EXISTS messages_session_created_idx ON ${schema}.messages (session_id, created_at);
