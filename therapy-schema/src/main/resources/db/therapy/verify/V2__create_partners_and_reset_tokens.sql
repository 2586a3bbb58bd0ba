-- Asserts V2 (create_partners_and_reset_tokens) is in effect: tables partners, password_reset_tokens with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments.
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V2', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
          FROM (VALUES
                ('partners', 'id', 'integer', true, 'nextval(%'::text),
                ('partners', 'partner_id', 'character varying(7)', true, NULL::text),
                ('partners', 'name', 'character varying(255)', true, NULL::text),
                ('partners', 'sex', 'character varying(20)', true, NULL::text),
                ('partners', 'age', 'integer', true, NULL::text),
                ('partners', 'email', 'character varying(255)', false, NULL::text),
                ('partners', 'contact', 'character varying(50)', true, NULL::text),
                ('partners', 'address', 'text', false, NULL::text),
                ('partners', 'photo_url', 'text', false, NULL::text),
                ('partners', 'organization_id', 'integer', true, NULL::text),
                ('partners', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('partners', 'is_active', 'boolean', false, 'true'::text),
                ('partners', 'email_verified', 'boolean', false, 'false'::text),
                ('partners', 'verification_token', 'character varying(255)', false, NULL::text),
                ('partners', 'verification_token_expires', 'timestamp without time zone', false, NULL::text),
                ('partners', 'deactivated_at', 'timestamp without time zone', false, NULL::text),
                ('partners', 'deactivated_by', 'integer', false, NULL::text),
                ('password_reset_tokens', 'id', 'integer', true, 'nextval(%'::text),
                ('password_reset_tokens', 'email', 'character varying(255)', true, NULL::text),
                ('password_reset_tokens', 'token', 'character varying(255)', true, NULL::text),
                ('password_reset_tokens', 'expires_at', 'timestamp without time zone', true, NULL::text),
                ('password_reset_tokens', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text)
               ) AS e(tbl, col, typ, not_null, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V2', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('partners_partner_id_key', 'partners', 'u', 'UNIQUE (partner_id)'),
                ('partners_pkey', 'partners', 'p', 'PRIMARY KEY (id)'),
                ('partners_deactivated_by_fkey', 'partners', 'f', 'FOREIGN KEY (deactivated_by) REFERENCES organizations(id) ON DELETE SET NULL'),
                ('partners_organization_id_fkey', 'partners', 'f', 'FOREIGN KEY (organization_id) REFERENCES organizations(id) ON DELETE CASCADE'),
                ('partners_age_check', 'partners', 'c', 'CHECK ((age > 0))'),
                ('partners_sex_check', 'partners', 'c', 'CHECK (((sex)::text = ANY ((ARRAY[''Male''::character varying, ''Female''::character varying, ''Others''::character varying])::text[])))'),
                ('password_reset_tokens_token_key', 'password_reset_tokens', 'u', 'UNIQUE (token)'),
                ('password_reset_tokens_pkey', 'password_reset_tokens', 'p', 'PRIMARY KEY (id)'),
                ('fk_password_reset_email', 'password_reset_tokens', 'f', 'FOREIGN KEY (email) REFERENCES auth_credentials(email) ON UPDATE CASCADE ON DELETE CASCADE')
               ) AS e(con, tbl, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V2', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_partners_deactivated_by', 'partners', false, 'btree (deactivated_by)'),
                ('idx_partners_email_verified', 'partners', false, 'btree (email_verified)'),
                ('idx_partners_is_active', 'partners', false, 'btree (is_active)'),
                ('idx_partners_organization', 'partners', false, 'btree (organization_id)'),
                ('idx_partners_partner_id', 'partners', false, 'btree (partner_id)'),
                ('idx_partners_verification_token', 'partners', false, 'btree (verification_token)'),
                ('idx_password_reset_email', 'password_reset_tokens', false, 'btree (email)'),
                ('idx_password_reset_token', 'password_reset_tokens', false, 'btree (token)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V2', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['partners', 'password_reset_tokens']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));
END
$verify$;
