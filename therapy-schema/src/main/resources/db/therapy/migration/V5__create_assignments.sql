-- Phase 5: assignment and relationship tables. user_partner_assignments (users, partners),
-- user_questionnaire_assignments (questionnaires, users, partners).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE user_partner_assignments (
    user_id     integer   NOT NULL,
    partner_id  integer   NOT NULL,
    assigned_at timestamp DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT user_partner_assignments_pkey PRIMARY KEY (user_id, partner_id),
    CONSTRAINT user_partner_assignments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT user_partner_assignments_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE
);
-- Recommended additive index: the primary key leads with user_id, lookups by partner need their own.
CREATE INDEX idx_user_partner_assignments_partner_id ON user_partner_assignments (partner_id);

COMMENT ON TABLE user_partner_assignments IS 'Many-to-many assignment of users (clients) to partners (therapists).';
COMMENT ON COLUMN user_partner_assignments.assigned_at IS 'When the user was assigned to the partner.';

CREATE TABLE user_questionnaire_assignments (
    id               serial      NOT NULL,
    questionnaire_id integer     NOT NULL,
    user_id          integer     NOT NULL,
    partner_id       integer     NOT NULL,
    assigned_at      timestamp   DEFAULT CURRENT_TIMESTAMP,
    status           varchar(20) DEFAULT 'pending',
    completed_at     timestamp,
    CONSTRAINT user_questionnaire_assignments_pkey PRIMARY KEY (id),
    CONSTRAINT user_questionnaire_assignments_status_check CHECK (status IN ('pending', 'completed')),
    CONSTRAINT user_questionnaire_assignments_questionnaire_id_fkey FOREIGN KEY (questionnaire_id)
        REFERENCES questionnaires (id) ON DELETE CASCADE,
    CONSTRAINT user_questionnaire_assignments_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT user_questionnaire_assignments_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE
);
CREATE INDEX idx_user_questionnaire_assignments_user_id ON user_questionnaire_assignments (user_id);
CREATE INDEX idx_user_questionnaire_assignments_partner_id ON user_questionnaire_assignments (partner_id);
CREATE INDEX idx_user_questionnaire_assignments_questionnaire_id ON user_questionnaire_assignments (questionnaire_id);
CREATE INDEX idx_user_questionnaire_assignments_status ON user_questionnaire_assignments (status);
CREATE INDEX idx_user_questionnaire_assignments_assigned_at ON user_questionnaire_assignments (assigned_at);

COMMENT ON TABLE user_questionnaire_assignments IS 'Questionnaires sent by a partner to a user.';
COMMENT ON COLUMN user_questionnaire_assignments.status IS 'pending or completed.';
COMMENT ON COLUMN user_questionnaire_assignments.completed_at IS 'When the user completed the questionnaire.';
