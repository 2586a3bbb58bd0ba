-- Phase 8: chart sharing. shared_charts (partners, users, questionnaires).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE shared_charts (
    id                   serial      NOT NULL,
    partner_id           integer     NOT NULL,
    user_id              integer     NOT NULL,
    chart_type           varchar(50) NOT NULL,
    selected_sessions    text,
    sent_at              timestamp   DEFAULT CURRENT_TIMESTAMP,
    created_at           timestamp   DEFAULT CURRENT_TIMESTAMP,
    questionnaire_id     integer,
    selected_assignments text,
    chart_display_type   varchar(20) DEFAULT 'radar',
    CONSTRAINT shared_charts_pkey PRIMARY KEY (id),
    CONSTRAINT shared_charts_chart_type_check CHECK (chart_type IN ('radar_default', 'comparison', 'questionnaire_comparison')),
    CONSTRAINT shared_charts_chart_display_type_check CHECK (chart_display_type IN ('radar', 'line', 'bar')),
    CONSTRAINT shared_charts_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE,
    CONSTRAINT shared_charts_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT shared_charts_questionnaire_id_fkey FOREIGN KEY (questionnaire_id)
        REFERENCES questionnaires (id) ON DELETE CASCADE
);
CREATE INDEX idx_shared_charts_user ON shared_charts (user_id);
CREATE INDEX idx_shared_charts_partner ON shared_charts (partner_id);
CREATE INDEX idx_shared_charts_partner_user ON shared_charts (partner_id, user_id);
CREATE INDEX idx_shared_charts_questionnaire ON shared_charts (questionnaire_id);

COMMENT ON TABLE shared_charts IS 'Progress charts a partner has shared with a user.';
COMMENT ON COLUMN shared_charts.chart_type IS 'radar_default, comparison or questionnaire_comparison.';
COMMENT ON COLUMN shared_charts.selected_sessions IS 'JSON list of the selected sessions, stored as text (kept from the application).';
COMMENT ON COLUMN shared_charts.questionnaire_id IS 'Questionnaire the chart is about (questionnaire_comparison charts).';
COMMENT ON COLUMN shared_charts.selected_assignments IS 'JSON array of the selected questionnaire assignment ids, stored as text.';
COMMENT ON COLUMN shared_charts.chart_display_type IS 'How the chart is drawn: radar, line or bar.';
