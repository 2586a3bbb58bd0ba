-- Reverts V0.2: the five core tables (with their indexes, triggers and policies) and the RLS helpers.
DROP TABLE insurance_claims;
DROP TABLE sessions;
DROP TABLE appointments;
DROP TABLE doctors;
DROP TABLE patients;
DROP FUNCTION is_treating_doctor(uuid);
DROP FUNCTION is_own_doctor(uuid);
