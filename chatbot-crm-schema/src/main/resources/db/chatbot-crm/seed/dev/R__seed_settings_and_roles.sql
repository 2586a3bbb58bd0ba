-- Development seed data from later application versions: two settings and the five system roles.
-- Idempotent upserts keyed by settings.key and roles.name.
INSERT INTO settings (key, value, description, category, is_public)
VALUES ('default_user_preferences',
        '{"theme": "system", "language": "ar", "fontSize": "md", "direction": "rtl"}'::jsonb,
        'Default UI preferences for new users', 'general', true),
       ('theme_config',
        '{"mode": "system", "primaryColor": "#F58220", "secondaryColor": "#009688", "accentColor": "#007BFF", "borderRadius": "0.5rem", "fontFamily": "Cairo"}'::jsonb,
        'Theme colours, radius and font', 'general', true)
ON CONFLICT (key) DO UPDATE
    SET value = EXCLUDED.value, description = EXCLUDED.description, category = EXCLUDED.category, is_public = EXCLUDED.is_public;

INSERT INTO roles (name, description, permissions, is_system)
VALUES ('patient', 'Patient', '[]'::jsonb, true),
       ('doctor', 'Doctor', '[]'::jsonb, true),
       ('staff', 'Staff member', '[]'::jsonb, true),
       ('supervisor', 'Supervisor', '[]'::jsonb, true),
       ('admin', 'Administrator', '[]'::jsonb, true)
ON CONFLICT (name) DO UPDATE
    SET description = EXCLUDED.description, is_system = EXCLUDED.is_system;
