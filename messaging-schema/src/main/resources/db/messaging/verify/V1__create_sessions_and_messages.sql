-- V1 is in effect (in its own shape or as later versions changed it): sessions and messages exist
-- with RLS, messages reference sessions with ON DELETE CASCADE, sequence numbers are 1, 2, ... per session.
-- Catalog checks go through the engine's shared helpers (pg_temp.verify_*).
DO $$
DECLARE
    u uuid := gen_random_uuid();
    s uuid := gen_random_uuid();
    seqs bigint[];
BEGIN
    PERFORM pg_temp.verify_expect('messaging V1', 'tables missing or row-level security off', ARRAY(
        SELECT t FROM unnest(ARRAY['sessions', 'messages']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind IN ('r', 'p') AND rls)));
    PERFORM pg_temp.verify_expect('messaging V1', 'foreign key missing', ARRAY(
        SELECT 'messages -> sessions ON DELETE CASCADE'
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_constraints('${schema}')
                            WHERE tbl = 'messages' AND typ = 'f' AND def LIKE '% REFERENCES sessions(%' AND def LIKE '%ON DELETE CASCADE%')));
    PERFORM pg_temp.verify_expect('messaging V1', 'indexes missing', ARRAY(
        SELECT e.idx FROM (VALUES ('messages_sequence_number_idx', true), ('messages_session_id_idx', false)) AS e(idx, uniq)
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_indexes('${schema}') i WHERE i.idx = e.idx AND (i.uniq OR NOT e.uniq))));
    PERFORM pg_temp.verify_expect('messaging V1', 'triggers missing', ARRAY(
        SELECT 'messages_sequence_number_trigger'
         WHERE ('messages', 'messages_sequence_number_trigger') NOT IN (SELECT tbl, trg FROM pg_temp.verify_triggers('${schema}'))));

    -- behaviour (rolled back with the verify transaction)
    INSERT INTO ${schema.auth}.users (id, email) VALUES (u, 'verify-' || u || '@messaging.invalid');
    INSERT INTO ${schema}.sessions (id, user_id) VALUES (s, u);
    INSERT INTO ${schema}.messages (session_id, user_id, content, type) VALUES (s, u, 'one', 'text'), (s, u, 'two', 'text');
    SELECT array_agg(sequence_number ORDER BY sequence_number) INTO seqs FROM ${schema}.messages WHERE session_id = s;
    IF seqs IS DISTINCT FROM ARRAY[1, 2]::bigint[] THEN
        RAISE EXCEPTION 'messaging V1: sequence numbers of a new session must be 1, 2 - got %', seqs;
    END IF;
END
$$;
