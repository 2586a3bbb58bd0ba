-- Asserts V8 (create_shared_charts) is in effect: tables shared_charts with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments.
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
DECLARE
    problems text;
BEGIN
    PERFORM pg_temp.verify_expect('therapy V8', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
          FROM (VALUES
                ('shared_charts', 'id', 'integer', true, 'nextval(%'::text),
                ('shared_charts', 'partner_id', 'integer', true, NULL::text),
                ('shared_charts', 'user_id', 'integer', true, NULL::text),
                ('shared_charts', 'chart_type', 'character varying(50)', true, NULL::text),
                ('shared_charts', 'selected_sessions', 'text', false, NULL::text),
                ('shared_charts', 'sent_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('shared_charts', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('shared_charts', 'questionnaire_id', 'integer', false, NULL::text),
                ('shared_charts', 'selected_assignments', 'text', false, NULL::text),
                ('shared_charts', 'chart_display_type', 'character varying(20)', false, '''radar''::character varying'::text)
               ) AS e(tbl, col, typ, not_null, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V8', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('shared_charts_pkey', 'shared_charts', 'p', 'PRIMARY KEY (id)'),
                ('shared_charts_partner_id_fkey', 'shared_charts', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
                ('shared_charts_questionnaire_id_fkey', 'shared_charts', 'f', 'FOREIGN KEY (questionnaire_id) REFERENCES questionnaires(id) ON DELETE CASCADE'),
                ('shared_charts_user_id_fkey', 'shared_charts', 'f', 'FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'),
                ('shared_charts_chart_display_type_check', 'shared_charts', 'c', 'CHECK (((chart_display_type)::text = ANY ((ARRAY[''radar''::character varying, ''line''::character varying, ''bar''::character varying])::text[])))'),
                ('shared_charts_chart_type_check', 'shared_charts', 'c', 'CHECK (((chart_type)::text = ANY ((ARRAY[''radar_default''::character varying, ''comparison''::character varying, ''questionnaire_comparison''::character varying])::text[])))')
               ) AS e(con, tbl, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V8', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_shared_charts_partner', 'shared_charts', false, 'btree (partner_id)'),
                ('idx_shared_charts_partner_user', 'shared_charts', false, 'btree (partner_id, user_id)'),
                ('idx_shared_charts_questionnaire', 'shared_charts', false, 'btree (questionnaire_id)'),
                ('idx_shared_charts_user', 'shared_charts', false, 'btree (user_id)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V8', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['shared_charts']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));

    -- The document's verification query, on the module's schema instead of a hard-coded 'public'
    -- (defect 8): all 18 tables exist as base tables (the history table is not one of them).
    SELECT string_agg(t, ', ')
      INTO problems
      FROM unnest(ARRAY['admins', 'organizations', 'users', 'auth_credentials',
                         'partners', 'password_reset_tokens', 'appointments', 'video_sessions',
                         'questionnaires', 'questionnaire_questions', 'questionnaire_answer_options', 'user_partner_assignments',
                         'user_questionnaire_assignments', 'therapy_sessions', 'user_questionnaire_responses', 'user_questionnaire_text_responses',
                         'session_questionnaire_assignments', 'shared_charts']) AS t
     WHERE t NOT IN (SELECT table_name FROM information_schema.tables
                      WHERE table_schema = '${schema}' AND table_type = 'BASE TABLE');
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V8: the verification query misses: %', problems;
    END IF;
END
$verify$;
