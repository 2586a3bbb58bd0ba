-- Asserts V6 (create_therapy_sessions) is in effect: tables therapy_sessions with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments and the updated_at trigger(s).
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V6', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
          FROM (VALUES
                ('therapy_sessions', 'id', 'integer', true, 'nextval(%'::text),
                ('therapy_sessions', 'appointment_id', 'integer', false, NULL::text),
                ('therapy_sessions', 'partner_id', 'integer', true, NULL::text),
                ('therapy_sessions', 'user_id', 'integer', true, NULL::text),
                ('therapy_sessions', 'session_title', 'character varying(255)', true, NULL::text),
                ('therapy_sessions', 'session_notes', 'text', false, NULL::text),
                ('therapy_sessions', 'payment_notes', 'text', false, NULL::text),
                ('therapy_sessions', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('therapy_sessions', 'updated_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('therapy_sessions', 'session_date', 'timestamp without time zone', true, NULL::text),
                ('therapy_sessions', 'session_duration', 'integer', false, NULL::text),
                ('therapy_sessions', 'video_session_id', 'integer', false, NULL::text)
               ) AS e(tbl, col, typ, not_null, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V6', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('therapy_sessions_pkey', 'therapy_sessions', 'p', 'PRIMARY KEY (id)'),
                ('therapy_sessions_appointment_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (appointment_id) REFERENCES appointments(id) ON DELETE SET NULL'),
                ('therapy_sessions_partner_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
                ('therapy_sessions_user_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'),
                ('therapy_sessions_video_session_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (video_session_id) REFERENCES video_sessions(id) ON DELETE SET NULL')
               ) AS e(con, tbl, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V6', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_therapy_sessions_appointment', 'therapy_sessions', false, 'btree (appointment_id)'),
                ('idx_therapy_sessions_created', 'therapy_sessions', false, 'btree (created_at)'),
                ('idx_therapy_sessions_partner', 'therapy_sessions', false, 'btree (partner_id)'),
                ('idx_therapy_sessions_unique_appointment', 'therapy_sessions', true, 'btree (appointment_id) WHERE (appointment_id IS NOT NULL)'),
                ('idx_therapy_sessions_user', 'therapy_sessions', false, 'btree (user_id)'),
                ('idx_therapy_sessions_video_session', 'therapy_sessions', false, 'btree (video_session_id)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V6', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['therapy_sessions']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));

    -- BEFORE (2) | ROW (1) | UPDATE (16) = 19, enabled, calling the expected function.
    PERFORM pg_temp.verify_expect('therapy V6', 'updated_at triggers missing or different', ARRAY(
        SELECT format('%s on %s -> %s.%s()', e.trg, e.tbl, e.fn_schema, e.fn)
          FROM (VALUES
            ('therapy_sessions', 'trigger_update_therapy_sessions_updated_at', '${schema.platform}', 'set_updated_at')
               ) AS e(tbl, trg, fn_schema, fn)
         WHERE (e.tbl, e.trg, 19, true, e.fn_schema, e.fn) NOT IN (SELECT * FROM pg_temp.verify_triggers('${schema}'))));
END
$verify$;
