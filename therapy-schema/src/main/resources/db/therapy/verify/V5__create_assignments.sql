-- Asserts V5 (create_assignments) is in effect: tables user_partner_assignments, user_questionnaire_assignments with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments.
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V5', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
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
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V5', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
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
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V5', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_user_partner_assignments_partner_id', 'user_partner_assignments', false, 'btree (partner_id)'),
                ('idx_user_questionnaire_assignments_assigned_at', 'user_questionnaire_assignments', false, 'btree (assigned_at)'),
                ('idx_user_questionnaire_assignments_partner_id', 'user_questionnaire_assignments', false, 'btree (partner_id)'),
                ('idx_user_questionnaire_assignments_questionnaire_id', 'user_questionnaire_assignments', false, 'btree (questionnaire_id)'),
                ('idx_user_questionnaire_assignments_status', 'user_questionnaire_assignments', false, 'btree (status)'),
                ('idx_user_questionnaire_assignments_user_id', 'user_questionnaire_assignments', false, 'btree (user_id)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V5', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['user_partner_assignments', 'user_questionnaire_assignments']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));
END
$verify$;
