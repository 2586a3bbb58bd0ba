-- Asserts V4: notifications, audit_logs, subscriptions, family_members and meal_time_preferences with every column, key, index and foreign key.
DO $$
DECLARE
    r record;
    n int;
BEGIN
    -- every column with its type and nullability, and no other column
    FOR r IN SELECT * FROM (VALUES
        ('notifications', 'id', 'uuid', true),
        ('notifications', 'recipientId', 'uuid', true),
        ('notifications', 'type', 'NotificationType', true),
        ('notifications', 'title', 'character varying(255)', true),
        ('notifications', 'message', 'text', true),
        ('notifications', 'data', 'jsonb', false),
        ('notifications', 'isRead', 'boolean', true),
        ('notifications', 'readAt', 'timestamp(3) with time zone', false),
        ('notifications', 'createdAt', 'timestamp(3) with time zone', true),
        ('audit_logs', 'id', 'uuid', true),
        ('audit_logs', 'actorId', 'uuid', false),
        ('audit_logs', 'actorRole', 'UserRole', false),
        ('audit_logs', 'actionType', 'AuditActionType', true),
        ('audit_logs', 'resourceType', 'character varying(100)', true),
        ('audit_logs', 'resourceId', 'uuid', false),
        ('audit_logs', 'details', 'jsonb', false),
        ('audit_logs', 'ipAddress', 'character varying(45)', false),
        ('audit_logs', 'createdAt', 'timestamp(3) with time zone', true),
        ('subscriptions', 'id', 'uuid', true),
        ('subscriptions', 'userId', 'uuid', true),
        ('subscriptions', 'tier', 'SubscriptionTier', true),
        ('subscriptions', 'storageQuota', 'bigint', true),
        ('subscriptions', 'storageUsed', 'bigint', true),
        ('subscriptions', 'expiresAt', 'timestamp(3) with time zone', false),
        ('subscriptions', 'createdAt', 'timestamp(3) with time zone', true),
        ('subscriptions', 'updatedAt', 'timestamp(3) with time zone', true),
        ('family_members', 'id', 'uuid', true),
        ('family_members', 'subscriptionId', 'uuid', true),
        ('family_members', 'memberId', 'uuid', true),
        ('family_members', 'addedAt', 'timestamp(3) with time zone', true),
        ('meal_time_preferences', 'id', 'uuid', true),
        ('meal_time_preferences', 'userId', 'uuid', true),
        ('meal_time_preferences', 'morningMeal', 'character varying(20)', false),
        ('meal_time_preferences', 'afternoonMeal', 'character varying(20)', false),
        ('meal_time_preferences', 'nightMeal', 'character varying(20)', false),
        ('meal_time_preferences', 'createdAt', 'timestamp(3) with time zone', true),
        ('meal_time_preferences', 'updatedAt', 'timestamp(3) with time zone', true)
    ) AS e(tbl, col, typ, not_null)
    LOOP
        SELECT count(*) INTO n
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
          JOIN pg_type ty ON ty.oid = a.atttypid
         WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND a.attname = r.col AND NOT a.attisdropped
           AND a.attnotnull = r.not_null
           AND CASE WHEN ty.typtype = 'e' THEN ty.typname::text ELSE format_type(a.atttypid, a.atttypmod) END = r.typ;
        IF n <> 1 THEN
            RAISE EXCEPTION 'medication V4: column %."%" missing or not % (not null: %)', r.tbl, r.col, r.typ, r.not_null;
        END IF;
    END LOOP;
    SELECT count(*) INTO n
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace
     WHERE s.nspname = '${schema}' AND c.relname IN ('notifications', 'audit_logs', 'subscriptions', 'family_members', 'meal_time_preferences') AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped;
    IF n <> 37 THEN
        RAISE EXCEPTION 'medication V4: % columns in notifications, audit_logs, subscriptions, family_members, meal_time_preferences, expected 37', n;
    END IF;

    -- primary keys <table>_pkey on "id"
    FOR r IN SELECT unnest(ARRAY['notifications', 'audit_logs', 'subscriptions', 'family_members', 'meal_time_preferences']) AS tbl
    LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                        WHERE s.nspname = '${schema}' AND c.relname = r.tbl AND k.contype = 'p' AND k.conname = r.tbl || '_pkey'
                          AND pg_get_constraintdef(k.oid) = 'PRIMARY KEY (id)') THEN
            RAISE EXCEPTION 'medication V4: primary key %_pkey on %(id) is missing', r.tbl, r.tbl;
        END IF;
    END LOOP;

    -- indexes by name, uniqueness and columns
    FOR r IN SELECT * FROM (VALUES
        ('notifications_recipientId_idx', 'notifications', false, ARRAY['recipientId']::text[]),
        ('notifications_recipientId_isRead_idx', 'notifications', false, ARRAY['recipientId', 'isRead']::text[]),
        ('notifications_createdAt_idx', 'notifications', false, ARRAY['createdAt']::text[]),
        ('audit_logs_actorId_idx', 'audit_logs', false, ARRAY['actorId']::text[]),
        ('audit_logs_resourceId_idx', 'audit_logs', false, ARRAY['resourceId']::text[]),
        ('audit_logs_createdAt_idx', 'audit_logs', false, ARRAY['createdAt']::text[]),
        ('audit_logs_actionType_idx', 'audit_logs', false, ARRAY['actionType']::text[]),
        ('subscriptions_userId_key', 'subscriptions', true, ARRAY['userId']::text[]),
        ('subscriptions_userId_idx', 'subscriptions', false, ARRAY['userId']::text[]),
        ('subscriptions_tier_idx', 'subscriptions', false, ARRAY['tier']::text[]),
        ('family_members_subscriptionId_memberId_key', 'family_members', true, ARRAY['subscriptionId', 'memberId']::text[]),
        ('family_members_subscriptionId_idx', 'family_members', false, ARRAY['subscriptionId']::text[]),
        ('meal_time_preferences_userId_key', 'meal_time_preferences', true, ARRAY['userId']::text[]),
        ('meal_time_preferences_userId_idx', 'meal_time_preferences', false, ARRAY['userId']::text[])
    ) AS e(idx, tbl, uniq, cols)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
              JOIN pg_namespace s ON s.oid = ic.relnamespace
             WHERE s.nspname = '${schema}' AND ic.relname = r.idx AND tc.relname = r.tbl AND i.indisunique = r.uniq AND i.indisvalid
               AND ARRAY(SELECT a.attname::text FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(k, o)
                           JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = u.k ORDER BY u.o) = r.cols) THEN
            RAISE EXCEPTION 'medication V4: index % on %(%) (unique: %) is missing', r.idx, r.tbl, r.cols, r.uniq;
        END IF;
    END LOOP;

    -- foreign keys with ON DELETE action and ON UPDATE CASCADE, all to "id"
    FOR r IN SELECT * FROM (VALUES
        ('notifications_recipientId_fkey', 'notifications', 'recipientId', 'users', 'c'),
        ('audit_logs_actorId_fkey', 'audit_logs', 'actorId', 'users', 'n'),
        ('subscriptions_userId_fkey', 'subscriptions', 'userId', 'users', 'c'),
        ('family_members_subscriptionId_fkey', 'family_members', 'subscriptionId', 'subscriptions', 'c'),
        ('family_members_memberId_fkey', 'family_members', 'memberId', 'users', 'c'),
        ('meal_time_preferences_userId_fkey', 'meal_time_preferences', 'userId', 'users', 'c')
    ) AS e(fk, tbl, col, ref, on_delete)
    LOOP
        IF NOT EXISTS (
            SELECT 1 FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace s ON s.oid = c.relnamespace
              JOIN pg_class rc ON rc.oid = k.confrelid JOIN pg_namespace rs ON rs.oid = rc.relnamespace
             WHERE k.contype = 'f' AND s.nspname = '${schema}' AND k.conname = r.fk AND c.relname = r.tbl
               AND rs.nspname = '${schema}' AND rc.relname = r.ref
               AND k.confdeltype = r.on_delete::"char" AND k.confupdtype = 'c'
               AND k.conkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = k.conrelid AND attname = r.col)]
               AND k.confkey = ARRAY[(SELECT attnum FROM pg_attribute WHERE attrelid = k.confrelid AND attname = 'id')]) THEN
            RAISE EXCEPTION 'medication V4: foreign key % (%."%" -> %, on delete %, on update cascade) is missing', r.fk, r.tbl, r.col, r.ref, r.on_delete;
        END IF;
    END LOOP;
END
$$;
