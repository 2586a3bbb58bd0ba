-- Asserts V2: tables, the 20 indexes (2 partial, 1 unique), triggers, cleanup function. Catalog checks go
-- through the engine's shared helpers (pg_temp.verify_*).
DO $$
BEGIN
    PERFORM pg_temp.verify_expect('telehealth V2', 'tables missing', ARRAY(
        SELECT t FROM unnest(ARRAY['email_logs', 'email_queue', 'sms_logs', 'sms_queue', 'sms_opt_outs',
                                   'notification_preferences', 'webhook_logs']) AS t
         WHERE t NOT IN (SELECT rel FROM pg_temp.verify_relations('${schema}') WHERE kind = 'r')));
    PERFORM pg_temp.verify_expect('telehealth V2', 'indexes missing', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_email_logs_recipient', 'idx_email_logs_status', 'idx_email_logs_sent_at',
                                   'idx_email_logs_recipient_date', 'idx_email_queue_send_at', 'idx_email_queue_status',
                                   'idx_email_queue_pending', 'idx_sms_logs_recipient', 'idx_sms_logs_status', 'idx_sms_logs_sent_at',
                                   'idx_sms_logs_recipient_date', 'idx_sms_queue_send_at', 'idx_sms_queue_status',
                                   'idx_sms_queue_scheduled', 'idx_sms_opt_outs_phone', 'idx_sms_opt_outs_status',
                                   'idx_notification_prefs_patient', 'idx_webhook_logs_service', 'idx_webhook_logs_processed',
                                   'idx_webhook_logs_created']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}'))));
    PERFORM pg_temp.verify_expect('telehealth V2', 'the two queue indexes must be partial', ARRAY(
        SELECT i FROM unnest(ARRAY['idx_email_queue_pending', 'idx_sms_queue_scheduled']) AS i
         WHERE i NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}') WHERE def LIKE '% WHERE %')));
    PERFORM pg_temp.verify_expect('telehealth V2', 'must be unique', ARRAY(
        SELECT 'idx_notification_prefs_patient'
         WHERE 'idx_notification_prefs_patient' NOT IN (SELECT idx FROM pg_temp.verify_indexes('${schema}') WHERE uniq)));
    PERFORM pg_temp.verify_expect('telehealth V2', 'functions missing', ARRAY(
        SELECT 'clean_old_communication_logs()'
         WHERE NOT EXISTS (SELECT 1 FROM pg_temp.verify_functions('${schema}') WHERE fn = 'clean_old_communication_logs' AND args = '')));
    PERFORM clean_old_communication_logs();
END
$$;
