-- Asserts V7 (create_responses) is in effect: tables user_questionnaire_responses, user_questionnaire_text_responses, session_questionnaire_assignments with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments.
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V7', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
          FROM (VALUES
                ('user_questionnaire_responses', 'id', 'integer', true, 'nextval(%'::text),
                ('user_questionnaire_responses', 'assignment_id', 'integer', true, NULL::text),
                ('user_questionnaire_responses', 'question_id', 'integer', true, NULL::text),
                ('user_questionnaire_responses', 'answer_option_id', 'integer', true, NULL::text),
                ('user_questionnaire_responses', 'response_value', 'integer', true, NULL::text),
                ('user_questionnaire_responses', 'session_id', 'integer', false, NULL::text),
                ('user_questionnaire_responses', 'responded_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('user_questionnaire_text_responses', 'id', 'integer', true, 'nextval(%'::text),
                ('user_questionnaire_text_responses', 'assignment_id', 'integer', true, NULL::text),
                ('user_questionnaire_text_responses', 'text_response', 'text', false, NULL::text),
                ('user_questionnaire_text_responses', 'responded_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('session_questionnaire_assignments', 'id', 'integer', true, 'nextval(%'::text),
                ('session_questionnaire_assignments', 'therapy_session_id', 'integer', true, NULL::text),
                ('session_questionnaire_assignments', 'user_questionnaire_assignment_id', 'integer', true, NULL::text),
                ('session_questionnaire_assignments', 'assigned_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text)
               ) AS e(tbl, col, typ, not_null, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V7', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('user_questionnaire_responses_pkey', 'user_questionnaire_responses', 'p', 'PRIMARY KEY (id)'),
                ('user_questionnaire_responses_answer_option_id_fkey', 'user_questionnaire_responses', 'f', 'FOREIGN KEY (answer_option_id) REFERENCES questionnaire_answer_options(id) ON DELETE CASCADE'),
                ('user_questionnaire_responses_assignment_id_fkey', 'user_questionnaire_responses', 'f', 'FOREIGN KEY (assignment_id) REFERENCES user_questionnaire_assignments(id) ON DELETE CASCADE'),
                ('user_questionnaire_responses_question_id_fkey', 'user_questionnaire_responses', 'f', 'FOREIGN KEY (question_id) REFERENCES questionnaire_questions(id) ON DELETE CASCADE'),
                ('user_questionnaire_responses_session_id_fkey', 'user_questionnaire_responses', 'f', 'FOREIGN KEY (session_id) REFERENCES therapy_sessions(id) ON DELETE SET NULL'),
                ('user_questionnaire_text_responses_pkey', 'user_questionnaire_text_responses', 'p', 'PRIMARY KEY (id)'),
                ('user_questionnaire_text_responses_assignment_id_fkey', 'user_questionnaire_text_responses', 'f', 'FOREIGN KEY (assignment_id) REFERENCES user_questionnaire_assignments(id) ON DELETE CASCADE'),
                ('session_questionnaire_assignm_therapy_session_id_user_quest_key', 'session_questionnaire_assignments', 'u', 'UNIQUE (therapy_session_id, user_questionnaire_assignment_id)'),
                ('session_questionnaire_assignments_pkey', 'session_questionnaire_assignments', 'p', 'PRIMARY KEY (id)'),
                ('session_questionnaire_assignm_user_questionnaire_assignmen_fkey', 'session_questionnaire_assignments', 'f', 'FOREIGN KEY (user_questionnaire_assignment_id) REFERENCES user_questionnaire_assignments(id) ON DELETE CASCADE'),
                ('session_questionnaire_assignments_therapy_session_id_fkey', 'session_questionnaire_assignments', 'f', 'FOREIGN KEY (therapy_session_id) REFERENCES therapy_sessions(id) ON DELETE CASCADE')
               ) AS e(con, tbl, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V7', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_user_questionnaire_responses_answer_option_id', 'user_questionnaire_responses', false, 'btree (answer_option_id)'),
                ('idx_user_questionnaire_responses_assignment_id', 'user_questionnaire_responses', false, 'btree (assignment_id)'),
                ('idx_user_questionnaire_responses_question_id', 'user_questionnaire_responses', false, 'btree (question_id)'),
                ('idx_user_questionnaire_responses_responded_at', 'user_questionnaire_responses', false, 'btree (responded_at)'),
                ('idx_user_questionnaire_responses_session_id', 'user_questionnaire_responses', false, 'btree (session_id)'),
                ('idx_user_questionnaire_text_responses_assignment_id', 'user_questionnaire_text_responses', false, 'btree (assignment_id)'),
                ('idx_session_questionnaire_assignment', 'session_questionnaire_assignments', false, 'btree (user_questionnaire_assignment_id)'),
                ('idx_session_questionnaire_session', 'session_questionnaire_assignments', false, 'btree (therapy_session_id)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V7', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['user_questionnaire_responses', 'user_questionnaire_text_responses', 'session_questionnaire_assignments']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));
END
$verify$;
