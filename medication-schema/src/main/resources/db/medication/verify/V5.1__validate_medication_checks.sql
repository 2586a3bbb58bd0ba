-- Asserts V5.1: the eight CHECKs of V5 are validated (a NOT VALID constraint prints as such and does not match).
DO $$
BEGIN
    -- the eight CHECKs, validated (a NOT VALID constraint prints as such and does not match)
    PERFORM pg_temp.verify_expect('medication V5.1', 'CHECKs missing or different', ARRAY(
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
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

END
$$;
