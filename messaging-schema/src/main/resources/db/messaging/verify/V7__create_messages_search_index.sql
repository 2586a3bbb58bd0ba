-- V7 is in effect: the full-text index of messages exists and is valid (a failed CONCURRENTLY build
-- leaves an INVALID one).
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indexrelid = to_regclass('${schema}.messages_content_search_idx') AND i.indisvalid) THEN
        RAISE EXCEPTION 'messaging V7: messages_content_search_idx is missing or INVALID';
    END IF;
END
$$;
