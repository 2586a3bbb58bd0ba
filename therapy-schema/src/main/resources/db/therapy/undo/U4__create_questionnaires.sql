-- WARNING: dropping tables deletes all their data. Use in development, or only with a backup.
-- Reverse order of creation, no CASCADE: a dependency the module does not know about makes this fail
-- instead of silently taking other objects with it.
-- Reverts V4, including the trigger function the application never dropped (defect 4).
DROP TABLE questionnaire_answer_options;
DROP TABLE questionnaire_questions;
DROP TABLE questionnaires;
DROP FUNCTION update_questionnaires_updated_at();
