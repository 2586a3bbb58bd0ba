-- Asserts V5.2: the three FK indexes exist with their definitions and are valid (a failed CONCURRENTLY
-- build leaves an INVALID index).
DO $$
BEGIN
    -- the three FK indexes
    PERFORM pg_temp.verify_expect('medication V5.2', 'indexes missing or different', ARRAY(
        SELECT format('%s on %s: %s', e.idx, e.tbl, e.def)
          FROM (VALUES
                ('dose_events', 'dose_events_medicationId_idx', false, 'btree ("medicationId")'),
                ('family_members', 'family_members_memberId_idx', false, 'btree ("memberId")'),
                ('prescription_versions', 'prescription_versions_authorId_idx', false, 'btree ("authorId")')
               ) AS e(tbl, idx, uniq, def)
         WHERE (e.tbl, e.idx, e.uniq, e.def) NOT IN (SELECT tbl, idx, uniq, def FROM pg_temp.verify_indexes('${schema}'))));

    IF EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                WHERE c.relnamespace = '${schema}'::regnamespace AND NOT i.indisvalid
                  AND c.relname IN ('dose_events_medicationId_idx', 'family_members_memberId_idx', 'prescription_versions_authorId_idx')) THEN
        RAISE EXCEPTION 'medication V5.2: an FK index is INVALID';
    END IF;
END
$$;
