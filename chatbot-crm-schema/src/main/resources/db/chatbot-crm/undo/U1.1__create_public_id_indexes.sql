-- Reverts V1.1: the public_id indexes of the five core tables.
DROP INDEX idx_patients_public_id;
DROP INDEX patients_public_id_key;
DROP INDEX idx_doctors_public_id;
DROP INDEX doctors_public_id_key;
DROP INDEX idx_appointments_public_id;
DROP INDEX appointments_public_id_key;
DROP INDEX idx_sessions_public_id;
DROP INDEX sessions_public_id_key;
DROP INDEX idx_insurance_claims_public_id;
DROP INDEX insurance_claims_public_id_key;
