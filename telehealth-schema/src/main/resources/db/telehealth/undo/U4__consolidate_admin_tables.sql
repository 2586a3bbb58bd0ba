-- Reverts V4's schema changes: the status / last_login columns, and the
-- support_tickets -> admins foreign key if V4 created one. Not reverted (not reversible): a legacy
-- admin_users table that V4 merged and dropped is not recreated; its rows stay in admins.
DO $do$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = '${schema}' AND c.relname = 'support_tickets' AND k.conname = 'support_tickets_assigned_to_fkey'
                  AND k.confrelid = format('%I.admins', '${schema}')::regclass) THEN
        EXECUTE format('ALTER TABLE %I.support_tickets DROP CONSTRAINT support_tickets_assigned_to_fkey', '${schema}');
    END IF;
END
$do$;
ALTER TABLE admins DROP COLUMN last_login, DROP COLUMN status;
