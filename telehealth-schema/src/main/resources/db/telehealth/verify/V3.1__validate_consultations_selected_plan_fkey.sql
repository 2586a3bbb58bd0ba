-- Asserts V3.1: consultations_selected_plan_id_fkey is validated (a NOT VALID constraint prints as such
-- and does not match). Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V3.1', 'foreign key missing or NOT VALID', ARRAY(
        SELECT 'consultations.consultations_selected_plan_id_fkey'
         WHERE ('consultations', 'consultations_selected_plan_id_fkey', 'f', 'FOREIGN KEY (selected_plan_id) REFERENCES treatment_plans(id)')
               NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));
END
$$;
