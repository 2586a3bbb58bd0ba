-- V3 ("phase 5 improvements", online, step 1 of 5: expand). Partitioning sessions by status moves every
-- row into a new table; done in one transaction it blocks every writer for the whole copy (about 4 s per
-- 100k sessions). Here it is an online move in the pgroll / pg-osc manner:
--   V3 expand: the partitioned table and the backup tables are created next to the live ones, empty;
--      triggers keep them in step with every insert, update and delete from now on.
--   V4 copy:   the existing rows are copied in keyset batches, one short transaction each (writers wait
--      at most for one batch's row locks), then the counts are checked.
--   V5 swap:   under a lock taken with lock_timeout and retries: old sessions becomes the backup, the new
--      table takes its name (milliseconds, no row is read under the lock).
--   V6 finish: composite FK and NOT NULL validated without blocking writers; statistics, views, functions.
--   V7 search index, built CONCURRENTLY.
-- Fixed against the application: the primary key is (id, status) as PostgreSQL requires (defect 1);
-- the composite FK cascades on update so status changes move messages along (defect 2); the copy names
-- its columns (defect 4); partitions have RLS (defect 5); the backups keep keys and defaults and are out
-- of the API's reach (defect 14). Each step is reversible (undo U7 ... U3).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

-- 1. Backup of messages as they are before partitioning (the document's rollback plan), kept equal to
--    messages until the swap by a trigger (section 5). The backup of sessions is the old table itself,
--    moved here by the swap (V5). The backup schema is never granted to anon / authenticated / service_role.
CREATE SCHEMA IF NOT EXISTS ${schema.messaging_backup};

CREATE TABLE ${schema.messaging_backup}.messages_before_v3
    (LIKE ${schema}.messages INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING COMMENTS,
     CONSTRAINT messages_before_v3_pkey PRIMARY KEY (id));
COMMENT ON TABLE ${schema.messaging_backup}.messages_before_v3 IS
    'Snapshot of messaging messages taken by V3 before partitioning (rollback copy; drop it once the upgrade is accepted).';

-- 2. The partitioned table, empty; every enum value has its partition, so there is no default partition.
--    Its key gets its final name in the swap (the old table still holds sessions_pkey).
CREATE TABLE ${schema}.sessions_partitioned (
    id               uuid                      NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    user_id          uuid                      NOT NULL,
    title            text                      NOT NULL DEFAULT 'New Chat Session',
    last_message_at  timestamptz               DEFAULT now(),
    last_accessed_at timestamptz               DEFAULT now(),
    status           ${schema}.session_status   NOT NULL DEFAULT 'active',
    language         ${schema}.session_language NOT NULL DEFAULT 'en',
    level            ${schema}.session_level    NOT NULL DEFAULT 'beginner',
    created_at       timestamptz               DEFAULT now(),
    CONSTRAINT sessions_partitioned_pkey PRIMARY KEY (id, status),
    CONSTRAINT sessions_user_id_fkey FOREIGN KEY (user_id) REFERENCES ${schema.auth}.users (id) ON DELETE CASCADE
) PARTITION BY LIST (status);
CREATE TABLE ${schema}.sessions_active PARTITION OF ${schema}.sessions_partitioned FOR VALUES IN ('active');
CREATE TABLE ${schema}.sessions_archived PARTITION OF ${schema}.sessions_partitioned FOR VALUES IN ('archived');
CREATE TABLE ${schema}.sessions_deleted PARTITION OF ${schema}.sessions_partitioned FOR VALUES IN ('deleted');
COMMENT ON TABLE ${schema}.sessions_partitioned IS
    'Partitioned table storing all chat sessions, list-partitioned by status into sessions_active, sessions_archived and sessions_deleted; primary key (id, status).';

-- Indexes while the table is empty: per partition as the document lists them, plus one on the parent
-- (user_id, last_accessed_at) that replaces the V1/V2 session indexes and also covers the deleted partition.
CREATE INDEX sessions_active_user_id_idx ON ${schema}.sessions_active (user_id);
CREATE INDEX sessions_active_last_accessed_idx ON ${schema}.sessions_active (last_accessed_at DESC);
CREATE INDEX sessions_archived_user_id_idx ON ${schema}.sessions_archived (user_id);
CREATE INDEX sessions_archived_last_accessed_idx ON ${schema}.sessions_archived (last_accessed_at DESC);
CREATE INDEX sessions_active_user_id_last_accessed_idx ON ${schema}.sessions_active (user_id, last_accessed_at DESC);
CREATE INDEX sessions_archived_user_id_last_accessed_idx ON ${schema}.sessions_archived (user_id, last_accessed_at DESC);
CREATE INDEX sessions_deleted_user_id_last_accessed_idx ON ${schema}.sessions_deleted (user_id, last_accessed_at DESC);
-- attaches the three partition indexes above
CREATE INDEX sessions_user_id_last_accessed_idx ON ${schema}.sessions_partitioned (user_id, last_accessed_at DESC);

-- Row-level security and privileges, ready for the swap. Policies on the parent do not cover direct
-- queries on a partition, so every partition gets RLS and the owner rule as well.
ALTER TABLE ${schema}.sessions_partitioned ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.sessions_active ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.sessions_archived ENABLE ROW LEVEL SECURITY;
ALTER TABLE ${schema}.sessions_deleted ENABLE ROW LEVEL SECURITY;
CREATE POLICY "Users can view their own sessions" ON ${schema}.sessions_partitioned
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY "Users can insert their own sessions" ON ${schema}.sessions_partitioned
    FOR INSERT TO authenticated
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY "Users can update their own sessions" ON ${schema}.sessions_partitioned
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
GRANT SELECT ON ${schema}.sessions_partitioned, ${schema}.sessions_active, ${schema}.sessions_archived, ${schema}.sessions_deleted TO anon;
GRANT SELECT, INSERT, UPDATE ON ${schema}.sessions_partitioned TO authenticated;
GRANT SELECT ON ${schema}.sessions_active, ${schema}.sessions_archived, ${schema}.sessions_deleted TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE
   ON ${schema}.sessions_partitioned, ${schema}.sessions_active, ${schema}.sessions_archived, ${schema}.sessions_deleted TO service_role;

-- 3. Messages carry their session's status (the second half of the composite key): the column comes
--    NULL (no rewrite); new messages get it from their session (trigger below), V4 fills the others.
ALTER TABLE ${schema}.messages ADD COLUMN session_status ${schema}.session_status;
COMMENT ON COLUMN ${schema}.messages.session_status IS
    'Copy of the session''s status (second column of the FK to sessions (id, status)); follows status changes via ON UPDATE CASCADE.';

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

-- 4. Sessions -> sessions_partitioned, in the writer's own transaction: an insert is copied, an update
--    replaces the copy (a status change moves it to the other partition and re-labels the session's
--    messages), a delete removes it. Rows the copy (V4) has not reached yet are upserted here and skipped
--    there (ON CONFLICT DO NOTHING); V4 locks the rows it copies FOR SHARE, so no update or delete can
--    slip between its read and its write.
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

-- 5. Messages -> messages_before_v3 the same way (the columns the backup has; a change of session_status
--    alone does not fire it).
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
