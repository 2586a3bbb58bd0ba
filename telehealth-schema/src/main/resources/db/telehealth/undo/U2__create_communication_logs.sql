-- Reverts V2: cleanup function and the seven tables (with their indexes and triggers).
DROP FUNCTION clean_old_communication_logs();
DROP TABLE webhook_logs;
DROP TABLE notification_preferences;
DROP TABLE sms_opt_outs;
DROP TABLE sms_queue;
DROP TABLE sms_logs;
DROP TABLE email_queue;
DROP TABLE email_logs;
