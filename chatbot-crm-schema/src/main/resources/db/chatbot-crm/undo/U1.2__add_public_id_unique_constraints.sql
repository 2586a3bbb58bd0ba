-- Reverts V1.2: the UNIQUE constraints become the plain unique indexes V1.1 built again (dropping a
-- constraint drops its index, so each is rebuilt; undo runs in one transaction, not concurrently).
ALTER TABLE patients DROP CONSTRAINT patients_public_id_key;
CREATE UNIQUE INDEX patients_public_id_key ON patients (public_id);
ALTER TABLE doctors DROP CONSTRAINT doctors_public_id_key;
CREATE UNIQUE INDEX doctors_public_id_key ON doctors (public_id);
ALTER TABLE appointments DROP CONSTRAINT appointments_public_id_key;
CREATE UNIQUE INDEX appointments_public_id_key ON appointments (public_id);
ALTER TABLE sessions DROP CONSTRAINT sessions_public_id_key;
CREATE UNIQUE INDEX sessions_public_id_key ON sessions (public_id);
ALTER TABLE insurance_claims DROP CONSTRAINT insurance_claims_public_id_key;
CREATE UNIQUE INDEX insurance_claims_public_id_key ON insurance_claims (public_id);
