-- Reverts V2.1: its two indexes.
DROP INDEX ${schema}.messages_session_created_idx;
DROP INDEX ${schema}.sessions_user_status_idx;
