-- The document's 004: per-user UI preferences (the V4 shape; the application's later conflicting
-- shapes are not copied). Table, RLS, indexes and its updated_at trigger.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE user_preferences (
    id                    uuid        NOT NULL DEFAULT gen_random_uuid(),
    user_id               uuid        NOT NULL,
    theme                 varchar(20)          DEFAULT 'system',
    language              varchar(5)           DEFAULT 'ar',
    timezone              varchar(50)          DEFAULT 'Asia/Riyadh',
    notifications_enabled boolean              DEFAULT true,
    sidebar_collapsed     boolean              DEFAULT false,
    dashboard_layout      varchar(20)          DEFAULT 'grid',
    created_at            timestamptz          DEFAULT now(),
    updated_at            timestamptz          DEFAULT now(),
    CONSTRAINT user_preferences_pkey PRIMARY KEY (id),
    CONSTRAINT user_preferences_user_id_key UNIQUE (user_id),
    CONSTRAINT user_preferences_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT user_preferences_theme_check CHECK (theme IN ('light', 'dark', 'system')),
    CONSTRAINT user_preferences_language_check CHECK (language IN ('ar', 'en')),
    CONSTRAINT user_preferences_dashboard_layout_check CHECK (dashboard_layout IN ('grid', 'list'))
);
COMMENT ON TABLE user_preferences IS 'UI preferences of one user (theme, language, timezone, layout).';

-- idx_user_preferences_user_id duplicates the UNIQUE index; kept for name parity with the application.
CREATE INDEX idx_user_preferences_user_id ON user_preferences (user_id);
CREATE INDEX idx_user_preferences_theme ON user_preferences (theme);
CREATE INDEX idx_user_preferences_language ON user_preferences (language);

CREATE TRIGGER update_user_preferences_updated_at
    BEFORE UPDATE ON user_preferences
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

ALTER TABLE user_preferences ENABLE ROW LEVEL SECURITY;
GRANT SELECT ON user_preferences TO anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON user_preferences TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON user_preferences TO service_role;

CREATE POLICY user_preferences_select_own ON user_preferences
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY user_preferences_insert_own ON user_preferences
    FOR INSERT TO authenticated
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY user_preferences_update_own ON user_preferences
    FOR UPDATE TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()))
    WITH CHECK (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY user_preferences_admin_all ON user_preferences
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));
