-- lint:ignore-file SM002 the partial indexes cover public_id, added NULL in this same script: each build is one sequential scan that indexes no row (see README, "V1 on large tables")
-- The document's 001: public_id on the five existing healthcare tables (its legacy 002/003 for
-- appointments and sessions are covered here; versions 2 and 3 are left unused).
-- The column is added WITHOUT a default first and the default is set afterwards: a volatile default
-- on ADD COLUMN would rewrite the table and fill every existing row at once under an exclusive lock.
-- Existing rows stay NULL; the backfill-public-ids task fills them in short batches.
-- The application's 001 also wrote a row into audit_logs (which only exists from V30): not copied.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE patients ADD COLUMN public_id varchar(255);
-- lint:ignore SM009 the unique index covers public_id, added NULL by the statement above: one scan under the lock ADD COLUMN already holds (README, "V1 on large tables" gives the cost)
ALTER TABLE patients ADD CONSTRAINT patients_public_id_key UNIQUE (public_id);
ALTER TABLE patients ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('pat');
CREATE INDEX idx_patients_public_id ON patients (public_id) WHERE public_id IS NOT NULL;
COMMENT ON COLUMN patients.public_id IS 'CUID public identifier for API use';

ALTER TABLE doctors ADD COLUMN public_id varchar(255);
-- lint:ignore SM009 the unique index covers public_id, added NULL by the statement above: one scan under the lock ADD COLUMN already holds (README, "V1 on large tables" gives the cost)
ALTER TABLE doctors ADD CONSTRAINT doctors_public_id_key UNIQUE (public_id);
ALTER TABLE doctors ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('doc');
CREATE INDEX idx_doctors_public_id ON doctors (public_id) WHERE public_id IS NOT NULL;
COMMENT ON COLUMN doctors.public_id IS 'CUID public identifier for API use';

ALTER TABLE appointments ADD COLUMN public_id varchar(255);
-- lint:ignore SM009 the unique index covers public_id, added NULL by the statement above: one scan under the lock ADD COLUMN already holds (README, "V1 on large tables" gives the cost)
ALTER TABLE appointments ADD CONSTRAINT appointments_public_id_key UNIQUE (public_id);
ALTER TABLE appointments ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('apt');
CREATE INDEX idx_appointments_public_id ON appointments (public_id) WHERE public_id IS NOT NULL;
COMMENT ON COLUMN appointments.public_id IS 'CUID public identifier for API use';

ALTER TABLE sessions ADD COLUMN public_id varchar(255);
-- lint:ignore SM009 the unique index covers public_id, added NULL by the statement above: one scan under the lock ADD COLUMN already holds (README, "V1 on large tables" gives the cost)
ALTER TABLE sessions ADD CONSTRAINT sessions_public_id_key UNIQUE (public_id);
ALTER TABLE sessions ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('ses');
CREATE INDEX idx_sessions_public_id ON sessions (public_id) WHERE public_id IS NOT NULL;
COMMENT ON COLUMN sessions.public_id IS 'CUID public identifier for API use';

ALTER TABLE insurance_claims ADD COLUMN public_id varchar(255);
-- lint:ignore SM009 the unique index covers public_id, added NULL by the statement above: one scan under the lock ADD COLUMN already holds (README, "V1 on large tables" gives the cost)
ALTER TABLE insurance_claims ADD CONSTRAINT insurance_claims_public_id_key UNIQUE (public_id);
ALTER TABLE insurance_claims ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('clm');
CREATE INDEX idx_insurance_claims_public_id ON insurance_claims (public_id) WHERE public_id IS NOT NULL;
COMMENT ON COLUMN insurance_claims.public_id IS 'CUID public identifier for API use';

-- Reference data: the public-id prefix of each table (the document's 16 prefixes, plus doc_ for
-- doctors, the backfill script's choice). Tables created later in this module use the same prefixes
-- as their column defaults; the backfill task reads its prefixes from here.
CREATE FUNCTION public_id_prefixes()
    RETURNS TABLE (table_name text, prefix text)
    LANGUAGE sql
    IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $fn$
    VALUES ('patients', 'pat'), ('doctors', 'doc'), ('appointments', 'apt'), ('sessions', 'ses'),
           ('insurance_claims', 'clm'), ('chatbot_flows', 'flw'), ('chatbot_nodes', 'nod'),
           ('chatbot_edges', 'edg'), ('conversations', 'cnv'), ('messages', 'msg'), ('crm_leads', 'led'),
           ('crm_deals', 'del'), ('crm_activities', 'act'), ('notifications', 'ntf'), ('audit_logs', 'aud'),
           ('roles', 'rol'), ('settings', 'set')
$fn$;
COMMENT ON FUNCTION public_id_prefixes() IS 'Public-id prefix of each table (reference data): 16 documented prefixes plus doc for doctors.';
REVOKE ALL ON FUNCTION public_id_prefixes() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public_id_prefixes() TO anon, authenticated, service_role;
