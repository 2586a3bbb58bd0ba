-- V5: analytics events (the application's 005_analytics_events.sql): events, visitor sessions,
-- form-field analytics, expected funnels (20 reference rows), three reporting views and the funnel
-- velocity function.
-- Fixed here: inline MySQL-style INDEX clauses are separate statements; the funnel rows are inserted
-- idempotently; calculate_funnel_velocity returns exactly the types it declares (the application's
-- returned text for a varchar column, so every call failed).

CREATE TABLE analytics_events (
    id             uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    user_id        uuid,
    session_id     varchar(255),
    event_type     varchar(100) NOT NULL,
    event_category varchar(100),
    event_data     jsonb,
    page_url       varchar(500),
    referrer       varchar(500),
    created_at     timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT analytics_events_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE analytics_events IS 'Tracked events (page_view, form_interaction, funnel_step, conversion); funnel steps carry "step" and "stepNumber" in event_data.';
COMMENT ON COLUMN analytics_events.event_category IS 'consultation, prescription, refill, health_quiz (the funnel name for funnel_step events)';

CREATE TABLE user_sessions (
    id               uuid          NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    session_id       varchar(255)  NOT NULL,
    user_id          uuid,
    started_at       timestamp     DEFAULT CURRENT_TIMESTAMP,
    ended_at         timestamp,
    duration_seconds integer,
    user_agent       text,
    ip_address       inet,
    device_type      varchar(50),
    browser          varchar(50),
    utm_source       varchar(100),
    utm_medium       varchar(100),
    utm_campaign     varchar(100),
    utm_content      varchar(100),
    utm_term         varchar(100),
    converted        boolean       DEFAULT false,
    conversion_type  varchar(100),
    conversion_value numeric(10,2),
    CONSTRAINT user_sessions_pkey PRIMARY KEY (id),
    CONSTRAINT user_sessions_session_id_key UNIQUE (session_id)
);
COMMENT ON TABLE user_sessions IS 'Visitor sessions with device, UTM attribution and conversion.';

CREATE TABLE form_field_analytics (
    id                 uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    session_id         varchar(255) NOT NULL,
    form_name          varchar(100) NOT NULL,
    field_name         varchar(100) NOT NULL,
    focus_count        integer      DEFAULT 0,
    blur_count         integer      DEFAULT 0,
    change_count       integer      DEFAULT 0,
    time_spent_seconds integer      DEFAULT 0,
    error_count        integer      DEFAULT 0,
    was_completed      boolean      DEFAULT false,
    created_at         timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at         timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT form_field_analytics_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE form_field_analytics IS 'Per session, form and field: focus/blur/change counts, time spent, errors, completion.';

CREATE TABLE funnel_definitions (
    id                       uuid         NOT NULL DEFAULT ${schema.platform}.uuid_generate_v4(),
    funnel_name              varchar(100) NOT NULL,
    step_number              integer      NOT NULL,
    step_name                varchar(100) NOT NULL,
    step_description         text,
    expected_completion_rate numeric(5,2),
    expected_time_minutes    integer,
    created_at               timestamp    DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT funnel_definitions_pkey PRIMARY KEY (id)
);
COMMENT ON TABLE funnel_definitions IS 'Expected funnels: steps with expected completion rate (percent of step 1) and time (minutes).';

-- 12 indexes
CREATE INDEX idx_analytics_user ON analytics_events (user_id);
CREATE INDEX idx_analytics_session ON analytics_events (session_id);
CREATE INDEX idx_analytics_type ON analytics_events (event_type);
CREATE INDEX idx_analytics_category ON analytics_events (event_category);
CREATE INDEX idx_analytics_created ON analytics_events (created_at DESC);
CREATE INDEX idx_sessions_user ON user_sessions (user_id);
CREATE INDEX idx_sessions_started ON user_sessions (started_at DESC);
CREATE INDEX idx_sessions_converted ON user_sessions (converted);
CREATE UNIQUE INDEX idx_form_field_unique ON form_field_analytics (session_id, form_name, field_name);
CREATE INDEX idx_form_fields_session ON form_field_analytics (session_id);
CREATE INDEX idx_form_fields_form ON form_field_analytics (form_name);
CREATE UNIQUE INDEX idx_funnel_step ON funnel_definitions (funnel_name, step_number);

CREATE TRIGGER update_form_field_analytics_updated_at BEFORE UPDATE ON form_field_analytics
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

-- Reference rows: 20 funnel steps (idempotent)
INSERT INTO funnel_definitions (funnel_name, step_number, step_name, step_description, expected_completion_rate, expected_time_minutes)
VALUES
    ('consultation', 1, 'landing', 'Visitor lands on the site', 100.00, 0),
    ('consultation', 2, 'condition_selected', 'Visitor picks a condition', 65.00, 1),
    ('consultation', 3, 'quiz_started', 'Health quiz started', 50.00, 1),
    ('consultation', 4, 'quiz_completed', 'Health quiz completed', 35.00, 5),
    ('consultation', 5, 'plan_selected', 'Treatment plan selected', 28.00, 2),
    ('consultation', 6, 'checkout_started', 'Checkout started (card on file)', 22.00, 1),
    ('consultation', 7, 'payment_completed', 'Card saved / payment completed', 18.00, 3),
    ('consultation', 8, 'consultation_submitted', 'Consultation submitted for provider review', 15.00, 1),
    ('prescription', 1, 'consultation_reviewed', 'Provider reviewed the consultation', 100.00, 0),
    ('prescription', 2, 'prescription_written', 'Provider wrote the prescription', 95.00, 60),
    ('prescription', 3, 'pharmacy_received', 'Pharmacy received the prescription', 92.00, 120),
    ('prescription', 4, 'order_processed', 'Pharmacy processed the order', 88.00, 480),
    ('prescription', 5, 'order_shipped', 'Order shipped', 85.00, 1440),
    ('prescription', 6, 'order_delivered', 'Order delivered', 80.00, 4320),
    ('refill', 1, 'refill_reminder_sent', 'Refill reminder sent', 100.00, 0),
    ('refill', 2, 'reminder_opened', 'Reminder opened', 55.00, 1440),
    ('refill', 3, 'refill_requested', 'Patient requested the refill', 35.00, 60),
    ('refill', 4, 'refill_reviewed', 'Provider reviewed the refill', 28.00, 720),
    ('refill', 5, 'refill_approved', 'Provider approved the refill', 22.00, 60),
    ('refill', 6, 'refill_processed', 'Refill processed and shipped', 18.00, 1440)
ON CONFLICT (funnel_name, step_number) DO NOTHING;

-- Funnel-step events of the last 30 days per funnel and step: distinct sessions, events, conversion
-- versus step 1 and versus the previous step (percent, 2 decimals), with the expected rate.
CREATE VIEW funnel_conversion_rates AS
WITH steps AS (
    SELECT e.event_category                              AS funnel_name,
           (e.event_data ->> 'stepNumber')::integer      AS step_number,
           max(e.event_data ->> 'step')                  AS step_name,
           count(DISTINCT e.session_id)                  AS unique_sessions,
           count(*)                                      AS total_events
      FROM analytics_events e
     WHERE e.event_type = 'funnel_step'
       AND e.created_at >= CURRENT_TIMESTAMP - INTERVAL '30 days'
       AND e.event_data ? 'stepNumber'
     GROUP BY e.event_category, (e.event_data ->> 'stepNumber')::integer
), ranked AS (
    SELECT s.*,
           first_value(s.unique_sessions) OVER (PARTITION BY s.funnel_name ORDER BY s.step_number) AS first_step_sessions,
           lag(s.unique_sessions) OVER (PARTITION BY s.funnel_name ORDER BY s.step_number)         AS previous_step_sessions
      FROM steps s
)
SELECT r.funnel_name,
       r.step_number,
       r.step_name,
       r.unique_sessions,
       r.total_events,
       round(100.0 * r.unique_sessions / nullif(r.first_step_sessions, 0), 2)    AS conversion_from_start,
       round(100.0 * r.unique_sessions / nullif(r.previous_step_sessions, 0), 2) AS conversion_from_previous,
       fd.step_description,
       fd.expected_completion_rate
  FROM ranked r
  LEFT JOIN funnel_definitions fd ON fd.funnel_name = r.funnel_name AND fd.step_number = r.step_number;
COMMENT ON VIEW funnel_conversion_rates IS 'Funnel conversion over the last 30 days: per step distinct sessions, events, % of step 1 and of the previous step, expected rate.';

CREATE VIEW form_completion_rates AS
SELECT f.form_name,
       count(DISTINCT f.session_id)                                                  AS total_sessions,
       count(DISTINCT f.session_id) FILTER (WHERE f.was_completed)                   AS completed_sessions,
       round(100.0 * count(DISTINCT f.session_id) FILTER (WHERE f.was_completed)
             / nullif(count(DISTINCT f.session_id), 0), 2)                           AS completion_rate,
       round(avg(f.time_spent_seconds) / 60.0, 2)                                    AS avg_time_minutes,
       round(avg(f.error_count), 2)                                                  AS avg_errors
  FROM form_field_analytics f
 WHERE f.created_at >= CURRENT_TIMESTAMP - INTERVAL '30 days'
 GROUP BY f.form_name;
COMMENT ON VIEW form_completion_rates IS 'Per form over the last 30 days: sessions, completed sessions, completion %, average minutes and errors per field.';

CREATE VIEW session_conversion_summary AS
SELECT date_trunc('day', s.started_at)::date                                      AS date,
       count(*)                                                                   AS total_sessions,
       count(*) FILTER (WHERE s.converted)                                        AS conversions,
       round(100.0 * count(*) FILTER (WHERE s.converted) / nullif(count(*), 0), 2) AS conversion_rate,
       round(avg(s.duration_seconds) / 60.0, 2)                                   AS avg_session_minutes,
       coalesce(sum(s.conversion_value), 0)                                       AS total_revenue
  FROM user_sessions s
 WHERE s.started_at >= CURRENT_TIMESTAMP - INTERVAL '30 days'
 GROUP BY date_trunc('day', s.started_at)::date
 ORDER BY date DESC;
COMMENT ON VIEW session_conversion_summary IS 'Per day over the last 30 days: sessions, conversions, conversion %, average minutes, revenue; newest first.';

-- Minutes from each funnel step of a session to its next step (NULL for the last step).
CREATE FUNCTION calculate_funnel_velocity(p_session_id varchar, p_funnel_name varchar)
    RETURNS TABLE (
        step_number               integer,
        step_name                 varchar,
        time_to_next_step_minutes numeric
    )
    LANGUAGE sql
    STABLE
    SET search_path = pg_catalog, ${schema}, pg_temp
AS $fn$
    SELECT s.step_number,
           s.step_name,
           round((extract(epoch FROM lead(s.created_at) OVER w - s.created_at) / 60.0)::numeric, 2)
      FROM (SELECT (e.event_data ->> 'stepNumber')::integer AS step_number,
                   (e.event_data ->> 'step')::varchar       AS step_name,
                   e.created_at
              FROM analytics_events e
             WHERE e.session_id = p_session_id
               AND e.event_category = p_funnel_name
               AND e.event_type = 'funnel_step'
               AND e.event_data ? 'stepNumber') s
    WINDOW w AS (ORDER BY s.step_number, s.created_at)
     ORDER BY s.step_number, s.created_at
$fn$;
COMMENT ON FUNCTION calculate_funnel_velocity(varchar, varchar) IS 'Per funnel step of one session: minutes (2 decimals) until the next step; NULL after the last.';
