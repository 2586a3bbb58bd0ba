-- Asserts V3 (create_appointments_and_video_sessions) is in effect: tables appointments, video_sessions with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments and the updated_at trigger(s).
-- Columns are checked, not just table names: a same-named table of another shape fails here.
-- Columns, constraints, indexes, comments and triggers go through the engine's shared helpers (pg_temp.verify_columns /
-- verify_constraints / verify_indexes / verify_table_comments / verify_triggers / verify_expect); definitions print under a search_path of the module schema
-- alone, so an unqualified REFERENCES x(id) can only be a table of that schema.
DO $verify$
BEGIN
    PERFORM pg_temp.verify_expect('therapy V3', 'columns missing or of another shape', ARRAY(
        SELECT format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none'))
          FROM (VALUES
                ('appointments', 'id', 'integer', true, 'nextval(%'::text),
                ('appointments', 'partner_id', 'integer', true, NULL::text),
                ('appointments', 'user_id', 'integer', true, NULL::text),
                ('appointments', 'title', 'character varying(255)', true, NULL::text),
                ('appointments', 'appointment_date', 'timestamp without time zone', true, NULL::text),
                ('appointments', 'end_date', 'timestamp without time zone', true, NULL::text),
                ('appointments', 'duration_minutes', 'integer', false, '60'::text),
                ('appointments', 'status', 'character varying(20)', false, '''scheduled''::character varying'::text),
                ('appointments', 'notes', 'text', false, NULL::text),
                ('appointments', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('appointments', 'updated_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('video_sessions', 'id', 'integer', true, 'nextval(%'::text),
                ('video_sessions', 'partner_id', 'integer', true, NULL::text),
                ('video_sessions', 'user_id', 'integer', true, NULL::text),
                ('video_sessions', 'title', 'character varying(255)', true, NULL::text),
                ('video_sessions', 'session_date', 'timestamp without time zone', true, NULL::text),
                ('video_sessions', 'end_date', 'timestamp without time zone', true, NULL::text),
                ('video_sessions', 'duration_minutes', 'integer', false, '60'::text),
                ('video_sessions', 'meeting_room_id', 'character varying(255)', true, NULL::text),
                ('video_sessions', 'password', 'character varying(255)', false, NULL::text),
                ('video_sessions', 'password_enabled', 'boolean', false, 'true'::text),
                ('video_sessions', 'status', 'character varying(20)', false, '''scheduled''::character varying'::text),
                ('video_sessions', 'notes', 'text', false, NULL::text),
                ('video_sessions', 'created_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text),
                ('video_sessions', 'updated_at', 'timestamp without time zone', false, 'CURRENT_TIMESTAMP'::text)
               ) AS e(tbl, col, typ, not_null, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') a
                            WHERE (a.tbl, a.col, a.typ, a.not_null) = (e.tbl, e.col, e.typ, e.not_null)
                              AND CASE WHEN e.dflt IS NULL THEN a.def IS NULL ELSE a.def LIKE e.dflt END)));

    PERFORM pg_temp.verify_expect('therapy V3', 'constraints missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.con, e.tbl, e.def)
          FROM (VALUES
                ('appointments_pkey', 'appointments', 'p', 'PRIMARY KEY (id)'),
                ('appointments_partner_id_fkey', 'appointments', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
                ('appointments_user_id_fkey', 'appointments', 'f', 'FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'),
                ('appointments_status_check', 'appointments', 'c', 'CHECK (((status)::text = ANY ((ARRAY[''scheduled''::character varying, ''completed''::character varying, ''cancelled''::character varying])::text[])))'),
                ('video_sessions_meeting_room_id_key', 'video_sessions', 'u', 'UNIQUE (meeting_room_id)'),
                ('video_sessions_pkey', 'video_sessions', 'p', 'PRIMARY KEY (id)'),
                ('video_sessions_partner_id_fkey', 'video_sessions', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
                ('video_sessions_user_id_fkey', 'video_sessions', 'f', 'FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'),
                ('video_sessions_status_check', 'video_sessions', 'c', 'CHECK (((status)::text = ANY ((ARRAY[''scheduled''::character varying, ''in_progress''::character varying, ''completed''::character varying, ''cancelled''::character varying])::text[])))')
               ) AS e(con, tbl, typ, def)
         WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V3', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('idx_appointments_date', 'appointments', false, 'btree (appointment_date)'),
                ('idx_appointments_partner', 'appointments', false, 'btree (partner_id)'),
                ('idx_appointments_status', 'appointments', false, 'btree (status)'),
                ('idx_appointments_user', 'appointments', false, 'btree (user_id)'),
                ('idx_video_sessions_date', 'video_sessions', false, 'btree (session_date)'),
                ('idx_video_sessions_meeting_room', 'video_sessions', false, 'btree (meeting_room_id)'),
                ('idx_video_sessions_partner', 'video_sessions', false, 'btree (partner_id)'),
                ('idx_video_sessions_partner_user', 'video_sessions', false, 'btree (partner_id, user_id)'),
                ('idx_video_sessions_status', 'video_sessions', false, 'btree (status)'),
                ('idx_video_sessions_user', 'video_sessions', false, 'btree (user_id)')
               ) AS e(idx, tbl, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    PERFORM pg_temp.verify_expect('therapy V3', 'tables without a comment', ARRAY(
        SELECT t FROM unnest(ARRAY['appointments', 'video_sessions']) AS t
        WHERE t NOT IN (SELECT tbl FROM pg_temp.verify_table_comments('${schema}') WHERE comment IS NOT NULL)));

    -- BEFORE (2) | ROW (1) | UPDATE (16) = 19, enabled, calling the expected function.
    PERFORM pg_temp.verify_expect('therapy V3', 'updated_at triggers missing or different', ARRAY(
        SELECT format('%s on %s -> %s.%s()', e.trg, e.tbl, e.fn_schema, e.fn)
          FROM (VALUES
            ('appointments', 'trigger_update_appointments_updated_at', '${schema.platform}', 'set_updated_at'),
            ('video_sessions', 'trigger_update_video_sessions_updated_at', '${schema.platform}', 'set_updated_at')
               ) AS e(tbl, trg, fn_schema, fn)
         WHERE (e.tbl, e.trg, 19, true, e.fn_schema, e.fn) NOT IN (SELECT * FROM pg_temp.verify_triggers('${schema}'))));
END
$verify$;
