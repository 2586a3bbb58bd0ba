-- Phase 1 of the application's "Production Database Migration Plan": base tables.
-- admins, organizations (optional FK to admins), users, auth_credentials (references by id only).
-- Plain CREATE (no IF NOT EXISTS): re-running is made safe by the history table, and a table that
-- already exists in another shape must fail loudly instead of being silently accepted (defect 11).

CREATE TABLE admins (
    id         serial       NOT NULL,
    name       varchar(255) NOT NULL,
    email      varchar(255) NOT NULL,
    created_at timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT admins_pkey PRIMARY KEY (id),
    CONSTRAINT admins_email_key UNIQUE (email)
);
-- Duplicates admins_email_key; kept for name parity with the application.
CREATE INDEX idx_admins_email ON admins (email);

COMMENT ON TABLE admins IS 'System administrators of the platform.';
COMMENT ON COLUMN admins.email IS 'Login e-mail of the administrator (unique).';

CREATE TABLE organizations (
    id                     serial       NOT NULL,
    name                   varchar(255) NOT NULL,
    date_of_creation       date         NOT NULL DEFAULT CURRENT_DATE,
    email                  varchar(255) NOT NULL,
    contact                varchar(50)  NOT NULL,
    address                text,
    photo_url              text,
    created_at             timestamp    DEFAULT CURRENT_TIMESTAMP,
    gst_no                 varchar(50),
    subscription_plan      varchar(50),
    is_active              boolean      DEFAULT true,
    deactivated_at         timestamp,
    deactivated_by         integer,
    video_sessions_enabled boolean      DEFAULT true,
    CONSTRAINT organizations_pkey PRIMARY KEY (id),
    CONSTRAINT organizations_email_key UNIQUE (email),
    CONSTRAINT organizations_subscription_plan_check CHECK (subscription_plan IN
        ('basic', 'basic_silver', 'basic_gold', 'pro_silver', 'pro_gold', 'pro_platinum')),
    -- The application has no delete action here (defect 2): deleting an admin who once deactivated an
    -- organization failed. SET NULL keeps the organization and forgets who deactivated it.
    CONSTRAINT organizations_deactivated_by_fkey FOREIGN KEY (deactivated_by)
        REFERENCES admins (id) ON DELETE SET NULL
);
CREATE INDEX idx_organizations_is_active ON organizations (is_active);
CREATE INDEX idx_organizations_video_sessions_enabled ON organizations (video_sessions_enabled);
-- Recommended additive index: supports the SET NULL on admin deletion.
CREATE INDEX idx_organizations_deactivated_by ON organizations (deactivated_by);

COMMENT ON TABLE organizations IS 'Therapy practices (organizations) that employ partners (therapists).';
COMMENT ON COLUMN organizations.date_of_creation IS 'Date the organization was created (defaults to the current date).';
COMMENT ON COLUMN organizations.gst_no IS 'GST registration number.';
COMMENT ON COLUMN organizations.subscription_plan IS 'Subscription plan: basic, basic_silver, basic_gold, pro_silver, pro_gold or pro_platinum; NULL = no plan.';
COMMENT ON COLUMN organizations.is_active IS 'Whether the organization is active; deactivated organizations cannot be used.';
COMMENT ON COLUMN organizations.deactivated_at IS 'When the organization was deactivated (NULL while active).';
COMMENT ON COLUMN organizations.deactivated_by IS 'Admin who deactivated the organization; set to NULL when that admin is deleted.';
COMMENT ON COLUMN organizations.video_sessions_enabled IS 'Whether partners of this organization may hold video sessions.';

CREATE TABLE users (
    id         serial       NOT NULL,
    name       varchar(255) NOT NULL,
    sex        varchar(20)  NOT NULL,
    age        integer      NOT NULL,
    email      varchar(255),
    contact    varchar(50)  NOT NULL,
    address    text,
    photo_url  text,
    created_at timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT users_pkey PRIMARY KEY (id),
    CONSTRAINT users_sex_check CHECK (sex IN ('Male', 'Female', 'Others')),
    CONSTRAINT users_age_check CHECK (age > 0)
);

COMMENT ON TABLE users IS 'Clients (patients) seen by partners.';
COMMENT ON COLUMN users.sex IS 'Male, Female or Others.';
COMMENT ON COLUMN users.email IS 'Contact e-mail; not unique (kept from the application).';

CREATE TABLE auth_credentials (
    id            serial       NOT NULL,
    user_type     varchar(20)  NOT NULL,
    reference_id  integer      NOT NULL,
    email         varchar(255) NOT NULL,
    password_hash text         NOT NULL,
    created_at    timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT auth_credentials_pkey PRIMARY KEY (id),
    CONSTRAINT auth_credentials_email_key UNIQUE (email),
    CONSTRAINT auth_credentials_user_type_check CHECK (user_type IN ('user', 'partner', 'organization', 'admin'))
);
-- Duplicates auth_credentials_email_key; kept for name parity with the application.
CREATE INDEX idx_auth_credentials_email ON auth_credentials (email);

COMMENT ON TABLE auth_credentials IS 'Login credentials of all four principal kinds (user, partner, organization, admin).';
COMMENT ON COLUMN auth_credentials.user_type IS 'Kind of principal: user, partner, organization or admin; names the table reference_id points into.';
COMMENT ON COLUMN auth_credentials.reference_id IS 'Id of the principal in the table named by user_type; polymorphic, so no foreign key by design.';
COMMENT ON COLUMN auth_credentials.email IS 'Login e-mail (unique); target of password_reset_tokens.email.';
COMMENT ON COLUMN auth_credentials.password_hash IS 'Password hash (never the plain password).';
