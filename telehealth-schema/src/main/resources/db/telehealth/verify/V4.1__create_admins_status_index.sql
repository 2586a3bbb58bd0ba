-- Asserts V4.1: idx_admins_status. Catalog checks go through the engine's shared helpers
-- (pg_temp.verify_*); a failed CONCURRENTLY build leaves an INVALID index, which is reported too.
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V4.1', 'indexes missing or different', ARRAY(
        SELECT e.idx FROM (VALUES ('admins', 'idx_admins_status', 'btree (status)')) AS e(tbl, idx, def)
         WHERE (e.tbl, e.idx, e.def) NOT IN (SELECT tbl, idx, def FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('telehealth V4.1', 'INVALID indexes (a failed CONCURRENTLY build; migrate drops and rebuilds them)', ARRAY(
        SELECT c.relname::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
         WHERE c.relnamespace = '${schema}'::regnamespace AND NOT i.indisvalid AND c.relname IN ('idx_admins_status')));
END
$$;
