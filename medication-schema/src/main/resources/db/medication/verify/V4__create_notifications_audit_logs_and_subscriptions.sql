-- Asserts V4: notifications, audit_logs, subscriptions, family_members and meal_time_preferences with every column, key, index and foreign key.
-- Columns, constraints and indexes go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_expect). Enum-typed columns compare by their bare type name,
-- which verify_columns returns for types of the module schema; definitions print under a search_path of
-- the module schema alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $$
DECLARE
    n int;
BEGIN
    -- every column with its type and nullability, and no other column
    PERFORM pg_temp.verify_expect('medication V4', 'columns missing or different', ARRAY(
        SELECT format('%s."%s" %s (not null: %s)', e.tbl, e.col, e.typ, e.not_null)
          FROM (VALUES
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
         WHERE (e.tbl, e.col, e.typ, e.not_null) NOT IN (SELECT tbl, col, typ, not_null FROM pg_temp.verify_columns('${schema}'))));
    SELECT count(*) INTO n FROM pg_temp.verify_columns('${schema}') WHERE tbl IN ('notifications', 'audit_logs', 'subscriptions', 'family_members', 'meal_time_preferences');
    IF n <> 37 THEN
        RAISE EXCEPTION 'medication V4: % columns in notifications, audit_logs, subscriptions, family_members, meal_time_preferences, expected 37', n;
    END IF;

    -- primary keys <table>_pkey on "id"; foreign keys to "id" with their ON DELETE action and ON UPDATE CASCADE
    PERFORM pg_temp.verify_expect('medication V4', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('notifications', 'notifications_pkey', 'p', 'PRIMARY KEY (id)'),
                ('audit_logs', 'audit_logs_pkey', 'p', 'PRIMARY KEY (id)'),
                ('subscriptions', 'subscriptions_pkey', 'p', 'PRIMARY KEY (id)'),
                ('family_members', 'family_members_pkey', 'p', 'PRIMARY KEY (id)'),
                ('meal_time_preferences', 'meal_time_preferences_pkey', 'p', 'PRIMARY KEY (id)'),
                ('notifications', 'notifications_recipientId_fkey', 'f', 'FOREIGN KEY ("recipientId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('audit_logs', 'audit_logs_actorId_fkey', 'f', 'FOREIGN KEY ("actorId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE SET NULL'),
                ('subscriptions', 'subscriptions_userId_fkey', 'f', 'FOREIGN KEY ("userId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('family_members', 'family_members_subscriptionId_fkey', 'f', 'FOREIGN KEY ("subscriptionId") REFERENCES subscriptions(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('family_members', 'family_members_memberId_fkey', 'f', 'FOREIGN KEY ("memberId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE'),
                ('meal_time_preferences', 'meal_time_preferences_userId_fkey', 'f', 'FOREIGN KEY ("userId") REFERENCES users(id) ON UPDATE CASCADE ON DELETE CASCADE')
               ) AS e(tbl, con, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    -- indexes by name, uniqueness and definition, and valid
    PERFORM pg_temp.verify_expect('medication V4', 'indexes missing, different or invalid', ARRAY(
        SELECT format('%s on %s: %s (unique: %s)', e.idx, e.tbl, e.def, e.uniq)
          FROM (VALUES
                ('notifications', 'notifications_recipientId_idx', false, 'btree ("recipientId")'),
                ('notifications', 'notifications_recipientId_isRead_idx', false, 'btree ("recipientId", "isRead")'),
                ('notifications', 'notifications_createdAt_idx', false, 'btree ("createdAt")'),
                ('audit_logs', 'audit_logs_actorId_idx', false, 'btree ("actorId")'),
                ('audit_logs', 'audit_logs_resourceId_idx', false, 'btree ("resourceId")'),
                ('audit_logs', 'audit_logs_createdAt_idx', false, 'btree ("createdAt")'),
                ('audit_logs', 'audit_logs_actionType_idx', false, 'btree ("actionType")'),
                ('subscriptions', 'subscriptions_userId_key', true, 'btree ("userId")'),
                ('subscriptions', 'subscriptions_userId_idx', false, 'btree ("userId")'),
                ('subscriptions', 'subscriptions_tier_idx', false, 'btree (tier)'),
                ('family_members', 'family_members_subscriptionId_memberId_key', true, 'btree ("subscriptionId", "memberId")'),
                ('family_members', 'family_members_subscriptionId_idx', false, 'btree ("subscriptionId")'),
                ('meal_time_preferences', 'meal_time_preferences_userId_key', true, 'btree ("userId")'),
                ('meal_time_preferences', 'meal_time_preferences_userId_idx', false, 'btree ("userId")')
               ) AS e(tbl, idx, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))
            OR NOT (SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(format('%I.%I', '${schema}', e.idx)))));
END
$$;
