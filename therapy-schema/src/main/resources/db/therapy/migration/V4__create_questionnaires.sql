-- Phase 4: questionnaire system. questionnaires (depends on partners), questionnaire_questions,
-- questionnaire_answer_options, and the updated_at trigger of questionnaires (the application creates
-- it at the very end of its script; it only needs questionnaires, so it lives here).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE questionnaires (
    id                     serial       NOT NULL,
    partner_id             integer      NOT NULL,
    name                   varchar(255) NOT NULL,
    description            text,
    created_at             timestamp    DEFAULT CURRENT_TIMESTAMP,
    updated_at             timestamp    DEFAULT CURRENT_TIMESTAMP,
    has_text_field         boolean      DEFAULT false,
    text_field_label       varchar(500),
    text_field_placeholder text,
    color_coding_scheme    varchar(10)  DEFAULT NULL,
    CONSTRAINT questionnaires_pkey PRIMARY KEY (id),
    -- Fix (defect 1): the application listed NULL inside IN (...), so any value compared to unknown
    -- and passed ('banana' was accepted). NULL is allowed explicitly, anything else must be listed.
    CONSTRAINT questionnaires_color_coding_scheme_check CHECK
        (color_coding_scheme IS NULL OR color_coding_scheme IN ('4-point', '5-point')),
    CONSTRAINT questionnaires_partner_id_fkey FOREIGN KEY (partner_id) REFERENCES partners (id) ON DELETE CASCADE
);
CREATE INDEX idx_questionnaires_partner_id ON questionnaires (partner_id);
CREATE INDEX idx_questionnaires_created_at ON questionnaires (created_at);

COMMENT ON TABLE questionnaires IS 'Questionnaire templates owned by a partner.';
COMMENT ON COLUMN questionnaires.updated_at IS 'Last modification; kept current by trigger_update_questionnaires_updated_at.';
COMMENT ON COLUMN questionnaires.has_text_field IS 'Whether the questionnaire ends with a free-text field.';
COMMENT ON COLUMN questionnaires.text_field_label IS 'Label of the free-text field.';
COMMENT ON COLUMN questionnaires.text_field_placeholder IS 'Placeholder of the free-text field.';
COMMENT ON COLUMN questionnaires.color_coding_scheme IS
    'Answer colour coding: NULL (no colours), ''4-point'' or ''5-point''; colours are assigned by option position, green to red.';

CREATE TABLE questionnaire_questions (
    id               serial       NOT NULL,
    questionnaire_id integer      NOT NULL,
    question_text    text         NOT NULL,
    question_order   integer      NOT NULL DEFAULT 0,
    created_at       timestamp    DEFAULT CURRENT_TIMESTAMP,
    sub_heading      varchar(255),
    CONSTRAINT questionnaire_questions_pkey PRIMARY KEY (id),
    CONSTRAINT questionnaire_questions_questionnaire_id_fkey FOREIGN KEY (questionnaire_id)
        REFERENCES questionnaires (id) ON DELETE CASCADE
);
CREATE INDEX idx_questionnaire_questions_questionnaire_id ON questionnaire_questions (questionnaire_id);
CREATE INDEX idx_questionnaire_questions_order ON questionnaire_questions (questionnaire_id, question_order);
CREATE INDEX idx_questionnaire_questions_sub_heading ON questionnaire_questions (questionnaire_id, sub_heading);

COMMENT ON TABLE questionnaire_questions IS 'Questions of a questionnaire, in question_order.';
COMMENT ON COLUMN questionnaire_questions.question_order IS 'Position of the question within its questionnaire.';
COMMENT ON COLUMN questionnaire_questions.sub_heading IS 'Optional sub-heading that groups questions within a questionnaire.';

CREATE TABLE questionnaire_answer_options (
    id           serial       NOT NULL,
    question_id  integer      NOT NULL,
    option_text  varchar(255) NOT NULL,
    option_value integer      NOT NULL,
    option_order integer      NOT NULL DEFAULT 0,
    CONSTRAINT questionnaire_answer_options_pkey PRIMARY KEY (id),
    CONSTRAINT questionnaire_answer_options_question_id_fkey FOREIGN KEY (question_id)
        REFERENCES questionnaire_questions (id) ON DELETE CASCADE
);
CREATE INDEX idx_questionnaire_answer_options_question_id ON questionnaire_answer_options (question_id);
CREATE INDEX idx_questionnaire_answer_options_order ON questionnaire_answer_options (question_id, option_order);

COMMENT ON TABLE questionnaire_answer_options IS 'Answer options of a question, in option_order, each with a score.';
COMMENT ON COLUMN questionnaire_answer_options.option_value IS 'Score of the option.';
COMMENT ON COLUMN questionnaire_answer_options.option_order IS 'Position of the option within its question (drives the colour coding).';

-- The application's named trigger function, kept under its name; search_path pinned.
CREATE FUNCTION update_questionnaires_updated_at()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    NEW.updated_at := CURRENT_TIMESTAMP;
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION update_questionnaires_updated_at() IS
    'BEFORE UPDATE row trigger of questionnaires: sets updated_at to the current timestamp.';

CREATE TRIGGER trigger_update_questionnaires_updated_at
    BEFORE UPDATE ON questionnaires
    FOR EACH ROW EXECUTE FUNCTION update_questionnaires_updated_at();
