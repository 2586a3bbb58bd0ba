-- Asserts V4: admins has status (default active) and last_login, idx_admins_status, no admin_users left here.
DO $$
BEGIN
    IF (SELECT column_default FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'admins'
         AND column_name = 'status') IS DISTINCT FROM '''active''::character varying' THEN
        RAISE EXCEPTION 'telehealth V4: admins.status with default active is missing';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '${schema}' AND table_name = 'admins'
                    AND column_name = 'last_login') THEN
        RAISE EXCEPTION 'telehealth V4: admins.last_login is missing';
    END IF;
    IF to_regclass(format('%I.idx_admins_status', '${schema}')) IS NULL THEN
        RAISE EXCEPTION 'telehealth V4: idx_admins_status is missing';
    END IF;
    IF to_regclass(format('%I.admin_users', '${schema}')) IS NOT NULL THEN
        RAISE EXCEPTION 'telehealth V4: legacy admin_users still exists';
    END IF;
END
$$;
