-- V4 is in effect: every session is in the partitioned table (before the swap: as many rows as the live
-- table, per status), and every message carries its session's status (in every later state too).
-- Problems are raised through the engine's shared pg_temp.verify_expect.
DO $$
DECLARE
    unlabelled bigint;
BEGIN
    IF to_regclass('${schema}.sessions_partitioned') IS NOT NULL THEN
        IF (SELECT count(*) FROM ${schema}.sessions) <> (SELECT count(*) FROM ${schema}.sessions_partitioned)
           OR EXISTS (SELECT status, count(*) FROM ${schema}.sessions GROUP BY status
                      EXCEPT SELECT status, count(*) FROM ${schema}.sessions_partitioned GROUP BY status) THEN
            RAISE EXCEPTION 'messaging V4: sessions_partitioned does not hold every session of sessions';
        END IF;
    END IF;
    SELECT count(*) INTO unlabelled FROM ${schema}.messages m
     WHERE NOT EXISTS (SELECT 1 FROM ${schema}.sessions s WHERE s.id = m.session_id AND s.status = m.session_status);
    PERFORM pg_temp.verify_expect('messaging V4', 'messages without their session''s status', ARRAY(
        SELECT unlabelled || ' messages' WHERE unlabelled > 0));
END
$$;
