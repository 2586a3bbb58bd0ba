-- Asserts V1 (create_base_tables) is in effect: tables admins, organizations, users, auth_credentials with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments.
-- Columns are checked, not just table names: a same-named table of another shape fails here.
DO $verify$
DECLARE
    problems text;
BEGIN
    SELECT string_agg(format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none')), '; ')
      INTO problems
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
     WHERE NOT EXISTS (
           SELECT 1
             FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid AND c.relkind = 'r'
             JOIN pg_namespace n ON n.oid = c.relnamespace
             LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = '${schema}' AND c.relname = e.tbl AND a.attname = e.col AND a.attnum > 0 AND NOT a.attisdropped
              AND format_type(a.atttypid, a.atttypmod) = e.typ AND a.attnotnull = e.not_null
              AND CASE WHEN e.dflt IS NULL THEN d.adbin IS NULL ELSE pg_get_expr(d.adbin, d.adrelid) LIKE e.dflt END);
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V1: columns missing or of another shape: %', problems;
    END IF;

    SELECT string_agg(format('%s on %s: %s', e.con, e.tbl, e.def), '; ')
      INTO problems
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
     WHERE NOT EXISTS (
           SELECT 1
             FROM pg_constraint k
             JOIN pg_class c ON c.oid = k.conrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = '${schema}' AND c.relname = e.tbl AND k.conname = e.con AND k.contype::text = e.typ
              AND pg_get_constraintdef(k.oid) = e.def
              AND (k.contype <> 'f' OR k.confrelid IN (SELECT r.oid FROM pg_class r WHERE r.relnamespace = n.oid)));
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V1: constraints missing or different: %', problems;
    END IF;

    SELECT string_agg(format('%s on %s: %s', e.idx, e.tbl, e.def), '; ')
      INTO problems
      FROM (VALUES
            ('idx_admins_email', 'admins', false, 'btree (email)'),
            ('idx_organizations_deactivated_by', 'organizations', false, 'btree (deactivated_by)'),
            ('idx_organizations_is_active', 'organizations', false, 'btree (is_active)'),
            ('idx_organizations_video_sessions_enabled', 'organizations', false, 'btree (video_sessions_enabled)'),
            ('idx_auth_credentials_email', 'auth_credentials', false, 'btree (email)')
           ) AS e(idx, tbl, uniq, def)
     WHERE NOT EXISTS (
           SELECT 1
             FROM pg_index x
             JOIN pg_class i ON i.oid = x.indexrelid
             JOIN pg_class c ON c.oid = x.indrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = '${schema}' AND c.relname = e.tbl AND i.relname = e.idx AND x.indisunique = e.uniq
              AND regexp_replace(pg_get_indexdef(x.indexrelid), '^.* USING ', '') = e.def);
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V1: indexes missing or different: %', problems;
    END IF;

    SELECT string_agg(t, ', ')
      INTO problems
      FROM unnest(ARRAY['admins', 'organizations', 'users', 'auth_credentials']) AS t
     WHERE obj_description(to_regclass(format('%I.%I', '${schema}', t)), 'pg_class') IS NULL;
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V1: tables without a comment: %', problems;
    END IF;
END
$verify$;
