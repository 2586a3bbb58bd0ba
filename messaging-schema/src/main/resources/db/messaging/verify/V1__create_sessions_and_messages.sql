-- V1 is in effect (in its own shape or as later versions changed it): sessions and messages exist
-- with RLS, messages reference sessions with ON DELETE CASCADE, sequence numbers are 1, 2, ... per session.
DO $$
DECLARE
    u uuid := gen_random_uuid();
    s uuid := gen_random_uuid();
    seqs bigint[];
BEGIN
    IF to_regclass('${schema}.sessions') IS NULL OR to_regclass('${schema}.messages') IS NULL THEN
        RAISE EXCEPTION 'messaging V1: tables sessions and messages must exist';
    END IF;
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid IN ('${schema}.sessions'::regclass, '${schema}.messages'::regclass) AND NOT relrowsecurity) THEN
        RAISE EXCEPTION 'messaging V1: row-level security must be enabled on sessions and messages';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = '${schema}.messages'::regclass AND contype = 'f'
                   AND confrelid = '${schema}.sessions'::regclass AND confdeltype = 'c') THEN
        RAISE EXCEPTION 'messaging V1: messages must reference sessions with ON DELETE CASCADE';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_index WHERE indexrelid = to_regclass('${schema}.messages_sequence_number_idx') AND indisunique) THEN
        RAISE EXCEPTION 'messaging V1: unique index messages_sequence_number_idx is missing';
    END IF;
    IF to_regclass('${schema}.messages_session_id_idx') IS NULL THEN
        RAISE EXCEPTION 'messaging V1: index messages_session_id_idx is missing';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '${schema}.messages'::regclass AND tgname = 'messages_sequence_number_trigger') THEN
        RAISE EXCEPTION 'messaging V1: trigger messages_sequence_number_trigger is missing';
    END IF;

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
