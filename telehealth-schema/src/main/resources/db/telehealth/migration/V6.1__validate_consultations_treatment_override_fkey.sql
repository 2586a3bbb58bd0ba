-- Validates the FK V6 added NOT VALID: a scan of consultations under SHARE UPDATE EXCLUSIVE (and ROW SHARE
-- on treatment_plan_overrides), which readers and writers do not wait for.
ALTER TABLE consultations VALIDATE CONSTRAINT fk_treatment_override;
