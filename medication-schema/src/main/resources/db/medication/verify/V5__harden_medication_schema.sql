-- Asserts V5: id and updatedAt defaults, the pinned "updatedAt" trigger on the seven tables that have the
-- column, the eight CHECKs, the three FK indexes and the table comments; then exercises them (the verify
-- transaction is rolled back).
DO $$
DECLARE
    r record;
    n int;
    uid uuid;
    before_update timestamptz;
    after_update timestamptz;
BEGIN
    FOR r IN SELECT unnest(ARRAY['users', 'connections', 'prescriptions', 'prescription_versions', 'medications', 'dose_events',
                                 'notifications', 'audit_logs', 'subscriptions', 'family_members', 'meal_time_preferences']) AS tbl
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                         JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                        WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND a.attname = 'id'
                          AND pg_get_expr(d.adbin, d.adrelid) = 'gen_random_uuid()') THEN
            RAISE EXCEPTION 'medication V5: %."id" has no default gen_random_uuid()', r.tbl;
        END IF;
        IF obj_description(format('%I.%I', '${schema}', r.tbl)::regclass, 'pg_class') IS NULL THEN
            RAISE EXCEPTION 'medication V5: table % has no comment', r.tbl;
        END IF;
    END LOOP;

    FOR r IN SELECT unnest(ARRAY['users', 'connections', 'prescriptions', 'medications', 'dose_events', 'subscriptions',
                                 'meal_time_preferences']) AS tbl
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_attrdef d JOIN pg_class c ON c.oid = d.adrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                         JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                        WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND a.attname = 'updatedAt'
                          AND pg_get_expr(d.adbin, d.adrelid) = 'CURRENT_TIMESTAMP') THEN
            RAISE EXCEPTION 'medication V5: %."updatedAt" has no default CURRENT_TIMESTAMP', r.tbl;
        END IF;
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

    FOR r IN SELECT * FROM (VALUES
        ('users', 'users_failedLoginAttempts_check'),
        ('connections', 'connections_initiatorId_recipientId_check'),
        ('prescriptions', 'prescriptions_patientAge_check'),
        ('prescriptions', 'prescriptions_currentVersion_check'),
        ('prescription_versions', 'prescription_versions_versionNumber_check'),
        ('medications', 'medications_rowNumber_check'),
        ('subscriptions', 'subscriptions_storageUsed_check'),
        ('subscriptions', 'subscriptions_storageQuota_check')
    ) AS e(tbl, con)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                        WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND k.conname = r.con AND k.contype = 'c' AND k.convalidated) THEN
            RAISE EXCEPTION 'medication V5: CHECK % on % is missing', r.con, r.tbl;
        END IF;
    END LOOP;

    FOR r IN SELECT * FROM (VALUES
        ('dose_events', 'dose_events_medicationId_idx', 'medicationId'),
        ('family_members', 'family_members_memberId_idx', 'memberId'),
        ('prescription_versions', 'prescription_versions_authorId_idx', 'authorId')
    ) AS e(tbl, idx, col)
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
                         JOIN pg_namespace s ON s.oid = ic.relnamespace JOIN pg_attribute a ON a.attrelid = tc.oid AND a.attnum = i.indkey[0]
                        WHERE s.nspname = '${schema}' AND ic.relname = r.idx AND tc.relname = r.tbl AND i.indnatts = 1 AND a.attname = r.col) THEN
            RAISE EXCEPTION 'medication V5: index % on %(%) is missing', r.idx, r.tbl, r.col;
        END IF;
    END LOOP;

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
