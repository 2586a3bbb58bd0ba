-- Every statement below names a schema lint_boundary neither owns nor requires: one SM014 each (line of the name).
CREATE TABLE clinic.visit_notes (id bigint PRIMARY KEY);
ALTER TABLE ${schema}.visits ADD COLUMN patient_id bigint REFERENCES
    clinic.patients (id);
INSERT INTO clinic_archive.audit (what) VALUES ('visit');
GRANT SELECT ON clinic.patients TO lint_boundary_reader;
GRANT USAGE ON SCHEMA clinic TO lint_boundary_reader;
CREATE FUNCTION ${schema}.patient_count() RETURNS bigint LANGUAGE sql STABLE SET search_path = pg_catalog, pg_temp AS $$
    SELECT count(*) FROM ${schema}.visits v JOIN
        clinic.patients p ON p.id = v.id
$$;
DO $body$
BEGIN
    UPDATE ${schema.clinic}.patients SET name = name;
END
$body$;
ALTER FUNCTION ${schema}.touch() SET search_path = clinic, pg_temp;
SELECT count(*) FROM billing.invoices;
SELECT 'clinic.patients'::regclass;
-- lint:ignore SM014 fixture: a waived crossing, reported as waived
ALTER TABLE clinic.patients OWNER TO lint_boundary_owner;
