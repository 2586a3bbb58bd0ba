-- The document's 031: row-level security on the system tables, and the audit trigger on patients,
-- appointments and users. Defects not copied: "anyone may insert notifications / audit logs" (no
-- INSERT privilege for anon/authenticated at all), recipients rewriting internal messages (they may
-- only update is_read/read_at), and the audit function that omitted public_id (every audited write
-- failed), ran SECURITY DEFINER without a pinned search_path and copied users.password_hash.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE internal_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_logs ENABLE ROW LEVEL SECURITY;
ALTER TABLE roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE user_roles ENABLE ROW LEVEL SECURITY;
ALTER TABLE settings ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON notifications, internal_messages, audit_logs, roles, user_roles, settings TO anon;
-- notifications: inserts by service_role or SECURITY DEFINER functions only; the owner marks read.
GRANT SELECT, DELETE ON notifications TO authenticated;
GRANT UPDATE (is_read, read_at) ON notifications TO authenticated;
-- internal_messages: the recipient may change the read state only (column privilege).
GRANT SELECT, INSERT, DELETE ON internal_messages TO authenticated;
GRANT UPDATE (is_read, read_at) ON internal_messages TO authenticated;
-- audit_logs: read only; rows come from audit_trigger_function alone.
GRANT SELECT ON audit_logs TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON roles, user_roles, settings TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications, internal_messages, roles, user_roles, settings TO service_role;
GRANT SELECT, DELETE ON audit_logs TO service_role;

-- notifications: the owner reads and marks read; admin reads, marks and deletes all.
CREATE POLICY notifications_select_own ON notifications
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY notifications_update_own ON notifications
    FOR UPDATE TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()))
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY notifications_admin_all ON notifications
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- internal_messages: sender and recipient read; insert only as sender; recipient updates the read
-- state (columns limited by the grant above); admin all.
CREATE POLICY internal_messages_select_participant ON internal_messages
    FOR SELECT TO authenticated
    USING (sender_id = (SELECT ${schema.auth}.uid()) OR recipient_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY internal_messages_insert_as_sender ON internal_messages
    FOR INSERT TO authenticated
    WITH CHECK (sender_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY internal_messages_update_recipient ON internal_messages
    FOR UPDATE TO authenticated
    USING (recipient_id = (SELECT ${schema.auth}.uid()))
    WITH CHECK (recipient_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY internal_messages_admin_all ON internal_messages
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- audit_logs: the actor reads own rows; admin reads all; nobody inserts (the trigger is definer).
CREATE POLICY audit_logs_select_own ON audit_logs
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY audit_logs_admin_select ON audit_logs
    FOR SELECT TO authenticated
    USING ((SELECT is_admin()));

-- roles: non-system roles readable; admin all.
CREATE POLICY roles_select_non_system ON roles
    FOR SELECT TO authenticated
    USING (is_system IS NOT TRUE);
CREATE POLICY roles_admin_all ON roles
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- user_roles: own assignments readable; admin all.
CREATE POLICY user_roles_select_own ON user_roles
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY user_roles_admin_all ON user_roles
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- settings: public rows readable by everyone (anon too); admin all.
CREATE POLICY settings_select_public ON settings
    FOR SELECT TO anon, authenticated
    USING (is_public);
CREATE POLICY settings_admin_all ON settings
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- Audit trigger: one audit_logs row per INSERT/UPDATE/DELETE. SECURITY DEFINER (audit_logs has no
-- INSERT policy or privilege for callers) with a pinned search_path. Actor = auth.uid() when that user
-- has a users row (else NULL: the FK would fail, e.g. on self-deletion); action = TG_OP; snapshots
-- without password_hash (old on DELETE, new on INSERT/UPDATE); client address from the first
-- x-forwarded-for entry of request.headers, else the connection's address; user agent from
-- request.headers. A missing or malformed request.headers setting is tolerated and any error while
-- auditing is reported as a WARNING: auditing never makes the audited statement fail.
-- An UPDATE that only assigns a missing public_id (the backfill-public-ids task) is not audited.
CREATE FUNCTION audit_trigger_function()
    RETURNS trigger
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = ${schema}, pg_temp
AS $fn$
DECLARE
    v_old     jsonb;
    v_new     jsonb;
    v_actor   uuid;
    v_headers jsonb;
    v_ip      inet;
    v_agent   text;
BEGIN
    IF TG_OP = 'UPDATE' THEN
        v_old := to_jsonb(OLD);
        v_new := to_jsonb(NEW);
        IF v_old ->> 'public_id' IS NULL AND v_new ->> 'public_id' IS NOT NULL
           AND (v_old - 'public_id' - 'updated_at') = (v_new - 'public_id' - 'updated_at') THEN
            RETURN NULL;
        END IF;
    END IF;

    BEGIN
        IF TG_OP = 'DELETE' THEN
            v_old := to_jsonb(OLD) - 'password_hash';
            v_new := NULL;
        ELSE
            v_old := NULL;
            v_new := to_jsonb(NEW) - 'password_hash';
        END IF;

        BEGIN
            v_actor := ${schema.auth}.uid();
        EXCEPTION WHEN others THEN
            v_actor := NULL;
        END;
        IF v_actor IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${schema}.users u WHERE u.id = v_actor) THEN
            v_actor := NULL;
        END IF;

        BEGIN
            v_headers := nullif(current_setting('request.headers', true), '')::jsonb;
            IF jsonb_typeof(v_headers) IS DISTINCT FROM 'object' THEN
                v_headers := NULL;
            END IF;
        EXCEPTION WHEN others THEN
            v_headers := NULL;
        END;
        v_agent := v_headers ->> 'user-agent';
        BEGIN
            v_ip := nullif(btrim(split_part(v_headers ->> 'x-forwarded-for', ',', 1)), '')::inet;
        EXCEPTION WHEN others THEN
            v_ip := NULL;
        END;
        v_ip := coalesce(v_ip, inet_client_addr());

        INSERT INTO ${schema}.audit_logs (user_id, action, table_name, record_id, old_values, new_values, ip_address, user_agent)
        VALUES (v_actor, TG_OP, TG_TABLE_NAME, (coalesce(v_new, v_old) ->> 'id')::uuid, v_old, v_new, v_ip, v_agent);
    EXCEPTION WHEN others THEN
        RAISE WARNING 'audit_trigger_function: % on %.% not audited: % (%)', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME, SQLERRM, SQLSTATE;
    END;
    RETURN NULL;
END
$fn$;
COMMENT ON FUNCTION audit_trigger_function() IS
    'AFTER row trigger: writes one audit_logs row (actor, operation, table, record id, snapshots without password_hash, client address, user agent); never fails the audited statement.';
REVOKE ALL ON FUNCTION audit_trigger_function() FROM PUBLIC;

CREATE TRIGGER audit_patients_trigger
    AFTER INSERT OR UPDATE OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
CREATE TRIGGER audit_appointments_trigger
    AFTER INSERT OR UPDATE OR DELETE ON appointments
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
CREATE TRIGGER audit_users_trigger
    AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
