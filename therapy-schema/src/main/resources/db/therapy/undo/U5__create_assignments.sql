-- WARNING: dropping tables deletes all their data. Use in development, or only with a backup.
-- Reverse order of creation, no CASCADE: a dependency the module does not know about makes this fail
-- instead of silently taking other objects with it.
-- Reverts V5.
DROP TABLE user_questionnaire_assignments;
DROP TABLE user_partner_assignments;
