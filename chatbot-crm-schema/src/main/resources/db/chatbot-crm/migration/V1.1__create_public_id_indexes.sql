-- The indexes of public_id on the five core tables (V1), built CONCURRENTLY (writers continue), so this
-- script holds nothing else and runs outside a transaction: the unique index that V1.2 turns into the
-- UNIQUE constraint, and the partial index of the application. A failed build (e.g. a duplicate
-- public_id written meanwhile) leaves an INVALID index, which the next migrate drops before running this
-- again; IF NOT EXISTS skips the ones already built.
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS patients_public_id_key ON patients (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_patients_public_id ON patients (public_id) WHERE public_id IS NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS doctors_public_id_key ON doctors (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_doctors_public_id ON doctors (public_id) WHERE public_id IS NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS appointments_public_id_key ON appointments (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_appointments_public_id ON appointments (public_id) WHERE public_id IS NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS sessions_public_id_key ON sessions (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_sessions_public_id ON sessions (public_id) WHERE public_id IS NOT NULL;
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS insurance_claims_public_id_key ON insurance_claims (public_id);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_insurance_claims_public_id ON insurance_claims (public_id) WHERE public_id IS NOT NULL;
