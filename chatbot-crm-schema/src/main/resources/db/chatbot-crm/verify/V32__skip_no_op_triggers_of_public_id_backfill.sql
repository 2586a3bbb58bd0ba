-- Verifies V32: the update triggers carry their WHEN clauses, and their behaviour: filling a NULL public_id
-- (and stamping updated_at) writes no audit row, any other change written with it writes one, and an
-- update that does not set updated_at still gets it stamped. Catalog checks go through the engine's
-- shared helpers (pg_temp.verify_*); the rows written here are rolled back with the verify transaction.
DO $$
DECLARE
    pid uuid;
    n bigint;
    stamped timestamp;
BEGIN
    PERFORM pg_temp.verify_expect('chatbot-crm V32', 'update triggers without their WHEN clause', ARRAY(
        SELECT t FROM unnest(ARRAY['audit_patients_update_trigger', 'audit_appointments_update_trigger', 'update_patients_updated_at',
                                   'update_doctors_updated_at', 'update_appointments_updated_at', 'update_sessions_updated_at',
                                   'update_insurance_claims_updated_at']) AS t
         WHERE NOT EXISTS (SELECT 1 FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace s ON s.oid = c.relnamespace
                            WHERE s.nspname = '${schema}' AND g.tgname = t AND g.tgqual IS NOT NULL)));

    INSERT INTO ${schema}.patients (first_name, last_name, public_id, updated_at) VALUES ('Verify', 'V32', NULL, '2000-01-01')
        RETURNING id INTO pid;
    UPDATE ${schema}.patients SET address = 'moved' WHERE id = pid RETURNING updated_at INTO stamped;
    IF stamped IS DISTINCT FROM LOCALTIMESTAMP THEN
        RAISE EXCEPTION 'chatbot-crm V32: an update left updated_at at %', stamped;
    END IF;
    UPDATE ${schema}.patients SET public_id = 'pat_verifyv32aaaaaaaaaaaaaaaa', updated_at = LOCALTIMESTAMP WHERE id = pid;
    UPDATE ${schema}.patients SET public_id = NULL WHERE id = pid;
    UPDATE ${schema}.patients SET public_id = 'pat_verifyv32bbbbbbbbbbbbbbbb', address = 'moved again' WHERE id = pid;
    -- audited: the address change, clearing the public id, filling it together with the address; not: filling it alone
    SELECT count(*) INTO n FROM ${schema}.audit_logs WHERE table_name = 'patients' AND record_id = pid AND action = 'UPDATE';
    IF n <> 3 THEN
        RAISE EXCEPTION 'chatbot-crm V32: 4 updates of a patient, 3 of them audited, wrote % audit rows', n;
    END IF;
END
$$;
