-- How far V4's batched copy has come, for the runner's progress line while V4 runs (README, "Writing a
-- module"): rows copied (sessions into sessions_partitioned, messages into the backup, batch by batch, each
-- batch committed) of rows to copy. Run from another session at most every 2 s; counts only, locks nothing.
SELECT (SELECT count(*) FROM ${schema}.sessions_partitioned)
       + (SELECT count(*) FROM ${schema.messaging_backup}.messages_before_v3) AS done,
       (SELECT count(*) FROM ${schema}.sessions) + (SELECT count(*) FROM ${schema}.messages) AS total;
