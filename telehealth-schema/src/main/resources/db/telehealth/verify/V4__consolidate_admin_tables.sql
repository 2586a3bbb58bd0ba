-- Asserts V4: admins has status (default active) and last_login (their index: verify/V4.1), no admin_users
-- left here. Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V4', 'admins columns missing or different', ARRAY(
        SELECT format('admins.%s default %s', e.col, coalesce(e.dflt, 'any'))
          FROM (VALUES ('status', '''active''::character varying'), ('last_login', NULL)) AS e(col, dflt)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_columns('${schema}') c
                            WHERE c.tbl = 'admins' AND c.col = e.col AND (e.dflt IS NULL OR c.def IS NOT DISTINCT FROM e.dflt))));
    PERFORM pg_temp.verify_expect('telehealth V4', 'legacy table still exists', ARRAY(
        SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE rel = 'admin_users'));
END
$$;
