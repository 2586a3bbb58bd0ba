-- V4: consolidate admin tables (the application's 004_consolidate_admin_tables.sql).
-- If a legacy admin_users table exists in this module's schema, its rows not already in admins (by
-- e-mail) are copied into admins (keeping their uuid id unless taken; active flag -> status
-- active/inactive), support_tickets.assigned_to (if that table exists here) is re-pointed from
-- admin_users to admins, and admin_users is dropped (its rows now live in admins). On a fresh
-- database only the two columns are added (their index: V4.1).
-- Fixed here: every existence check is restricted to this module's schema (the application queried
-- information_schema without a schema filter, so another schema's admin_users would match).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE admins
    ADD COLUMN IF NOT EXISTS status varchar(50) DEFAULT 'active',
    ADD COLUMN IF NOT EXISTS last_login timestamp;
COMMENT ON COLUMN admins.status IS 'active, inactive, suspended';
-- idx_admins_status: V4.1, built CONCURRENTLY.

DO $do$
DECLARE
    cols        text[];
    id_is_uuid  boolean;
    status_expr text;
    ticket_cols text[];
    fk          record;
    copied      bigint;
    orphans     bigint;

BEGIN
    SELECT coalesce(array_agg(column_name::text), '{}') INTO cols
      FROM information_schema.columns
     WHERE table_schema = '${schema}' AND table_name = 'admin_users';
    SELECT coalesce(array_agg(column_name::text), '{}') INTO ticket_cols
      FROM information_schema.columns
     WHERE table_schema = '${schema}' AND table_name = 'support_tickets';

    -- support_tickets.assigned_to: drop its foreign key(s) first, they point at admin_users
    IF 'assigned_to' = ANY (ticket_cols) THEN
        FOR fk IN
            SELECT k.conname
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY (k.conkey)
             WHERE k.contype = 'f' AND n.nspname = '${schema}' AND c.relname = 'support_tickets' AND a.attname = 'assigned_to'
        LOOP
            EXECUTE format('ALTER TABLE %I.support_tickets DROP CONSTRAINT %I', '${schema}', fk.conname);
        END LOOP;
    END IF;

    IF cardinality(cols) > 0 THEN
        id_is_uuid := EXISTS (SELECT 1 FROM information_schema.columns
                               WHERE table_schema = '${schema}' AND table_name = 'admin_users'
                                 AND column_name = 'id' AND data_type = 'uuid');
        status_expr := CASE
            WHEN 'is_active' = ANY (cols) THEN 'CASE WHEN coalesce(u.is_active::boolean, true) THEN ''active'' ELSE ''inactive'' END'
            WHEN 'active' = ANY (cols) THEN 'CASE WHEN coalesce(u.active::boolean, true) THEN ''active'' ELSE ''inactive'' END'
            WHEN 'status' = ANY (cols) THEN 'coalesce(u.status::varchar, ''active'')'
            ELSE '''active''' END;

        EXECUTE format($sql$
            INSERT INTO %1$I.admins (id, email, password_hash, first_name, last_name, role, permissions, status, last_login, created_at)
            SELECT %2$s, u.email, %3$s, %4$s, %5$s, %6$s, %7$s, %8$s, %9$s, %10$s
              FROM %1$I.admin_users u
             WHERE u.email IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM %1$I.admins a WHERE lower(a.email) = lower(u.email))
            $sql$,
            '${schema}',
            CASE WHEN id_is_uuid THEN format('CASE WHEN EXISTS (SELECT 1 FROM %I.admins x WHERE x.id = u.id) THEN gen_random_uuid() ELSE u.id END', '${schema}')
                 ELSE 'gen_random_uuid()' END,
            CASE WHEN 'password_hash' = ANY (cols) THEN 'coalesce(u.password_hash::varchar, ''!'')' ELSE '''!''' END,
            CASE WHEN 'first_name' = ANY (cols) THEN 'coalesce(u.first_name::varchar, '''')' ELSE '''''' END,
            CASE WHEN 'last_name' = ANY (cols) THEN 'coalesce(u.last_name::varchar, '''')' ELSE '''''' END,
            CASE WHEN 'role' = ANY (cols) THEN 'coalesce(u.role::varchar, ''admin'')' ELSE '''admin''' END,
            CASE WHEN 'permissions' = ANY (cols) THEN 'coalesce(u.permissions::jsonb, ''{}'')' ELSE '''{}''::jsonb' END,
            status_expr,
            CASE WHEN 'last_login' = ANY (cols) THEN 'u.last_login::timestamp' ELSE 'NULL' END,
            CASE WHEN 'created_at' = ANY (cols) THEN 'coalesce(u.created_at::timestamp, CURRENT_TIMESTAMP)' ELSE 'CURRENT_TIMESTAMP' END);
        GET DIAGNOSTICS copied = ROW_COUNT;
        RAISE NOTICE 'V4: copied % admin_users row(s) into admins', copied;

        -- tickets assigned to a legacy admin follow that admin's row in admins (matched by e-mail)
        IF 'assigned_to' = ANY (ticket_cols) AND id_is_uuid THEN
            EXECUTE format($sql$
                UPDATE %1$I.support_tickets t
                   SET assigned_to = a.id
                  FROM %1$I.admin_users u
                  JOIN %1$I.admins a ON lower(a.email) = lower(u.email)
                 WHERE t.assigned_to = u.id AND a.id <> u.id
                $sql$, '${schema}');
        END IF;

        EXECUTE format('DROP TABLE %I.admin_users', '${schema}');
    END IF;

    IF 'assigned_to' = ANY (ticket_cols)
       AND EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'support_tickets'
                     AND column_name = 'assigned_to' AND data_type = 'uuid') THEN
        EXECUTE format('UPDATE %1$I.support_tickets t SET assigned_to = NULL WHERE assigned_to IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM %1$I.admins a WHERE a.id = t.assigned_to)', '${schema}');
        GET DIAGNOSTICS orphans = ROW_COUNT;
        IF orphans > 0 THEN
            RAISE NOTICE 'V4: % support ticket(s) were assigned to no known admin; assignment cleared', orphans;
        END IF;
        EXECUTE format('ALTER TABLE %1$I.support_tickets ADD CONSTRAINT support_tickets_assigned_to_fkey
                          FOREIGN KEY (assigned_to) REFERENCES %1$I.admins (id) ON DELETE SET NULL', '${schema}');
    END IF;
END
$do$;
