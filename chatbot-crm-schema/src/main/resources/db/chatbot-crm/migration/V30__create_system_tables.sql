-- The document's 030: notifications, internal (staff) messages, audit log, roles, user role
-- assignments and settings, with their indexes (absent from the documented 030, present elsewhere in
-- the application). Departures: explicit delete actions on every FK (the audit actor is SET NULL, so
-- a user with audit history can be deleted), the platform updated_at trigger.
-- Note: users.role (used by RLS via is_admin()) and roles/user_roles are two separate role systems,
-- as in the application; RLS does not read user_roles.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE notifications (
    id         uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id  varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('ntf'),
    user_id    uuid,
    title      varchar(255) NOT NULL,
    message    text         NOT NULL,
    type       varchar(50)           DEFAULT 'info',
    is_read    boolean               DEFAULT false,
    action_url varchar(500),
    metadata   jsonb,
    created_at timestamp             DEFAULT now(),
    read_at    timestamp,
    CONSTRAINT notifications_pkey PRIMARY KEY (id),
    CONSTRAINT notifications_public_id_key UNIQUE (public_id),
    CONSTRAINT notifications_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);
COMMENT ON TABLE notifications IS 'In-app notifications of a user; type: info, success, warning, error.';

CREATE TABLE internal_messages (
    id                uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id         varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id(''),
    sender_id         uuid,
    recipient_id      uuid,
    subject           varchar(255),
    content           text         NOT NULL,
    is_read           boolean               DEFAULT false,
    parent_message_id uuid,
    created_at        timestamp             DEFAULT now(),
    read_at           timestamp,
    CONSTRAINT internal_messages_pkey PRIMARY KEY (id),
    CONSTRAINT internal_messages_public_id_key UNIQUE (public_id),
    CONSTRAINT internal_messages_sender_id_fkey FOREIGN KEY (sender_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT internal_messages_recipient_id_fkey FOREIGN KEY (recipient_id) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT internal_messages_parent_message_id_fkey FOREIGN KEY (parent_message_id) REFERENCES internal_messages (id) ON DELETE SET NULL
);
COMMENT ON TABLE internal_messages IS 'Messages between staff members, threaded by parent_message_id. public_id has no prefix (bare id).';

CREATE TABLE audit_logs (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id   varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('aud'),
    user_id     uuid,
    action      varchar(100) NOT NULL,
    table_name  varchar(100) NOT NULL,
    record_id   uuid,
    old_values  jsonb,
    new_values  jsonb,
    ip_address  inet,
    user_agent  text,
    created_at  timestamp             DEFAULT now(),
    CONSTRAINT audit_logs_pkey PRIMARY KEY (id),
    CONSTRAINT audit_logs_public_id_key UNIQUE (public_id),
    CONSTRAINT audit_logs_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE audit_logs IS 'Audit trail: one row per audited change (written by audit_trigger_function only).';
COMMENT ON COLUMN audit_logs.action IS 'What happened: create, update, delete, login, logout; the audit trigger writes INSERT, UPDATE, DELETE.';
COMMENT ON COLUMN audit_logs.table_name IS 'Table of the audited record.';

CREATE TABLE roles (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id   varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('rol'),
    name        varchar(100) NOT NULL,
    description text,
    permissions jsonb        NOT NULL,
    is_system   boolean               DEFAULT false,
    created_at  timestamp             DEFAULT now(),
    updated_at  timestamp             DEFAULT now(),
    CONSTRAINT roles_pkey PRIMARY KEY (id),
    CONSTRAINT roles_public_id_key UNIQUE (public_id),
    CONSTRAINT roles_name_key UNIQUE (name)
);
COMMENT ON TABLE roles IS 'Permission bundles that can be assigned to users (user_roles); not used by RLS.';
COMMENT ON COLUMN roles.permissions IS 'JSON array of permission strings.';

CREATE TABLE user_roles (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id   varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id(''),
    user_id     uuid,
    role_id     uuid,
    assigned_by uuid,
    assigned_at timestamp             DEFAULT now(),
    CONSTRAINT user_roles_pkey PRIMARY KEY (id),
    CONSTRAINT user_roles_public_id_key UNIQUE (public_id),
    CONSTRAINT user_roles_user_id_role_id_key UNIQUE (user_id, role_id),
    CONSTRAINT user_roles_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT user_roles_role_id_fkey FOREIGN KEY (role_id) REFERENCES roles (id) ON DELETE CASCADE,
    CONSTRAINT user_roles_assigned_by_fkey FOREIGN KEY (assigned_by) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE user_roles IS 'Assignment of roles to users. public_id has no prefix (bare id).';

CREATE TABLE settings (
    id          uuid         NOT NULL DEFAULT gen_random_uuid(),
    public_id   varchar(255) NOT NULL DEFAULT ${schema.platform}.generate_public_id('set'),
    key         varchar(255) NOT NULL,
    value       jsonb        NOT NULL,
    description text,
    category    varchar(100)          DEFAULT 'general',
    is_public   boolean               DEFAULT false,
    updated_by  uuid,
    created_at  timestamp             DEFAULT now(),
    updated_at  timestamp             DEFAULT now(),
    CONSTRAINT settings_pkey PRIMARY KEY (id),
    CONSTRAINT settings_public_id_key UNIQUE (public_id),
    CONSTRAINT settings_key_key UNIQUE (key),
    CONSTRAINT settings_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE settings IS 'Application settings; category: general, api, integrations, notifications (open list).';
COMMENT ON COLUMN settings.is_public IS 'True: readable by everyone, anonymous visitors included.';

CREATE TRIGGER update_roles_updated_at BEFORE UPDATE ON roles
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_settings_updated_at BEFORE UPDATE ON settings
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

CREATE INDEX idx_notifications_user ON notifications (user_id);
CREATE INDEX idx_notifications_read ON notifications (is_read);
CREATE INDEX idx_notifications_type ON notifications (type);
CREATE INDEX idx_notifications_public_id ON notifications (public_id);

CREATE INDEX idx_internal_messages_sender ON internal_messages (sender_id);
CREATE INDEX idx_internal_messages_recipient ON internal_messages (recipient_id);
CREATE INDEX idx_internal_messages_read ON internal_messages (is_read);
CREATE INDEX idx_internal_messages_public_id ON internal_messages (public_id);

CREATE INDEX idx_audit_logs_user ON audit_logs (user_id);
CREATE INDEX idx_audit_logs_action ON audit_logs (action);
CREATE INDEX idx_audit_logs_table ON audit_logs (table_name);
CREATE INDEX idx_audit_logs_created ON audit_logs (created_at);
CREATE INDEX idx_audit_logs_public_id ON audit_logs (public_id);

CREATE INDEX idx_roles_name ON roles (name);
CREATE INDEX idx_roles_system ON roles (is_system);
CREATE INDEX idx_roles_public_id ON roles (public_id);

CREATE INDEX idx_user_roles_user ON user_roles (user_id);
CREATE INDEX idx_user_roles_role ON user_roles (role_id);
CREATE INDEX idx_user_roles_public_id ON user_roles (public_id);

CREATE INDEX idx_settings_key ON settings (key);
CREATE INDEX idx_settings_category ON settings (category);
CREATE INDEX idx_settings_public ON settings (is_public);
CREATE INDEX idx_settings_public_id ON settings (public_id);
