-- Asserts V5: id and updatedAt defaults, the pinned "updatedAt" trigger on the seven tables that have the
-- column, the eight CHECKs (validated or not: V5.1 validates them) and the table comments; then exercises them (the verify
-- transaction is rolled back). Defaults and CHECKs go through the engine's shared helpers
-- (pg_temp.verify_columns / verify_constraints / verify_indexes / verify_expect).
DO $$
DECLARE
    r record;
    n int;
    uid uuid;
    before_update timestamptz;
    after_update timestamptz;
BEGIN
    -- "id" defaults on all eleven tables, "updatedAt" defaults on the seven that have the column
    PERFORM pg_temp.verify_expect('medication V5', 'column defaults missing or different', ARRAY(
        SELECT format('%s."%s" default %s', e.tbl, e.col, e.def)
          FROM (VALUES
                ('users', 'id', 'gen_random_uuid()'),
                ('connections', 'id', 'gen_random_uuid()'),
                ('prescriptions', 'id', 'gen_random_uuid()'),
                ('prescription_versions', 'id', 'gen_random_uuid()'),
                ('medications', 'id', 'gen_random_uuid()'),
                ('dose_events', 'id', 'gen_random_uuid()'),
                ('notifications', 'id', 'gen_random_uuid()'),
                ('audit_logs', 'id', 'gen_random_uuid()'),
                ('subscriptions', 'id', 'gen_random_uuid()'),
                ('family_members', 'id', 'gen_random_uuid()'),
                ('meal_time_preferences', 'id', 'gen_random_uuid()'),
                ('users', 'updatedAt', 'CURRENT_TIMESTAMP'),
                ('connections', 'updatedAt', 'CURRENT_TIMESTAMP'),
                ('prescriptions', 'updatedAt', 'CURRENT_TIMESTAMP'),
                ('medications', 'updatedAt', 'CURRENT_TIMESTAMP'),
                ('dose_events', 'updatedAt', 'CURRENT_TIMESTAMP'),
                ('subscriptions', 'updatedAt', 'CURRENT_TIMESTAMP'),
                ('meal_time_preferences', 'updatedAt', 'CURRENT_TIMESTAMP')
               ) AS e(tbl, col, def)
         WHERE (e.tbl, e.col, e.def) NOT IN (SELECT tbl, col, def FROM pg_temp.verify_columns('${schema}') WHERE def IS NOT NULL)));

    FOR r IN SELECT unnest(ARRAY['users', 'connections', 'prescriptions', 'prescription_versions', 'medications', 'dose_events',
                                 'notifications', 'audit_logs', 'subscriptions', 'family_members', 'meal_time_preferences']) AS tbl
    LOOP
        IF obj_description(format('%I.%I', '${schema}', r.tbl)::regclass, 'pg_class') IS NULL THEN
            RAISE EXCEPTION 'medication V5: table % has no comment', r.tbl;
        END IF;
    END LOOP;

    FOR r IN SELECT unnest(ARRAY['users', 'connections', 'prescriptions', 'medications', 'dose_events', 'subscriptions',
                                 'meal_time_preferences']) AS tbl
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                         JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace ps ON ps.oid = p.pronamespace
                        WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND t.tgname = 'trg_' || r.tbl || '_updated_at'
                          AND ps.nspname = '${schema}' AND p.proname = 'set_updated_at' AND NOT t.tgisinternal) THEN
            RAISE EXCEPTION 'medication V5: trigger trg_%_updated_at is missing', r.tbl;
        END IF;
    END LOOP;

    IF NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace
                    WHERE s.nspname = '${schema}' AND p.proname = 'set_updated_at'
                      AND array_to_string(p.proconfig, ',') LIKE '%search_path=%') THEN
        RAISE EXCEPTION 'medication V5: function set_updated_at() is missing or does not pin search_path';
    END IF;

    -- the eight CHECKs (NOT VALID until V5.1 validates them: verify/V5.1)
    PERFORM pg_temp.verify_expect('medication V5', 'CHECKs missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('users', 'users_failedLoginAttempts_check', 'c', 'CHECK (("failedLoginAttempts" >= 0))'),
                ('connections', 'connections_initiatorId_recipientId_check', 'c', 'CHECK (("initiatorId" <> "recipientId"))'),
                ('prescriptions', 'prescriptions_patientAge_check', 'c', 'CHECK (("patientAge" >= 0))'),
                ('prescriptions', 'prescriptions_currentVersion_check', 'c', 'CHECK (("currentVersion" >= 1))'),
                ('prescription_versions', 'prescription_versions_versionNumber_check', 'c', 'CHECK (("versionNumber" >= 1))'),
                ('medications', 'medications_rowNumber_check', 'c', 'CHECK (("rowNumber" >= 1))'),
                ('subscriptions', 'subscriptions_storageUsed_check', 'c', 'CHECK (("storageUsed" >= 0))'),
                ('subscriptions', 'subscriptions_storageQuota_check', 'c', 'CHECK (("storageQuota" > 0))')
               ) AS e(tbl, con, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, regexp_replace(def, ' NOT VALID$', '')
                                                      FROM pg_temp.verify_constraints('${schema}'))));

    -- behaviour: a plain SQL insert needs neither "id" nor "updatedAt"; an update moves "updatedAt"
    INSERT INTO users ("role", "phoneNumber", "passwordHash", "updatedAt")
    VALUES ('PATIENT', '+855-verify-v5', 'x', now() - interval '1 day')
    RETURNING "id", "updatedAt" INTO uid, before_update;
    UPDATE users SET "firstName" = 'Verify' WHERE "id" = uid RETURNING "updatedAt" INTO after_update;
    IF uid IS NULL OR after_update <= before_update THEN
        RAISE EXCEPTION 'medication V5: id default or "updatedAt" trigger not in effect (id %, % -> %)', uid, before_update, after_update;
    END IF;
    BEGIN
        INSERT INTO connections ("initiatorId", "recipientId") VALUES (uid, uid);
        RAISE EXCEPTION 'medication V5: a self-connection was accepted';
    EXCEPTION WHEN check_violation THEN
        NULL;
    END;
END
$$;
