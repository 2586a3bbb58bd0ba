-- Reverts V6: the added columns, then the eight tables (their indexes and triggers go with them).
ALTER TABLE consultations DROP CONSTRAINT fk_treatment_override;
ALTER TABLE consultations DROP COLUMN treatment_override_id;
ALTER TABLE orders DROP COLUMN refund_reason, DROP COLUMN refund_status, DROP COLUMN refund_amount;
ALTER TABLE patients DROP COLUMN account_credit;
DROP TABLE subscription_payments;
DROP TABLE subscription_events;
DROP TABLE patient_subscriptions;
DROP TABLE patient_flags;
DROP TABLE clinical_notes;
DROP TABLE treatment_plan_overrides;
DROP TABLE billing_adjustments;
DROP TABLE admin_actions;
