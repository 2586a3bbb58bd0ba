-- Validates the FK V3 added NOT VALID: a scan of consultations under SHARE UPDATE EXCLUSIVE (and ROW SHARE
-- on treatment_plans), which readers and writers do not wait for.
ALTER TABLE consultations VALIDATE CONSTRAINT consultations_selected_plan_id_fkey;
