-- Asserts V6 (create_therapy_sessions) is in effect: tables therapy_sessions with every column (type,
-- nullability, default), every constraint with its exact definition, every named index, the table
-- comments and the updated_at trigger(s).
-- Columns are checked, not just table names: a same-named table of another shape fails here.
DO $verify$
DECLARE
    problems text;
BEGIN
    SELECT string_agg(format('%s.%s %s%s default %s', e.tbl, e.col, e.typ, CASE WHEN e.not_null THEN ' NOT NULL' ELSE '' END, coalesce(e.dflt, 'none')), '; ')
      INTO problems
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
        RAISE EXCEPTION 'therapy V6: columns missing or of another shape: %', problems;
    END IF;

    SELECT string_agg(format('%s on %s: %s', e.con, e.tbl, e.def), '; ')
      INTO problems
      FROM (VALUES
            ('therapy_sessions_pkey', 'therapy_sessions', 'p', 'PRIMARY KEY (id)'),
            ('therapy_sessions_appointment_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (appointment_id) REFERENCES appointments(id) ON DELETE SET NULL'),
            ('therapy_sessions_partner_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (partner_id) REFERENCES partners(id) ON DELETE CASCADE'),
            ('therapy_sessions_user_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE'),
            ('therapy_sessions_video_session_id_fkey', 'therapy_sessions', 'f', 'FOREIGN KEY (video_session_id) REFERENCES video_sessions(id) ON DELETE SET NULL')
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
        RAISE EXCEPTION 'therapy V6: constraints missing or different: %', problems;
    END IF;

    SELECT string_agg(format('%s on %s: %s', e.idx, e.tbl, e.def), '; ')
      INTO problems
      FROM (VALUES
            ('idx_therapy_sessions_appointment', 'therapy_sessions', false, 'btree (appointment_id)'),
            ('idx_therapy_sessions_created', 'therapy_sessions', false, 'btree (created_at)'),
            ('idx_therapy_sessions_partner', 'therapy_sessions', false, 'btree (partner_id)'),
            ('idx_therapy_sessions_unique_appointment', 'therapy_sessions', true, 'btree (appointment_id) WHERE (appointment_id IS NOT NULL)'),
            ('idx_therapy_sessions_user', 'therapy_sessions', false, 'btree (user_id)'),
            ('idx_therapy_sessions_video_session', 'therapy_sessions', false, 'btree (video_session_id)')
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
        RAISE EXCEPTION 'therapy V6: indexes missing or different: %', problems;
    END IF;

    SELECT string_agg(t, ', ')
      INTO problems
      FROM unnest(ARRAY['therapy_sessions']) AS t
     WHERE obj_description(to_regclass(format('%I.%I', '${schema}', t)), 'pg_class') IS NULL;
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V6: tables without a comment: %', problems;
    END IF;

    -- BEFORE (2) | ROW (1) | UPDATE (16) = 19, enabled, calling the expected function.
    SELECT string_agg(format('%s on %s -> %s.%s()', e.trg, e.tbl, e.fn_schema, e.fn), '; ')
      INTO problems
      FROM (VALUES
            ('therapy_sessions', 'trigger_update_therapy_sessions_updated_at', '${schema.platform}', 'set_updated_at')
           ) AS e(tbl, trg, fn_schema, fn)
     WHERE NOT EXISTS (
           SELECT 1
             FROM pg_trigger g
             JOIN pg_class c ON c.oid = g.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_proc p ON p.oid = g.tgfoid
             JOIN pg_namespace pn ON pn.oid = p.pronamespace
            WHERE n.nspname = '${schema}' AND c.relname = e.tbl AND g.tgname = e.trg AND NOT g.tgisinternal
              AND g.tgtype = 19 AND g.tgenabled <> 'D' AND pn.nspname = e.fn_schema AND p.proname = e.fn);
    IF problems IS NOT NULL THEN
        RAISE EXCEPTION 'therapy V6: updated_at triggers missing or different: %', problems;
    END IF;
END
$verify$;
