-- Asserts V1: the 13 enum types exist in the module schema with their labels in declaration order.
DO $$
DECLARE
    r record;
    actual text[];
    total int;
BEGIN
    FOR r IN SELECT * FROM (VALUES
        ('UserRole', ARRAY['PATIENT', 'DOCTOR', 'FAMILY_MEMBER']),
        ('Gender', ARRAY['MALE', 'FEMALE', 'OTHER']),
        ('Language', ARRAY['KHMER', 'ENGLISH']),
        ('Theme', ARRAY['LIGHT', 'DARK']),
        ('AccountStatus', ARRAY['ACTIVE', 'PENDING_VERIFICATION', 'VERIFIED', 'REJECTED', 'LOCKED']),
        ('ConnectionStatus', ARRAY['PENDING', 'ACCEPTED', 'REVOKED']),
        ('PermissionLevel', ARRAY['NOT_ALLOWED', 'REQUEST', 'SELECTED', 'ALLOWED']),
        ('PrescriptionStatus', ARRAY['DRAFT', 'ACTIVE', 'PAUSED', 'INACTIVE']),
        ('TimePeriod', ARRAY['DAYTIME', 'NIGHT']),
        ('DoseEventStatus', ARRAY['DUE', 'TAKEN_ON_TIME', 'TAKEN_LATE', 'MISSED', 'SKIPPED']),
        ('SubscriptionTier', ARRAY['FREEMIUM', 'PREMIUM', 'FAMILY_PREMIUM']),
        ('NotificationType', ARRAY['CONNECTION_REQUEST', 'PRESCRIPTION_UPDATE', 'MISSED_DOSE_ALERT', 'URGENT_PRESCRIPTION_CHANGE', 'FAMILY_ALERT']),
        ('AuditActionType', ARRAY['CONNECTION_REQUEST', 'CONNECTION_ACCEPT', 'CONNECTION_REVOKE', 'PERMISSION_CHANGE', 'PRESCRIPTION_CREATE',
                                  'PRESCRIPTION_UPDATE', 'PRESCRIPTION_CONFIRM', 'PRESCRIPTION_RETAKE', 'DOSE_TAKEN', 'DOSE_SKIPPED',
                                  'DOSE_MISSED', 'DATA_ACCESS', 'NOTIFICATION_SENT', 'SUBSCRIPTION_CHANGE'])
    ) AS e(type_name, labels)
    LOOP
        SELECT array_agg(en.enumlabel::text ORDER BY en.enumsortorder) INTO actual
          FROM pg_enum en JOIN pg_type t ON t.oid = en.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE n.nspname = '${schema}' AND t.typname = r.type_name;
        IF actual IS DISTINCT FROM r.labels THEN
            RAISE EXCEPTION 'medication V1: enum "%" has labels %, expected %', r.type_name, actual, r.labels;
        END IF;
    END LOOP;
    SELECT count(*) INTO total FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
     WHERE n.nspname = '${schema}' AND t.typtype = 'e';
    IF total <> 13 THEN
        RAISE EXCEPTION 'medication V1: % enum types in schema ${schema}, expected 13', total;
    END IF;
END
$$;
