-- Asserts V1 (create_base_tables) is in effect: tables admins, organizations, users, auth_credentials with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments.
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V1', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
          FROM (VALUES
                ('admins', 'id', 'integer', true, 'nextval(%'::text),
                ('admins', 'name', 'character varying(255)', true, NULL::text),
                ('admins', 'email', 'character varying(255)', true, NULL::text),
                ('admins', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('organizations', 'id', 'integer', true, 'nextval(%'::text),
                ('organizations', 'name', 'character varying(255)', true, NULL::text),
                ('organizations', 'date_of_creation', 'date', true, 'CURRENT_DATE'::text),
                ('organizations', 'email', 'character varying(255)', true, NULL::text),
                ('organizations', 'contact', 'character varying(50)', true, NULL::text),
                ('organizations', 'address', 'text', false, NULL::text),
                ('organizations', 'photo_url', 'text', false, NULL::text),
                ('organizations', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('organizations', 'gst_no', 'character varying(50)', false, NULL::text),
                ('organizations', 'subscription_plan', 'character varying(50)', false, NULL::text),
                ('organizations', 'is_active', 'boolean', false, 'true'::text),
                ('organizations', 'deactivated_at', 'timestamp without time zone', false, NULL::text),
                ('organizations', 'deactivated_by', 'integer', false, NULL::text),
                ('organizations', 'video_sessions_enabled', 'boolean', false, 'true'::text),
                ('users', 'id', 'integer', true, 'nextval(%'::text),
                ('users', 'name', 'character varying(255)', true, NULL::text),
                ('users', 'sex', 'character varying(20)', true, NULL::text),
                ('users', 'age', 'integer', true, NULL::text),
                ('users', 'email', 'character varying(255)', false, NULL::text),
                ('users', 'contact', 'character varying(50)', true, NULL::text),
                ('users', 'address', 'text', false, NULL::text),
                ('users', 'photo_url', 'text', false, NULL::text),
                ('users', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('auth_credentials', 'id', 'integer', true, 'nextval(%'::text),
                ('auth_credentials', 'user_type', 'character varying(20)', true, NULL::text),
                ('auth_credentials', 'reference_id', 'integer', true, NULL::text),
                ('auth_credentials', 'email', 'character varying(255)', true, NULL::text),
                ('auth_credentials', 'password_hash', 'text', true, NULL::text),
                ('auth_credentials', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text)
               ) AS e(tbl, col, typ, not_null, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V1', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('admins_email_key', 'admins', 'u', 'UNIQUE (email)'),
                ('admins_pkey', 'admins', 'p', 'PRIMARY KEY (id)'),
                ('organizations_email_key', 'organizations', 'u', 'UNIQUE (email)'),
                ('organizations_pkey', 'organizations', 'p', 'PRIMARY KEY (id)'),
                ('organizations_deactivated_by_fkey', 'organizations', 'f', 'FOREIGN KEY (deactivated_by) REFERENCES admins(id) ON DELETE SET NULL'),
                ('organizations_subscription_plan_check', 'organizations', 'c', 'CHECK (((subscription_plan)::text = ANY ((ARRAY[''basic''::character varying, ''basic_silver''::character varying, ''basic_gold''::character varying, ''pro_silver''::character varying, ''pro_gold''::character varying, ''pro_platinum''::character varying])::text[])))'),
                ('users_pkey', 'users', 'p', 'PRIMARY KEY (id)'),
                ('users_age_check', 'users', 'c', 'CHECK ((age > 0))'),
                ('users_sex_check', 'users', 'c', 'CHECK (((sex)::text = ANY ((ARRAY[''Male''::character varying, ''Female''::character varying, ''Others''::character varying])::text[])))'),
                ('auth_credentials_email_key', 'auth_credentials', 'u', 'UNIQUE (email)'),
                ('auth_credentials_pkey', 'auth_credentials', 'p', 'PRIMARY KEY (id)'),
                ('auth_credentials_user_type_check', 'auth_credentials', 'c', 'CHECK (((user_type)::text = ANY ((ARRAY[''user''::character varying, ''partner''::character varying, ''organization''::character varying, ''admin''::character varying])::text[])))')
               ) AS e(con, tbl, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V1', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_admins_email', 'admins', false, 'btree (email)'),
                ('idx_organizations_deactivated_by', 'organizations', false, 'btree (deactivated_by)'),
                ('idx_organizations_is_active', 'organizations', false, 'btree (is_active)'),
                ('idx_organizations_video_sessions_enabled', 'organizations', false, 'btree (video_sessions_enabled)'),
                ('idx_auth_credentials_email', 'auth_credentials', false, 'btree (email)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V1', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['admins', 'organizations', 'users', 'auth_credentials']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));
END
$verify$;
