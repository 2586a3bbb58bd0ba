-- Phase 2: dependent base tables. partners (depends on organizations), password_reset_tokens
-- (depends on auth_credentials via email).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE partners (
    id                         serial       NOT NULL,
    partner_id                 varchar(7)   NOT NULL,
    name                       varchar(255) NOT NULL,
    sex                        varchar(20)  NOT NULL,
    age                        integer      NOT NULL,
    email                      varchar(255),
    contact                    varchar(50)  NOT NULL,
    address                    text,
    photo_url                  text,
    organization_id            integer      NOT NULL,
    created_at                 timestamp    DEFAULT CURRENT_TIMESTAMP,
    is_active                  boolean      DEFAULT true,
    email_verified             boolean      DEFAULT false,
    verification_token         varchar(255),
    verification_token_expires timestamp,
    deactivated_at             timestamp,
    deactivated_by             integer,
    CONSTRAINT partners_pkey PRIMARY KEY (id),
    CONSTRAINT partners_partner_id_key UNIQUE (partner_id),
    CONSTRAINT partners_sex_check CHECK (sex IN ('Male', 'Female', 'Others')),
    CONSTRAINT partners_age_check CHECK (age > 0),
    CONSTRAINT partners_organization_id_fkey FOREIGN KEY (organization_id)
        REFERENCES organizations (id) ON DELETE CASCADE,
    -- The application has no delete action here (defect 2); SET NULL keeps the partner.
    CONSTRAINT partners_deactivated_by_fkey FOREIGN KEY (deactivated_by)
        REFERENCES organizations (id) ON DELETE SET NULL
);
CREATE INDEX idx_partners_organization ON partners (organization_id);
-- Duplicates partners_partner_id_key; kept for name parity with the application.
CREATE INDEX idx_partners_partner_id ON partners (partner_id);
CREATE INDEX idx_partners_is_active ON partners (is_active);
CREATE INDEX idx_partners_email_verified ON partners (email_verified);
CREATE INDEX idx_partners_verification_token ON partners (verification_token);
-- Recommended additive index: supports the SET NULL on organization deletion.
CREATE INDEX idx_partners_deactivated_by ON partners (deactivated_by);

COMMENT ON TABLE partners IS 'Partners (therapists) employed by an organization.';
COMMENT ON COLUMN partners.partner_id IS 'External partner code, unique, at most 7 characters.';
COMMENT ON COLUMN partners.email IS 'Contact e-mail; not unique (kept from the application).';
COMMENT ON COLUMN partners.organization_id IS 'Employing organization; deleting it deletes the partner.';
COMMENT ON COLUMN partners.is_active IS 'Whether the partner may log in.';
COMMENT ON COLUMN partners.email_verified IS 'Whether the partner has verified the e-mail address.';
COMMENT ON COLUMN partners.verification_token IS 'E-mail verification token (valid for 1 hour).';
COMMENT ON COLUMN partners.verification_token_expires IS 'Expiry of verification_token.';
COMMENT ON COLUMN partners.deactivated_at IS 'When the partner was deactivated (NULL while active).';
COMMENT ON COLUMN partners.deactivated_by IS 'Organization that deactivated the partner; set to NULL when that organization is deleted.';

CREATE TABLE password_reset_tokens (
    id         serial       NOT NULL,
    email      varchar(255) NOT NULL,
    token      varchar(255) NOT NULL,
    expires_at timestamp    NOT NULL,
    created_at timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT password_reset_tokens_pkey PRIMARY KEY (id),
    CONSTRAINT password_reset_tokens_token_key UNIQUE (token),
    -- ON UPDATE CASCADE is a fix (defect 7): the application blocked changing a credential's e-mail
    -- while tokens existed.
    CONSTRAINT fk_password_reset_email FOREIGN KEY (email)
        REFERENCES auth_credentials (email) ON DELETE CASCADE ON UPDATE CASCADE
);
-- Duplicates password_reset_tokens_token_key; kept for name parity with the application.
CREATE INDEX idx_password_reset_token ON password_reset_tokens (token);
CREATE INDEX idx_password_reset_email ON password_reset_tokens (email);

COMMENT ON TABLE password_reset_tokens IS 'Password reset tokens (1-hour expiry) for auth_credentials, matched by e-mail.';
COMMENT ON COLUMN password_reset_tokens.email IS 'E-mail of the credential; follows changes of auth_credentials.email.';
COMMENT ON COLUMN password_reset_tokens.token IS 'Reset token (unique).';
COMMENT ON COLUMN password_reset_tokens.expires_at IS 'Expiry of the token (1 hour after creation).';
COMMENT ON CONSTRAINT fk_password_reset_email ON password_reset_tokens IS
    'Tokens are deleted with their credential (ON DELETE CASCADE) and follow a change of its e-mail (ON UPDATE CASCADE).';
