-- Reverts V3: the copying triggers, the partitioned table (with its partitions), messages.session_status
-- and its trigger, and the messages backup. The live tables (sessions, messages) are untouched.
DROP TRIGGER messages_sync_backup_trigger ON ${schema}.messages;
DROP FUNCTION ${schema}.sync_messages_before_v3();
DROP TRIGGER sessions_sync_partitioned_trigger ON ${schema}.sessions;
DROP FUNCTION ${schema}.sync_sessions_partitioned();
DROP TRIGGER messages_session_status_trigger ON ${schema}.messages;
DROP FUNCTION ${schema}.set_message_session_status();
ALTER TABLE ${schema}.messages DROP COLUMN session_status;
DROP TABLE ${schema}.sessions_partitioned;   -- with its three partitions
-- The pre-V3 snapshot belongs to V3 (already gone if it was cleaned up by hand).
DROP TABLE IF EXISTS ${schema.messaging_backup}.messages_before_v3;
