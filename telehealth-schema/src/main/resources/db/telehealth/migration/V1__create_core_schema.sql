-- V1: consolidated core schema (the application's 001_consolidated_schema_fixed.sql).
-- 13 tables, 25 indexes, the updated_at trigger function with its triggers, rx/order number
-- generators, encrypted pharmacy API keys, comments.
-- Fixed here (see README "Defects fixed"): no DROP ... CASCADE prelude, indexes as separate
-- statements, updated_at maintained on every table that has the column, explicit constraint names.

-- updated_at trigger function (the application's name; the platform's set_updated_at() is equivalent)
CREATE FUNCTION update_updated_at_column()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, ${schema}, pg_temp
AS $fn$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION update_updated_at_column() IS 'BEFORE UPDATE row trigger: sets updated_at to now().';

-- ---------------------------------------------------------------------------------------------
CREATE TABLE consultation_settings (
    id                      uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    consultation_fee        numeric(10,2) DEFAULT 0.00,
    refill_consultation_fee numeric(10,2) DEFAULT 0.00,
    require_credit_card     boolean       DEFAULT true,
    auto_charge_on_approval boolean       DEFAULT true,
    created_at              timestamp     DEFAULT CURRENT_TIMESTAMP,
    updated_at              timestamp     DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT consultation_settings_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE consultation_settings IS 'Global consultation pricing (single row): $0 fee = free consultation, card kept on file.';
COMMENT ON COLUMN consultation_settings.consultation_fee IS 'Fee for a new consultation; 0.00 = free consultation.';
COMMENT ON COLUMN consultation_settings.refill_consultation_fee IS 'Fee for a refill consultation; 0.00 = free.';
COMMENT ON COLUMN consultation_settings.require_credit_card IS 'A valid card on file is required before a consultation is submitted.';
COMMENT ON COLUMN consultation_settings.auto_charge_on_approval IS 'Charge the card on file automatically once a provider approves.';

CREATE TABLE patients (
    id                        uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    email                     varchar(255)  NOT NULL,
    password_hash             varchar(255),
    first_name                varchar(100)  NOT NULL,
    last_name                 varchar(100)  NOT NULL,
    phone                     varchar(20),
    date_of_birth             date          NOT NULL,
    shipping_address          text,
    shipping_city             varchar(100),
    shipping_state            varchar(2),
    shipping_zip              varchar(10),
    allergies                 text[],
    current_medications       text[],
    medical_conditions        text[],
    stripe_customer_id        varchar(255),
    default_payment_method_id varchar(255),
    has_valid_payment_method  boolean       DEFAULT false,
    email_verified            boolean       DEFAULT false,
    verification_token        varchar(255),
    reset_token               varchar(255),
    reset_token_expires       timestamp,
    last_login                timestamp,
    subscription_status       varchar(50)   DEFAULT 'none',
    subscription_id           varchar(255),
    created_at                timestamp     DEFAULT CURRENT_TIMESTAMP,
    updated_at                timestamp     DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT patients_pkey PRIMARY KEY (id),
    CONSTRAINT patients_email_key UNIQUE (email)
);
COMMENT ON TABLE patients IS 'Patient accounts; the card on file lives at Stripe (customer id + default payment method).';
COMMENT ON COLUMN patients.stripe_customer_id IS 'Stripe customer id holding the card on file.';
COMMENT ON COLUMN patients.has_valid_payment_method IS 'True once a valid card is on file (required to submit a consultation).';
COMMENT ON COLUMN patients.subscription_status IS 'none, active, cancelled, paused';

CREATE TABLE providers (
    id                          uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    email                       varchar(255) NOT NULL,
    password_hash               varchar(255) NOT NULL,
    first_name                  varchar(100) NOT NULL,
    last_name                   varchar(100) NOT NULL,
    phone                       varchar(20),
    license_number              varchar(100) NOT NULL,
    npi_number                  varchar(20),
    dea_number                  varchar(20),
    specialties                 text[],
    states_licensed             text[]       NOT NULL,
    status                      varchar(50)  DEFAULT 'pending',
    email_verified              boolean      DEFAULT false,
    verification_token          varchar(255),
    reset_token                 varchar(255),
    reset_token_expires         timestamp,
    last_login                  timestamp,
    available_for_consultations boolean      DEFAULT true,
    consultation_capacity       integer      DEFAULT 20,
    created_at                  timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at                  timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT providers_pkey PRIMARY KEY (id),
    CONSTRAINT providers_email_key UNIQUE (email),
    CONSTRAINT providers_npi_number_key UNIQUE (npi_number)
);
COMMENT ON COLUMN providers.status IS 'pending, active, inactive, suspended';
COMMENT ON COLUMN providers.consultation_capacity IS 'Maximum consultations per day.';

-- status and last_login are added by V4 (consolidate_admin_tables)
CREATE TABLE admins (
    id                  uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    email               varchar(255) NOT NULL,
    password_hash       varchar(255) NOT NULL,
    first_name          varchar(100) NOT NULL,
    last_name           varchar(100) NOT NULL,
    role                varchar(50)  DEFAULT 'admin',
    permissions         jsonb        DEFAULT '{}',
    two_factor_enabled  boolean      DEFAULT false,
    two_factor_secret   varchar(255),
    reset_token         varchar(255),
    reset_token_expires timestamp,
    created_at          timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at          timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT admins_pkey PRIMARY KEY (id),
    CONSTRAINT admins_email_key UNIQUE (email)
);
COMMENT ON COLUMN admins.role IS 'admin, super_admin, support';

CREATE TABLE medications (
    id                    uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    name                  varchar(255)  NOT NULL,
    generic_name          varchar(255),
    brand_name            varchar(255),
    category              varchar(100),
    available_dosages     jsonb,
    base_price            numeric(10,2),
    subscription_discount numeric(3,2)  DEFAULT 0.15,
    requires_prescription boolean       DEFAULT true,
    controlled_substance  boolean       DEFAULT false,
    dea_schedule          varchar(10),
    active                boolean       DEFAULT true,
    stock_quantity        integer       DEFAULT 1000,
    description           text,
    side_effects          text[],
    contraindications     text[],
    image_url             varchar(500),
    created_at            timestamp     DEFAULT CURRENT_TIMESTAMP,
    updated_at            timestamp     DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT medications_pkey PRIMARY KEY (id)
);
COMMENT ON COLUMN medications.available_dosages IS 'List of {strength, form}.';
COMMENT ON COLUMN medications.subscription_discount IS 'Fraction off for subscriptions (0.15 = 15 %).';

-- api_key_encrypted holds only an ASCII-armored pgcrypto PGP message (see set_pharmacy_api_key)
CREATE TABLE pharmacies (
    id                    uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    name                  varchar(255) NOT NULL,
    api_endpoint          varchar(500),
    api_key_encrypted     text,
    address               text,
    city                  varchar(100),
    state                 varchar(2),
    zip                   varchar(10),
    phone                 varchar(20),
    email                 varchar(255),
    supported_medications text[],
    states_serviced       text[],
    active                boolean      DEFAULT true,
    preferred             boolean      DEFAULT false,
    created_at            timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at            timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pharmacies_pkey PRIMARY KEY (id),
    CONSTRAINT ck_pharmacies_api_key_encrypted CHECK (api_key_encrypted IS NULL OR api_key_encrypted LIKE '-----BEGIN PGP MESSAGE-----%')
);
COMMENT ON TABLE pharmacies IS 'Fulfillment partner pharmacies; API keys are stored PGP-encrypted (set_pharmacy_api_key / pharmacy_api_key).';
COMMENT ON COLUMN pharmacies.api_key_encrypted IS 'ASCII-armored pgp_sym_encrypt output; the secret comes from the setting telehealth.api_key_secret or an argument, never from the database.';

CREATE TABLE consultations (
    id                 uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    patient_id         uuid          NOT NULL,
    provider_id        uuid,
    chief_complaint    text          NOT NULL,
    symptoms           text[],
    symptom_duration   varchar(100),
    severity           varchar(50),
    provider_notes     text,
    diagnosis          text,
    treatment_plan     text,
    status             varchar(50)   DEFAULT 'pending',
    reviewed_at        timestamp,
    completed_at       timestamp,
    consultation_fee   numeric(10,2) DEFAULT 0.00,
    payment_status     varchar(50)   DEFAULT 'pending',
    payment_intent_id  varchar(255),
    charged_at         timestamp,
    follow_up_required boolean       DEFAULT false,
    follow_up_date     date,
    created_at         timestamp     DEFAULT CURRENT_TIMESTAMP,
    updated_at         timestamp     DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT consultations_pkey PRIMARY KEY (id),
    CONSTRAINT consultations_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT consultations_provider_id_fkey FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE SET NULL
);
COMMENT ON TABLE consultations IS 'Medical consultations submitted by patients and reviewed by providers.';
COMMENT ON COLUMN consultations.status IS 'pending, in_review, approved, denied, completed';
COMMENT ON COLUMN consultations.payment_status IS 'pending, charged, failed, refunded: the card on file is charged after approval when the fee is above 0.';

CREATE TABLE prescriptions (
    id                 uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    consultation_id    uuid         NOT NULL,
    patient_id         uuid         NOT NULL,
    provider_id        uuid         NOT NULL,
    rx_number          varchar(100),
    status             varchar(50)  DEFAULT 'active',
    issued_date        date         DEFAULT CURRENT_DATE,
    expires_date       date         DEFAULT (CURRENT_DATE + INTERVAL '1 year'),
    refills_authorized integer      DEFAULT 0,
    refills_remaining  integer      DEFAULT 0,
    pharmacy_id        uuid,
    pharmacy_order_id  varchar(255),
    created_at         timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at         timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT prescriptions_pkey PRIMARY KEY (id),
    CONSTRAINT prescriptions_rx_number_key UNIQUE (rx_number),
    CONSTRAINT prescriptions_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultations (id) ON DELETE CASCADE,
    CONSTRAINT prescriptions_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT prescriptions_provider_id_fkey FOREIGN KEY (provider_id) REFERENCES providers (id) ON DELETE RESTRICT,
    CONSTRAINT prescriptions_pharmacy_id_fkey FOREIGN KEY (pharmacy_id) REFERENCES pharmacies (id)
);
COMMENT ON TABLE prescriptions IS 'Prescriptions written by providers; a provider with prescriptions cannot be deleted.';
COMMENT ON COLUMN prescriptions.status IS 'active, filled, cancelled, expired';

CREATE TABLE prescription_items (
    id              uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    prescription_id uuid         NOT NULL,
    medication_id   uuid         NOT NULL,
    dosage          varchar(100) NOT NULL,
    quantity        integer      NOT NULL,
    frequency       varchar(100),
    duration        varchar(100),
    instructions    text,
    created_at      timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT prescription_items_pkey PRIMARY KEY (id),
    CONSTRAINT prescription_items_prescription_id_fkey FOREIGN KEY (prescription_id) REFERENCES prescriptions (id) ON DELETE CASCADE,
    CONSTRAINT prescription_items_medication_id_fkey FOREIGN KEY (medication_id) REFERENCES medications (id)
);

CREATE TABLE orders (
    id                    uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    patient_id            uuid          NOT NULL,
    consultation_id       uuid,
    prescription_id       uuid,
    pharmacy_id           uuid,
    order_number          varchar(100),
    status                varchar(50)   DEFAULT 'pending',
    is_subscription       boolean       DEFAULT false,
    subscription_id       varchar(255),
    subscription_interval varchar(50),
    subtotal              numeric(10,2) NOT NULL,
    discount_amount       numeric(10,2) DEFAULT 0.00,
    shipping_amount       numeric(10,2) DEFAULT 0.00,
    tax_amount            numeric(10,2) DEFAULT 0.00,
    total_amount          numeric(10,2) NOT NULL,
    payment_method_id     varchar(255),
    payment_intent_id     varchar(255),
    payment_status        varchar(50)   DEFAULT 'pending',
    paid_at               timestamp,
    shipping_address      text,
    shipping_city         varchar(100),
    shipping_state        varchar(2),
    shipping_zip          varchar(10),
    tracking_number       varchar(255),
    shipped_at            timestamp,
    delivered_at          timestamp,
    pharmacy_order_id     varchar(255),
    created_at            timestamp     DEFAULT CURRENT_TIMESTAMP,
    updated_at            timestamp     DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT orders_pkey PRIMARY KEY (id),
    CONSTRAINT orders_order_number_key UNIQUE (order_number),
    CONSTRAINT orders_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT orders_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultations (id),
    CONSTRAINT orders_prescription_id_fkey FOREIGN KEY (prescription_id) REFERENCES prescriptions (id),
    CONSTRAINT orders_pharmacy_id_fkey FOREIGN KEY (pharmacy_id) REFERENCES pharmacies (id)
);
COMMENT ON TABLE orders IS 'Medication orders (one-off or subscription) fulfilled by a partner pharmacy.';
COMMENT ON COLUMN orders.status IS 'pending, processing, shipped, delivered, cancelled';
COMMENT ON COLUMN orders.payment_status IS 'pending, paid, failed, refunded';

CREATE TABLE order_items (
    id              uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    order_id        uuid          NOT NULL,
    medication_id   uuid          NOT NULL,
    medication_name varchar(255),
    dosage          varchar(100),
    quantity        integer       NOT NULL,
    unit_price      numeric(10,2) NOT NULL,
    total_price     numeric(10,2) NOT NULL,
    created_at      timestamp     DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT order_items_pkey PRIMARY KEY (id),
    CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES orders (id) ON DELETE CASCADE,
    CONSTRAINT order_items_medication_id_fkey FOREIGN KEY (medication_id) REFERENCES medications (id)
);

CREATE TABLE messages (
    id              uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    consultation_id uuid         NOT NULL,
    sender_id       uuid         NOT NULL,
    sender_type     varchar(50)  NOT NULL,
    content         text         NOT NULL,
    attachment_url  varchar(500),
    is_read         boolean      DEFAULT false,
    read_at         timestamp,
    created_at      timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT messages_pkey PRIMARY KEY (id),
    CONSTRAINT messages_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultations (id) ON DELETE CASCADE
);
COMMENT ON COLUMN messages.sender_id IS 'Patient, provider or system id (polymorphic, no foreign key).';

CREATE TABLE patient_documents (
    id              uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    patient_id      uuid         NOT NULL,
    consultation_id uuid,
    document_type   varchar(100),
    file_name       varchar(255),
    file_url        varchar(500),
    file_size       integer,
    mime_type       varchar(100),
    verified        boolean      DEFAULT false,
    verified_by     uuid,
    verified_at     timestamp,
    created_at      timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT patient_documents_pkey PRIMARY KEY (id),
    CONSTRAINT patient_documents_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT patient_documents_consultation_id_fkey FOREIGN KEY (consultation_id) REFERENCES consultations (id),
    CONSTRAINT patient_documents_verified_by_fkey FOREIGN KEY (verified_by) REFERENCES providers (id)
);
COMMENT ON COLUMN patient_documents.document_type IS 'id, insurance_card, medical_record, lab_result';

-- ---------------------------------------------------------------------------------------------
-- 25 indexes
CREATE INDEX idx_patients_email ON patients (email);
CREATE INDEX idx_patients_stripe ON patients (stripe_customer_id);
CREATE INDEX idx_providers_email ON providers (email);
CREATE INDEX idx_providers_status ON providers (status);
CREATE INDEX idx_providers_availability ON providers (available_for_consultations);
CREATE INDEX idx_admins_email ON admins (email);
CREATE INDEX idx_medications_category ON medications (category);
CREATE INDEX idx_medications_active ON medications (active);
CREATE INDEX idx_pharmacies_active ON pharmacies (active);
CREATE INDEX idx_consultations_patient ON consultations (patient_id);
CREATE INDEX idx_consultations_provider ON consultations (provider_id);
CREATE INDEX idx_consultations_status ON consultations (status);
CREATE INDEX idx_consultations_created ON consultations (created_at DESC);
CREATE INDEX idx_prescriptions_patient ON prescriptions (patient_id);
CREATE INDEX idx_prescriptions_status ON prescriptions (status);
CREATE INDEX idx_prescriptions_expires ON prescriptions (expires_date);
CREATE INDEX idx_prescription_items_prescription ON prescription_items (prescription_id);
CREATE INDEX idx_orders_patient ON orders (patient_id);
CREATE INDEX idx_orders_status ON orders (status);
CREATE INDEX idx_orders_created ON orders (created_at DESC);
CREATE INDEX idx_order_items_order ON order_items (order_id);
CREATE INDEX idx_messages_consultation ON messages (consultation_id);
CREATE INDEX idx_messages_created ON messages (created_at DESC);
CREATE INDEX idx_documents_patient ON patient_documents (patient_id);
CREATE INDEX idx_documents_type ON patient_documents (document_type);

-- ---------------------------------------------------------------------------------------------
-- updated_at triggers: the application's four, plus the five tables it forgot
CREATE TRIGGER update_patients_updated_at BEFORE UPDATE ON patients
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_providers_updated_at BEFORE UPDATE ON providers
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_consultations_updated_at BEFORE UPDATE ON consultations
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_orders_updated_at BEFORE UPDATE ON orders
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_consultation_settings_updated_at BEFORE UPDATE ON consultation_settings
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_admins_updated_at BEFORE UPDATE ON admins
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_medications_updated_at BEFORE UPDATE ON medications
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_pharmacies_updated_at BEFORE UPDATE ON pharmacies
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_prescriptions_updated_at BEFORE UPDATE ON prescriptions
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- ---------------------------------------------------------------------------------------------
-- Number generators: not column defaults; the UNIQUE columns catch the rare collision.
CREATE FUNCTION generate_rx_number()
    RETURNS varchar
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT ('RX' || to_char(CURRENT_DATE, 'YYYYMMDD') || '-' || lpad(floor(random() * 10000)::int::text, 4, '0'))::varchar
$fn$;
COMMENT ON FUNCTION generate_rx_number() IS 'Prescription number RX<YYYYMMDD>-<4 random digits>.';

CREATE FUNCTION generate_order_number()
    RETURNS varchar
    LANGUAGE sql
    VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $fn$
    SELECT ('ORD-' || to_char(CURRENT_DATE, 'YYYYMMDD') || '-' || lpad(floor(random() * 10000)::int::text, 4, '0'))::varchar
$fn$;
COMMENT ON FUNCTION generate_order_number() IS 'Order number ORD-<YYYYMMDD>-<4 random digits>.';

-- ---------------------------------------------------------------------------------------------
-- Pharmacy API keys, encrypted with pgcrypto (installed in ${schema.platform}). The secret is never
-- in a migration: pass it as p_secret, or set the custom setting telehealth.api_key_secret for the
-- session / role / database (SET telehealth.api_key_secret = '...'; ALTER ROLE app SET ...).
CREATE FUNCTION api_key_secret(p_secret text)
    RETURNS text
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    s text := coalesce(nullif(p_secret, ''), nullif(current_setting('telehealth.api_key_secret', true), ''));
BEGIN
    IF s IS NULL THEN
        RAISE EXCEPTION 'no pharmacy API key secret: pass it as an argument or SET telehealth.api_key_secret'
            USING ERRCODE = '22023';
    END IF;
    RETURN s;
END
$fn$;
COMMENT ON FUNCTION api_key_secret(text) IS 'The encryption secret: the argument, else the setting telehealth.api_key_secret; raises when neither is set.';

CREATE FUNCTION set_pharmacy_api_key(p_pharmacy_id uuid, p_api_key text, p_secret text DEFAULT NULL)
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, ${schema}, pg_temp
AS $fn$
BEGIN
    UPDATE pharmacies
       SET api_key_encrypted = CASE WHEN p_api_key IS NULL THEN NULL
                                    ELSE ${schema.platform}.armor(${schema.platform}.pgp_sym_encrypt(p_api_key, api_key_secret(p_secret), 'cipher-algo=aes256'))
                               END
     WHERE id = p_pharmacy_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'pharmacy % does not exist', p_pharmacy_id USING ERRCODE = 'P0002';
    END IF;
END
$fn$;
COMMENT ON FUNCTION set_pharmacy_api_key(uuid, text, text) IS 'Stores a pharmacy API key PGP-encrypted (AES-256, ASCII armor); the plaintext never reaches the table.';

CREATE FUNCTION pharmacy_api_key(p_pharmacy_id uuid, p_secret text DEFAULT NULL)
    RETURNS text
    LANGUAGE plpgsql
    STABLE
    SET search_path = pg_catalog, ${schema}, pg_temp
AS $fn$
DECLARE
    enc text;
BEGIN
    SELECT api_key_encrypted INTO enc FROM pharmacies WHERE id = p_pharmacy_id;
    IF enc IS NULL THEN
        RETURN NULL;
    END IF;
    RETURN ${schema.platform}.pgp_sym_decrypt(${schema.platform}.dearmor(enc), api_key_secret(p_secret));
END
$fn$;
COMMENT ON FUNCTION pharmacy_api_key(uuid, text) IS 'Decrypts a pharmacy API key with the given secret (or telehealth.api_key_secret); a wrong secret raises.';

-- Whoever may read or set pharmacy keys gets EXECUTE explicitly from the deployment.
REVOKE ALL ON FUNCTION api_key_secret(text), set_pharmacy_api_key(uuid, text, text), pharmacy_api_key(uuid, text) FROM PUBLIC;
