-- Asserts V1: the 13 enum types exist in the module schema with their labels in declaration order, and
-- no other enum type. Goes through the engine's shared helpers (pg_temp.verify_enums / verify_expect).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('medication V1', 'enum types missing or with other labels', ARRAY(
        SELECT format('"%s" expected %s, found %s', e.typ, e.labels, a.labels)
          FROM (VALUES
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
               ) AS e(typ, labels)
          LEFT JOIN pg_temp.verify_enums('${schema}') a ON a.typ = e.typ
         WHERE a.labels IS DISTINCT FROM e.labels));
    PERFORM pg_temp.verify_expect('medication V1', 'expected 13 enum types in schema ${schema}', ARRAY(
        SELECT count(*) || ' found' FROM pg_temp.verify_enums('${schema}') HAVING count(*) <> 13));
END
$$;
