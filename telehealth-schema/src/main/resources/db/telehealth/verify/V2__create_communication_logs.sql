-- Asserts V2: tables, the 20 indexes (2 partial, 1 unique), triggers, cleanup function.
DO $$
DECLARE
    n text;
BEGIN
    FOREACH n IN ARRAY ARRAY['email_logs', 'email_queue', 'sms_logs', 'sms_queue', 'sms_opt_outs',
                             'notification_preferences', 'webhook_logs'] LOOP
        IF to_regclass(format('%I.%I', '${schema}', n)) IS NULL THEN
            RAISE EXCEPTION 'telehealth V2: table % is missing', n;
        END IF;
    END LOOP;
    FOREACH n IN ARRAY ARRAY['idx_email_logs_recipient', 'idx_email_logs_status', 'idx_email_logs_sent_at',
                             'idx_email_logs_recipient_date', 'idx_email_queue_send_at', 'idx_email_queue_status',
                             'idx_email_queue_pending', 'idx_sms_logs_recipient', 'idx_sms_logs_status', 'idx_sms_logs_sent_at',
                             'idx_sms_logs_recipient_date', 'idx_sms_queue_send_at', 'idx_sms_queue_status',
                             'idx_sms_queue_scheduled', 'idx_sms_opt_outs_phone', 'idx_sms_opt_outs_status',
                             'idx_notification_prefs_patient', 'idx_webhook_logs_service', 'idx_webhook_logs_processed',
                             'idx_webhook_logs_created'] LOOP
        IF to_regclass(format('%I.%I', '${schema}', n)) IS NULL THEN
            RAISE EXCEPTION 'telehealth V2: index % is missing', n;
        END IF;
    END LOOP;
    IF (SELECT count(*) FROM pg_index WHERE indexrelid IN (format('%I.idx_email_queue_pending', '${schema}')::regclass,
                                                            format('%I.idx_sms_queue_scheduled', '${schema}')::regclass)
          AND indpred IS NOT NULL) <> 2 THEN
        RAISE EXCEPTION 'telehealth V2: the two queue indexes must be partial';
    END IF;
    IF NOT (SELECT indisunique FROM pg_index WHERE indexrelid = format('%I.idx_notification_prefs_patient', '${schema}')::regclass) THEN
        RAISE EXCEPTION 'telehealth V2: idx_notification_prefs_patient must be unique';
    END IF;
    IF to_regprocedure(format('%I.clean_old_communication_logs()', '${schema}')) IS NULL THEN
        RAISE EXCEPTION 'telehealth V2: clean_old_communication_logs() is missing';
    END IF;
    PERFORM clean_old_communication_logs();
END
$$;
