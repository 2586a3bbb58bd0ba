-- Asserts V4 (create_questionnaires) is in effect: tables questionnaires, questionnaire_questions, questionnaire_answer_options with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments and the updated_at trigger(s).
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V4', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
          FROM (VALUES
                ('questionnaires', 'id', 'integer', true, 'nextval(%'::text),
                ('questionnaires', 'partner_id', 'integer', true, NULL::text),
                ('questionnaires', 'name', 'character varying(255)', true, NULL::text),
                ('questionnaires', 'description', 'text', false, NULL::text),
                ('questionnaires', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('questionnaires', 'updated_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('questionnaires', 'has_text_field', 'boolean', false, 'false'::text),
                ('questionnaires', 'text_field_label', 'character varying(500)', false, NULL::text),
                ('questionnaires', 'text_field_placeholder', 'text', false, NULL::text),
                ('questionnaires', 'color_coding_scheme', 'character varying(10)', false, 'NULL::character varying'::text),
                ('questionnaire_questions', 'id', 'integer', true, 'nextval(%'::text),
                ('questionnaire_questions', 'questionnaire_id', 'integer', true, NULL::text),
                ('questionnaire_questions', 'question_text', 'text', true, NULL::text),
                ('questionnaire_questions', 'question_order', 'integer', true, '0'::text),
                ('questionnaire_questions', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('questionnaire_questions', 'sub_heading', 'character varying(255)', false, NULL::text),
                ('questionnaire_answer_options', 'id', 'integer', true, 'nextval(%'::text),
                ('questionnaire_answer_options', 'question_id', 'integer', true, NULL::text),
                ('questionnaire_answer_options', 'option_text', 'character varying(255)', true, NULL::text),
                ('questionnaire_answer_options', 'option_value', 'integer', true, NULL::text),
                ('questionnaire_answer_options', 'option_order', 'integer', true, '0'::text)
               ) AS e(tbl, col, typ, not_null, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V4', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('questionnaires_pkey', 'questionnaires', 'p', 'PRIMARY KEY (id)'),
                ('questionnaires_partner_id_fkey', 'questionnaires', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
                ('questionnaires_color_coding_scheme_check', 'questionnaires', 'c', 'CHECK (((color_coding_scheme IS NULL) OR ((color_coding_scheme)::text = ANY ((ARRAY[''4-point''::character varying, ''5-point''::character varying])::text[]))))'),
                ('questionnaire_questions_pkey', 'questionnaire_questions', 'p', 'PRIMARY KEY (id)'),
                ('questionnaire_questions_questionnaire_id_fkey', 'questionnaire_questions', 'f', 'FOREIGN KEY (questionnaire_id) REFERENCES questionnaires(id) ON DELETE CASCADE'),
                ('questionnaire_answer_options_pkey', 'questionnaire_answer_options', 'p', 'PRIMARY KEY (id)'),
                ('questionnaire_answer_options_question_id_fkey', 'questionnaire_answer_options', 'f', 'FOREIGN KEY (question_id) REFERENCES questionnaire_questions(id) ON DELETE CASCADE')
               ) AS e(con, tbl, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V4', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_questionnaires_created_at', 'questionnaires', false, 'btree (created_at)'),
                ('idx_questionnaires_partner_id', 'questionnaires', false, 'btree (partner_id)'),
                ('idx_questionnaire_questions_order', 'questionnaire_questions', false, 'btree (questionnaire_id, question_order)'),
                ('idx_questionnaire_questions_questionnaire_id', 'questionnaire_questions', false, 'btree (questionnaire_id)'),
                ('idx_questionnaire_questions_sub_heading', 'questionnaire_questions', false, 'btree (questionnaire_id, sub_heading)'),
                ('idx_questionnaire_answer_options_order', 'questionnaire_answer_options', false, 'btree (question_id, option_order)'),
                ('idx_questionnaire_answer_options_question_id', 'questionnaire_answer_options', false, 'btree (question_id)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V4', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['questionnaires', 'questionnaire_questions', 'questionnaire_answer_options']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));

    -- BEFORE (2) | ROW (1) | UPDATE (16) = 19, enabled, calling the expected function.
    PERFORM pg_temp.verify_expect('therapy V4', 'updated_at triggers missing or different', ARRAY(
        SELECT format('%s on %s -> %s.%s()', e.trg, e.tbl, e.fn_schema, e.fn)
          FROM (VALUES
            ('questionnaires', 'trigger_update_questionnaires_updated_at', '${schema}', 'update_questionnaires_updated_at')
               ) AS e(tbl, trg, fn_schema, fn)
         WHERE (e.tbl, e.trg, 19, true, e.fn_schema, e.fn) NOT IN (SELECT * FROM pg_temp.verify_triggers('${schema}'))));

    IF NOT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                    WHERE n.nspname = '${schema}' AND p.proname = 'update_questionnaires_updated_at' AND p.pronargs = 0
                      AND p.prorettype = 'trigger'::regtype
                      AND array_to_string(p.proconfig, ',') LIKE '%search_path=%') THEN
        RAISE EXCEPTION 'therapy V4: update_questionnaires_updated_at() missing, not a trigger function or without pinned search_path';
    END IF;
END
$verify$;
