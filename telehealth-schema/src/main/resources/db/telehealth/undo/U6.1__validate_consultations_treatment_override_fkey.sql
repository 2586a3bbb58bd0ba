-- Reverts V6.1: the FK as V6 left it, NOT VALID (a validated constraint cannot be marked unvalidated).
ALTER TABLE consultations DROP CONSTRAINT fk_treatment_override,
    ADD CONSTRAINT fk_treatment_override FOREIGN KEY (treatment_override_id) REFERENCES treatment_plan_overrides (id) ON DELETE SET NULL NOT VALID;
