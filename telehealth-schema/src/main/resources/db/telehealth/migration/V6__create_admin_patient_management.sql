-- V6: admin patient management (the application's 006_admin_patient_management.sql): admin audit
-- trail, billing adjustments, treatment plan overrides, clinical notes, patient flags, Stripe
-- subscriptions with their events and payments; new columns on patients, orders, consultations.
-- Fixed here: admin-, provider-referencing FKs that would destroy audit, financial or clinical records
-- are RESTRICT (the application cascaded); no grants to the never-created role zappy_admin nor to
-- every role; updated_at maintained on overrides, notes and subscriptions; subscription_events is
-- indexed on patient_id; each constraint is a statement of its own (re-runnable pieces).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE admin_actions (
    id             uuid         NOT NULL DEFAULT gen_random_uuid(),
    admin_id       uuid         NOT NULL,
    action_type    varchar(100) NOT NULL,
    target_type    varchar(50)  NOT NULL,
    target_id      uuid         NOT NULL,
    action_details jsonb,
    ip_address     varchar(45),
    user_agent     text,
    created_at     timestamptz  DEFAULT now(),
    CONSTRAINT admin_actions_pkey PRIMARY KEY (id),
    CONSTRAINT admin_actions_admin_id_fkey FOREIGN KEY (admin_id) REFERENCES admins (id) ON DELETE RESTRICT
);
COMMENT ON TABLE admin_actions IS 'Audit trail of every admin action (target: patient, subscription, order, ...); an admin with actions cannot be deleted.';

CREATE TABLE billing_adjustments (
    id         uuid          NOT NULL DEFAULT gen_random_uuid(),
    patient_id uuid          NOT NULL,
    type       varchar(20)   NOT NULL,
    amount     numeric(10,2) NOT NULL,
    reason     text          NOT NULL,
    order_id   uuid,
    created_by uuid          NOT NULL,
    created_at timestamptz   DEFAULT now(),
    CONSTRAINT billing_adjustments_pkey PRIMARY KEY (id),
    CONSTRAINT billing_adjustments_type_check CHECK (type IN ('credit', 'refund', 'discount')),
    CONSTRAINT billing_adjustments_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT billing_adjustments_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE SET NULL,
    CONSTRAINT billing_adjustments_created_by_fkey FOREIGN KEY (created_by) REFERENCES admins (id) ON DELETE RESTRICT
);
COMMENT ON TABLE billing_adjustments IS 'Credits, refunds and discounts granted by admins.';

CREATE TABLE treatment_plan_overrides (
    id            uuid        NOT NULL DEFAULT gen_random_uuid(),
    patient_id    uuid        NOT NULL,
    plan_id       uuid        NOT NULL,
    provider_id   uuid        NOT NULL,
    modifications jsonb       DEFAULT '{}',
    reason        text        NOT NULL,
    is_active     boolean     DEFAULT true,
    created_at    timestamptz DEFAULT now(),
    updated_at    timestamptz DEFAULT now(),
    CONSTRAINT treatment_plan_overrides_pkey PRIMARY KEY (id),
    CONSTRAINT treatment_plan_overrides_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT treatment_plan_overrides_plan_id_fkey FOREIGN KEY (plan_id) REFERENCES treatment_plans (id) ON DELETE CASCADE,
    CONSTRAINT treatment_plan_overrides_provider_id_fkey FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE RESTRICT
);
COMMENT ON TABLE treatment_plan_overrides IS 'Per-patient provider modifications of a treatment plan.';

CREATE TABLE clinical_notes (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    patient_id      uuid        NOT NULL,
    provider_id     uuid        NOT NULL,
    consultation_id uuid,
    type            varchar(20) NOT NULL,
    subjective      text,
    objective       text,
    assessment      text,
    plan            text,
    content         text,
    is_locked       boolean     DEFAULT false,
    locked_at       timestamptz,
    locked_by       uuid,
    created_at      timestamptz DEFAULT now(),
    updated_at      timestamptz DEFAULT now(),
    updated_by      uuid,
    CONSTRAINT clinical_notes_pkey PRIMARY KEY (id),
    CONSTRAINT clinical_notes_type_check CHECK (type IN ('soap', 'progress', 'admin', 'internal')),
    CONSTRAINT clinical_notes_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT clinical_notes_provider_id_fkey FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE RESTRICT,
    CONSTRAINT clinical_notes_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultations (id) ON DELETE SET NULL,
    CONSTRAINT clinical_notes_locked_by_fkey FOREIGN KEY (locked_by) REFERENCES providers (id) ON DELETE SET NULL,
    CONSTRAINT clinical_notes_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES providers (id) ON DELETE SET NULL
);
COMMENT ON TABLE clinical_notes IS 'SOAP, progress, admin and internal notes; content holds the text of non-SOAP notes.';

CREATE TABLE patient_flags (
    id         uuid        NOT NULL DEFAULT gen_random_uuid(),
    patient_id uuid        NOT NULL,
    flag_type  varchar(50) NOT NULL,
    reason     text        NOT NULL,
    is_active  boolean     DEFAULT true,
    expires_at timestamptz,
    created_by uuid        NOT NULL,
    created_at timestamptz DEFAULT now(),
    removed_at timestamptz,
    removed_by uuid,
    CONSTRAINT patient_flags_pkey PRIMARY KEY (id),
    CONSTRAINT patient_flags_flag_type_check CHECK (flag_type IN ('high_risk', 'vip', 'collections', 'fraud_risk', 'compliance')),
    CONSTRAINT patient_flags_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT patient_flags_created_by_fkey FOREIGN KEY (created_by) REFERENCES admins (id) ON DELETE RESTRICT,
    CONSTRAINT patient_flags_removed_by_fkey FOREIGN KEY (removed_by) REFERENCES admins (id) ON DELETE SET NULL
);
COMMENT ON TABLE patient_flags IS 'Admin flags on patients (high_risk, vip, collections, fraud_risk, compliance).';

CREATE TABLE patient_subscriptions (
    id                     uuid         NOT NULL DEFAULT gen_random_uuid(),
    patient_id             uuid         NOT NULL,
    stripe_subscription_id varchar(255),
    stripe_customer_id     varchar(255),
    plan_id                varchar(100) NOT NULL,
    status                 varchar(50)  NOT NULL DEFAULT 'active',
    current_period_start   timestamptz,
    current_period_end     timestamptz,
    cancel_at_period_end   boolean      DEFAULT false,
    canceled_at            timestamptz,
    cancel_reason          text,
    paused_at              timestamptz,
    resume_date            timestamptz,
    metadata               jsonb        DEFAULT '{}',
    created_at             timestamptz  DEFAULT now(),
    updated_at             timestamptz  DEFAULT now(),
    CONSTRAINT patient_subscriptions_pkey PRIMARY KEY (id),
    CONSTRAINT patient_subscriptions_stripe_subscription_id_key UNIQUE (stripe_subscription_id),
    CONSTRAINT patient_subscriptions_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE
);
COMMENT ON TABLE patient_subscriptions IS 'Patient subscriptions synced from Stripe (plan_id is the Stripe/plan key, not a foreign key).';

CREATE TABLE subscription_events (
    id                     uuid         NOT NULL DEFAULT gen_random_uuid(),
    patient_id             uuid         NOT NULL,
    event_type             varchar(100) NOT NULL,
    plan_id                varchar(100),
    stripe_subscription_id varchar(255),
    metadata               jsonb        DEFAULT '{}',
    created_at             timestamptz  DEFAULT now(),
    CONSTRAINT subscription_events_pkey PRIMARY KEY (id),
    CONSTRAINT subscription_events_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE
);
COMMENT ON TABLE subscription_events IS 'Subscription lifecycle events (created, paused, cancelled, ...) per patient.';

CREATE TABLE subscription_payments (
    id                     uuid          NOT NULL DEFAULT gen_random_uuid(),
    stripe_invoice_id      varchar(255),
    stripe_subscription_id varchar(255),
    patient_id             uuid,
    amount                 numeric(10,2) NOT NULL,
    status                 varchar(50)   NOT NULL,
    error_message          text,
    paid_at                timestamptz,
    created_at             timestamptz   DEFAULT now(),
    CONSTRAINT subscription_payments_pkey PRIMARY KEY (id),
    CONSTRAINT subscription_payments_stripe_invoice_id_key UNIQUE (stripe_invoice_id),
    CONSTRAINT subscription_payments_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE SET NULL
);
COMMENT ON TABLE subscription_payments IS 'Stripe invoice payments; kept (patient_id NULL) when the patient is deleted.';

-- Columns on existing tables
ALTER TABLE patients ADD COLUMN account_credit numeric(10,2) DEFAULT 0.00;
ALTER TABLE orders
    ADD COLUMN refund_amount numeric(10,2) DEFAULT 0.00,
    ADD COLUMN refund_status varchar(50),
    ADD COLUMN refund_reason text;
ALTER TABLE consultations ADD COLUMN treatment_override_id uuid;
-- NOT VALID: no scan of consultations under this transaction's lock; V6.1 validates it
ALTER TABLE consultations
    ADD CONSTRAINT fk_treatment_override FOREIGN KEY (treatment_override_id) REFERENCES treatment_plan_overrides (id) ON DELETE SET NULL NOT VALID;

-- 16 indexes of the application + 1 of the module (subscription_events.patient_id)
CREATE INDEX idx_admin_actions_admin_id ON admin_actions (admin_id);
CREATE INDEX idx_admin_actions_target ON admin_actions (target_type, target_id);
CREATE INDEX idx_admin_actions_created_at ON admin_actions (created_at);
CREATE INDEX idx_billing_adjustments_patient_id ON billing_adjustments (patient_id);
CREATE INDEX idx_billing_adjustments_order_id ON billing_adjustments (order_id);
CREATE INDEX idx_treatment_overrides_patient_id ON treatment_plan_overrides (patient_id);
CREATE INDEX idx_treatment_overrides_plan_id ON treatment_plan_overrides (plan_id);
CREATE INDEX idx_clinical_notes_patient_id ON clinical_notes (patient_id);
CREATE INDEX idx_clinical_notes_provider_id ON clinical_notes (provider_id);
CREATE INDEX idx_clinical_notes_consultation_id ON clinical_notes (consultation_id);
CREATE INDEX idx_clinical_notes_created_at ON clinical_notes (created_at);
CREATE INDEX idx_patient_flags_patient_id ON patient_flags (patient_id);
CREATE INDEX idx_patient_flags_active ON patient_flags (patient_id, is_active) WHERE is_active = true;
CREATE INDEX idx_patient_subscriptions_patient_id ON patient_subscriptions (patient_id);
CREATE INDEX idx_patient_subscriptions_stripe_id ON patient_subscriptions (stripe_subscription_id);
CREATE INDEX idx_patient_subscriptions_status ON patient_subscriptions (status);
CREATE INDEX idx_subscription_events_patient_id ON subscription_events (patient_id);

CREATE TRIGGER update_treatment_plan_overrides_updated_at BEFORE UPDATE ON treatment_plan_overrides
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_clinical_notes_updated_at BEFORE UPDATE ON clinical_notes
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_patient_subscriptions_updated_at BEFORE UPDATE ON patient_subscriptions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
