DO $$
BEGIN
    IF to_regtype('owner_kind') IS NULL THEN RAISE EXCEPTION 'owner_kind missing'; END IF;
    PERFORM pg_temp.verify_expect('fixture-base V2', 'columns missing or different', ARRAY(
        SELECT e.col FROM (VALUES ('owners', 'kind', 'owner_kind', false)) AS e(tbl, col, typ, not_null)
        WHERE (e.tbl, e.col, e.typ, e.not_null) NOT IN (SELECT tbl, col, typ, not_null FROM pg_temp.verify_columns('${schema}'))));
END
$$;
