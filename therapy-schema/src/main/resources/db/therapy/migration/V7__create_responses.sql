-- Phase 7: response and linking tables. user_questionnaire_responses (assignments, questions, answer
-- options, therapy sessions), user_questionnaire_text_responses (assignments),
-- session_questionnaire_assignments (therapy sessions, assignments).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE user_questionnaire_responses (
    id               serial    NOT NULL,
    assignment_id    integer   NOT NULL,
    question_id      integer   NOT NULL,
    answer_option_id integer   NOT NULL,
    response_value   integer   NOT NULL,
    session_id       integer,
    responded_at     timestamp DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT user_questionnaire_responses_pkey PRIMARY KEY (id),
    CONSTRAINT user_questionnaire_responses_assignment_id_fkey FOREIGN KEY (assignment_id)
        REFERENCES user_questionnaire_assignments (id) ON DELETE CASCADE,
    CONSTRAINT user_questionnaire_responses_question_id_fkey FOREIGN KEY (question_id)
        REFERENCES questionnaire_questions (id) ON DELETE CASCADE,
    CONSTRAINT user_questionnaire_responses_answer_option_id_fkey FOREIGN KEY (answer_option_id)
        REFERENCES questionnaire_answer_options (id) ON DELETE CASCADE,
    CONSTRAINT user_questionnaire_responses_session_id_fkey FOREIGN KEY (session_id)
        REFERENCES therapy_sessions (id) ON DELETE SET NULL
);
CREATE INDEX idx_user_questionnaire_responses_assignment_id ON user_questionnaire_responses (assignment_id);
CREATE INDEX idx_user_questionnaire_responses_question_id ON user_questionnaire_responses (question_id);
CREATE INDEX idx_user_questionnaire_responses_session_id ON user_questionnaire_responses (session_id);
CREATE INDEX idx_user_questionnaire_responses_responded_at ON user_questionnaire_responses (responded_at);
-- Recommended additive index: supports the cascade from questionnaire_answer_options.
CREATE INDEX idx_user_questionnaire_responses_answer_option_id ON user_questionnaire_responses (answer_option_id);

COMMENT ON TABLE user_questionnaire_responses IS 'Answers of a user to the questions of an assigned questionnaire, one row per question.';
COMMENT ON COLUMN user_questionnaire_responses.response_value IS 'Score of the chosen answer option.';
COMMENT ON COLUMN user_questionnaire_responses.session_id IS 'Therapy session the answer belongs to; set to NULL when the session is deleted.';

CREATE TABLE user_questionnaire_text_responses (
    id            serial    NOT NULL,
    assignment_id integer   NOT NULL,
    text_response text,
    responded_at  timestamp DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT user_questionnaire_text_responses_pkey PRIMARY KEY (id),
    CONSTRAINT user_questionnaire_text_responses_assignment_id_fkey FOREIGN KEY (assignment_id)
        REFERENCES user_questionnaire_assignments (id) ON DELETE CASCADE
);
CREATE INDEX idx_user_questionnaire_text_responses_assignment_id ON user_questionnaire_text_responses (assignment_id);

COMMENT ON TABLE user_questionnaire_text_responses IS 'Free-text answers to questionnaires that have a text field.';
COMMENT ON COLUMN user_questionnaire_text_responses.text_response IS 'The free text the user entered.';

-- The unique and the second foreign key carry PostgreSQL's default names (truncated to 63 bytes),
-- written out so they are stable.
CREATE TABLE session_questionnaire_assignments (
    id                               serial    NOT NULL,
    therapy_session_id               integer   NOT NULL,
    user_questionnaire_assignment_id integer   NOT NULL,
    assigned_at                      timestamp DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT session_questionnaire_assignments_pkey PRIMARY KEY (id),
    CONSTRAINT session_questionnaire_assignm_therapy_session_id_user_quest_key
        UNIQUE (therapy_session_id, user_questionnaire_assignment_id),
    CONSTRAINT session_questionnaire_assignments_therapy_session_id_fkey FOREIGN KEY (therapy_session_id)
        REFERENCES therapy_sessions (id) ON DELETE CASCADE,
    CONSTRAINT session_questionnaire_assignm_user_questionnaire_assignmen_fkey FOREIGN KEY (user_questionnaire_assignment_id)
        REFERENCES user_questionnaire_assignments (id) ON DELETE CASCADE
);
CREATE INDEX idx_session_questionnaire_session ON session_questionnaire_assignments (therapy_session_id);
CREATE INDEX idx_session_questionnaire_assignment ON session_questionnaire_assignments (user_questionnaire_assignment_id);

COMMENT ON TABLE session_questionnaire_assignments IS 'Links therapy sessions to the questionnaire assignments sent during them.';
COMMENT ON COLUMN session_questionnaire_assignments.therapy_session_id IS 'Therapy session; deleting it deletes the link.';
COMMENT ON COLUMN session_questionnaire_assignments.user_questionnaire_assignment_id IS 'Questionnaire assignment sent in the session; deleting it deletes the link.';
COMMENT ON COLUMN session_questionnaire_assignments.assigned_at IS 'When the questionnaire was linked to the session.';
