-- Reverts V3.1: the FK as V3 left it, NOT VALID (a validated constraint cannot be marked unvalidated).
ALTER TABLE consultations DROP CONSTRAINT consultations_selected_plan_id_fkey,
    ADD CONSTRAINT consultations_selected_plan_id_fkey FOREIGN KEY (selected_plan_id) REFERENCES treatment_plans (id) NOT VALID;
