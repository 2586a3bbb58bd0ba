-- Asserts V5 (create_assignments) is in effect: tables user_partner_assignments, user_questionnaire_assignments with every column (type,
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
            ('user_partner_assignments', 'user_id', 'integer', true, NULL::text),
            ('user_partner_assignments', 'partner_id', 'integer', true, NULL::text),
            ('user_partner_assignments', 'assigned_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
            ('user_questionnaire_assignments', 'id', 'integer', true, 'nextval(%'::text),
            ('user_questionnaire_assignments', 'questionnaire_id', 'integer', true, NULL::text),
            ('user_questionnaire_assignments', 'user_id', 'integer', true, NULL::text),
            ('user_questionnaire_assignments', 'partner_id', 'integer', true, NULL::text),
            ('user_questionnaire_assignments', 'assigned_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
            ('user_questionnaire_assignments', 'status', 'character varying(20)', false, '''pending''::character varying'::text),
            ('user_questionnaire_assignments', 'completed_at', 'timestamp without time zone', false, NULL::text)
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
        RAISE EXCEPTION 'therapy V5: columns missing or of another shape: %', problems;
    END IF;

    SELECT string_agg(format('%s on %s: %s', e.con, e.tbl, e.def), '; ')
      INTO problems
      FROM (VALUES
            ('user_partner_assignments_pkey', 'user_partner_assignments', 'p', 'PRIMARY KEY (user_id, partner_id)'),
            ('user_partner_assignments_partner_id_fkey', 'user_partner_assignments', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
            ('user_partner_assignments_user_id_fkey', 'user_partner_assignments', 'f', 'FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'),
            ('user_questionnaire_assignments_pkey', 'user_questionnaire_assignments', 'p', 'PRIMARY KEY (id)'),
            ('user_questionnaire_assignments_partner_id_fkey', 'user_questionnaire_assignments', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
            ('user_questionnaire_assignments_questionnaire_id_fkey', 'user_questionnaire_assignments', 'f', 'FOREIGN KEY (questionnaire_id) REFERENCES questionnaires(id) ON DELETE CASCADE'),
            ('user_questionnaire_assignments_user_id_fkey', 'user_questionnaire_assignments', 'f', 'FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'),
            ('user_questionnaire_assignments_status_check', 'user_questionnaire_assignments', 'c', 'CHECK (((status)::text = ANY ((ARRAY[''pending''::character varying, ''completed''::character varying])::text[])))')
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
        RAISE EXCEPTION 'therapy V5: constraints missing or different: %', problems;
    END IF;

    SELECT string_agg(format('%s on %s: %s', e.idx, e.tbl, e.def), '; ')
      INTO problems
      FROM (VALUES
            ('idx_user_partner_assignments_partner_id', 'user_partner_assignments', false, 'btree (partner_id)'),
            ('idx_user_questionnaire_assignments_assigned_at', 'user_questionnaire_assignments', false, 'btree (assigned_at)'),
            ('idx_user_questionnaire_assignments_partner_id', 'user_questionnaire_assignments', false, 'btree (partner_id)'),
            ('idx_user_questionnaire_assignments_questionnaire_id', 'user_questionnaire_assignments', false, 'btree (questionnaire_id)'),
            ('idx_user_questionnaire_assignments_status', 'user_questionnaire_assignments', false, 'btree (status)'),
            ('idx_user_questionnaire_assignments_user_id', 'user_questionnaire_assignments', false, 'btree (user_id)')
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
        RAISE EXCEPTION 'therapy V5: indexes missing or different: %', problems;
    END IF;

    SELECT string_agg(t, ', ')
      INTO problems
      FROM unnest(ARRAY['user_partner_assignments', 'user_questionnaire_assignments']) AS t
     WHERE obj_description(to_regclass(format('%I.%I', '${schema}', t)), 'pg_class') IS NULL;
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V5: tables without a comment: %', problems;
    END IF;
END
$verify$;
