-- The UNIQUE constraints of public_id on the five core tables, from the unique indexes V1.1 built: ADD
-- CONSTRAINT ... USING INDEX scans and builds nothing, so each table is locked for milliseconds.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE patients ADD CONSTRAINT patients_public_id_key UNIQUE USING INDEX patients_public_id_key;
ALTER TABLE doctors ADD CONSTRAINT doctors_public_id_key UNIQUE USING INDEX doctors_public_id_key;
ALTER TABLE appointments ADD CONSTRAINT appointments_public_id_key UNIQUE USING INDEX appointments_public_id_key;
ALTER TABLE sessions ADD CONSTRAINT sessions_public_id_key UNIQUE USING INDEX sessions_public_id_key;
ALTER TABLE insurance_claims ADD CONSTRAINT insurance_claims_public_id_key UNIQUE USING INDEX insurance_claims_public_id_key;
