-- V2: communication logs (the application's 002_communication_logs.sql): e-mail and SMS logs and
-- queues, the SMS opt-out register, notification preferences, webhook logs, the log-cleanup function.
-- Fixed here: the application's inline MySQL-style INDEX clauses are separate CREATE INDEX statements.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE email_logs (
    id            uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    recipient     varchar(255) NOT NULL,
    template      varchar(100),
    data          jsonb,
    status        varchar(50)  DEFAULT 'pending',
    message_id    varchar(255),
    error_message text,
    sent_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    opened_at     timestamp,
    clicked_at    timestamp,
    created_at    timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT email_logs_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE email_logs IS 'Every e-mail sent (or attempted), with provider message id and engagement.';
COMMENT ON COLUMN email_logs.status IS 'pending, sent, failed, bounced, opened, clicked';

CREATE TABLE email_queue (
    id            uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    recipient     varchar(255) NOT NULL,
    template      varchar(100) NOT NULL,
    data          jsonb,
    send_at       timestamp    NOT NULL,
    status        varchar(50)  DEFAULT 'pending',
    sent_at       timestamp,
    error_message text,
    retry_count   integer      DEFAULT 0,
    created_at    timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT email_queue_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE email_queue IS 'Scheduled e-mails waiting to be sent.';
COMMENT ON COLUMN email_queue.status IS 'pending, sent, failed, cancelled';

CREATE TABLE sms_logs (
    id            uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    recipient     varchar(50)  NOT NULL,
    template      varchar(100),
    content       text         NOT NULL,
    status        varchar(50)  DEFAULT 'pending',
    message_sid   varchar(255),
    error_message text,
    sent_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    delivered_at  timestamp,
    created_at    timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT sms_logs_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE sms_logs IS 'Every SMS sent (or attempted), with the Twilio message sid.';
COMMENT ON COLUMN sms_logs.status IS 'pending, sent, delivered, failed, undelivered';

CREATE TABLE sms_queue (
    id            uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    recipient     varchar(50)  NOT NULL,
    template      varchar(100) NOT NULL,
    data          jsonb,
    send_at       timestamp    NOT NULL,
    status        varchar(50)  DEFAULT 'scheduled',
    sent_at       timestamp,
    error_message text,
    retry_count   integer      DEFAULT 0,
    created_at    timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT sms_queue_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE sms_queue IS 'Scheduled SMS waiting to be sent.';
COMMENT ON COLUMN sms_queue.status IS 'scheduled, sent, failed, cancelled';

CREATE TABLE sms_opt_outs (
    id           uuid        NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    phone_number varchar(50) NOT NULL,
    opted_out    boolean     DEFAULT false,
    opted_out_at timestamp,
    opted_in_at  timestamp,
    created_at   timestamp   DEFAULT CURRENT_TIMESTAMP,
    updated_at   timestamp   DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT sms_opt_outs_pkey PRIMARY KEY (id),
    CONSTRAINT sms_opt_outs_phone_number_key UNIQUE (phone_number)
);
COMMENT ON TABLE sms_opt_outs IS 'TCPA opt-out register: numbers that replied STOP (or opted back in).';

CREATE TABLE notification_preferences (
    id              uuid      NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    patient_id      uuid,
    email_enabled   boolean   DEFAULT true,
    email_marketing boolean   DEFAULT true,
    email_reminders boolean   DEFAULT true,
    email_updates   boolean   DEFAULT true,
    sms_enabled     boolean   DEFAULT true,
    sms_marketing   boolean   DEFAULT false,
    sms_reminders   boolean   DEFAULT true,
    sms_updates     boolean   DEFAULT true,
    push_enabled    boolean   DEFAULT false,
    push_marketing  boolean   DEFAULT false,
    push_reminders  boolean   DEFAULT false,
    push_updates    boolean   DEFAULT false,
    created_at      timestamp DEFAULT CURRENT_TIMESTAMP,
    updated_at      timestamp DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT notification_preferences_pkey PRIMARY KEY (id),
    CONSTRAINT notification_preferences_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE
);
COMMENT ON TABLE notification_preferences IS 'Per-patient channel preferences (one row per patient); push is for the future mobile app.';

CREATE TABLE webhook_logs (
    id            uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    service       varchar(50)  NOT NULL,
    event_type    varchar(100) NOT NULL,
    payload       jsonb        NOT NULL,
    processed     boolean      DEFAULT false,
    processed_at  timestamp,
    error_message text,
    created_at    timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT webhook_logs_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE webhook_logs IS 'Inbound callbacks from twilio, sendgrid and stripe.';

-- 20 indexes (2 partial)
CREATE INDEX idx_email_logs_recipient ON email_logs (recipient);
CREATE INDEX idx_email_logs_status ON email_logs (status);
CREATE INDEX idx_email_logs_sent_at ON email_logs (sent_at DESC);
CREATE INDEX idx_email_logs_recipient_date ON email_logs (recipient, sent_at DESC);
CREATE INDEX idx_email_queue_send_at ON email_queue (send_at);
CREATE INDEX idx_email_queue_status ON email_queue (status);
CREATE INDEX idx_email_queue_pending ON email_queue (status, send_at) WHERE status = 'pending';
CREATE INDEX idx_sms_logs_recipient ON sms_logs (recipient);
CREATE INDEX idx_sms_logs_status ON sms_logs (status);
CREATE INDEX idx_sms_logs_sent_at ON sms_logs (sent_at DESC);
CREATE INDEX idx_sms_logs_recipient_date ON sms_logs (recipient, sent_at DESC);
CREATE INDEX idx_sms_queue_send_at ON sms_queue (send_at);
CREATE INDEX idx_sms_queue_status ON sms_queue (status);
CREATE INDEX idx_sms_queue_scheduled ON sms_queue (status, send_at) WHERE status = 'scheduled';
CREATE INDEX idx_sms_opt_outs_phone ON sms_opt_outs (phone_number);
CREATE INDEX idx_sms_opt_outs_status ON sms_opt_outs (opted_out);
CREATE UNIQUE INDEX idx_notification_prefs_patient ON notification_preferences (patient_id);
CREATE INDEX idx_webhook_logs_service ON webhook_logs (service);
CREATE INDEX idx_webhook_logs_processed ON webhook_logs (processed);
CREATE INDEX idx_webhook_logs_created ON webhook_logs (created_at DESC);

CREATE TRIGGER update_sms_opt_outs_updated_at BEFORE UPDATE ON sms_opt_outs
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
CREATE TRIGGER update_notification_preferences_updated_at BEFORE UPDATE ON notification_preferences
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Daily retention job.
CREATE FUNCTION clean_old_communication_logs()
    RETURNS void
    LANGUAGE plpgsql
    SET search_path = pg_catalog, ${schema}, pg_temp
AS $fn$
BEGIN
    DELETE FROM email_logs
     WHERE created_at < now() - INTERVAL '90 days'
       AND status IN ('sent', 'failed', 'bounced');
    DELETE FROM sms_logs
     WHERE created_at < now() - INTERVAL '90 days'
       AND status IN ('sent', 'delivered', 'failed');
    DELETE FROM webhook_logs
     WHERE created_at < now() - INTERVAL '30 days'
       AND processed = true;
    DELETE FROM email_queue
     WHERE created_at < now() - INTERVAL '7 days'
       AND status = 'failed' AND retry_count > 3;
    DELETE FROM sms_queue
     WHERE created_at < now() - INTERVAL '7 days'
       AND status = 'failed' AND retry_count > 3;
END
$fn$;
COMMENT ON FUNCTION clean_old_communication_logs() IS
    'Run daily: deletes sent/failed/bounced e-mail logs and sent/delivered/failed SMS logs older than 90 days, processed webhook logs older than 30 days, and failed queue rows with more than 3 retries older than 7 days.';
