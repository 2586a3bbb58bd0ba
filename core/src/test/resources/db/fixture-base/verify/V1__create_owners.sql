-- Uses the engine's shared verify helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('fixture-base V1', 'columns missing or different', ARRAY(
        SELECT e.tbl || '.' || e.col FROM (VALUES
            ('owners', 'id', 'integer', true, NULL),
            ('owners', 'name', 'text', true, NULL)
        ) AS e(tbl, col, typ, not_null, def)
        WHERE (e.tbl, e.col, e.typ, e.not_null, coalesce(e.def, '')) NOT IN
              (SELECT tbl, col, typ, not_null, coalesce(def, '') FROM pg_temp.verify_columns('${schema}'))));
    PERFORM pg_temp.verify_expect('fixture-base V1', 'constraints missing or different', ARRAY(
        SELECT e.con FROM (VALUES ('owners', 'pk_owners', 'p', 'PRIMARY KEY (id)')) AS e(tbl, con, typ, def)
        WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));
    IF to_regclass('owners') IS NULL THEN RAISE EXCEPTION 'owners missing'; END IF;
END
$$;
