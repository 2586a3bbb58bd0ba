-- Asserts V6.1: fk_treatment_override is validated (a NOT VALID constraint prints as such and does not
-- match). Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V6.1', 'foreign key missing or NOT VALID', ARRAY(
        SELECT 'consultations.fk_treatment_override'
         WHERE ('consultations', 'fk_treatment_override', 'f',
                'FOREIGN KEY (treatment_override_id) REFERENCES treatment_plan_overrides(id) ON DELETE SET NULL')
               NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));
END
$$;
