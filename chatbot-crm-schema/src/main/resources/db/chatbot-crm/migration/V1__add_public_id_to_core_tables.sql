-- The document's 001: public_id on the five existing healthcare tables (its legacy 002/003 for
-- appointments and sessions are covered here; versions 2 and 3 are left unused).
-- The column is added WITHOUT a default first and the default is set afterwards: a volatile default
-- on ADD COLUMN would rewrite the table and fill every existing row at once under an exclusive lock.
-- Existing rows stay NULL; the backfill-public-ids task fills them in short batches.
-- Online: this script changes the catalog only (milliseconds under each table's lock). The unique and
-- partial indexes are built CONCURRENTLY by V1.1, and V1.2 turns the unique ones into the UNIQUE
-- constraints (ADD CONSTRAINT ... USING INDEX: no scan, no build).
-- The application's 001 also wrote a row into audit_logs (which only exists from V30): not copied.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE patients ADD COLUMN public_id varchar(255);
ALTER TABLE patients ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('pat');
COMMENT ON COLUMN patients.public_id IS 'CUID public identifier for API use';

ALTER TABLE doctors ADD COLUMN public_id varchar(255);
ALTER TABLE doctors ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('doc');
COMMENT ON COLUMN doctors.public_id IS 'CUID public identifier for API use';

ALTER TABLE appointments ADD COLUMN public_id varchar(255);
ALTER TABLE appointments ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('apt');
COMMENT ON COLUMN appointments.public_id IS 'CUID public identifier for API use';

ALTER TABLE sessions ADD COLUMN public_id varchar(255);
ALTER TABLE sessions ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('ses');
COMMENT ON COLUMN sessions.public_id IS 'CUID public identifier for API use';

ALTER TABLE insurance_claims ADD COLUMN public_id varchar(255);
ALTER TABLE insurance_claims ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('clm');
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
