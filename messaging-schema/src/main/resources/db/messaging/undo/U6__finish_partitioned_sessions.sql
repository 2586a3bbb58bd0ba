-- Reverts V6: statistics, views and functions go; messages.session_status is nullable again and the
-- composite FK and the NOT NULL check are back as V5 left them (NOT VALID).
DROP FUNCTION ${schema}.search_messages(text, uuid, uuid);
DROP FUNCTION ${schema}.archive_old_sessions(integer);
DROP VIEW ${schema}.active_sessions;
DROP TRIGGER refresh_session_stats_trigger ON ${schema}.sessions;
DROP FUNCTION ${schema}.refresh_session_stats();
DROP VIEW ${schema}.my_session_stats;
DROP MATERIALIZED VIEW ${schema}.session_stats;

ALTER TABLE ${schema}.messages ALTER COLUMN session_status DROP NOT NULL;
ALTER TABLE ${schema}.messages DROP CONSTRAINT messages_session_id_session_status_fkey;
ALTER TABLE ${schema}.messages
    ADD CONSTRAINT messages_session_id_session_status_fkey FOREIGN KEY (session_id, session_status)
        REFERENCES ${schema}.sessions (id, status) ON DELETE CASCADE ON UPDATE CASCADE NOT VALID,
    ADD CONSTRAINT chk_messages_session_status_not_null CHECK (session_status IS NOT NULL) NOT VALID;
