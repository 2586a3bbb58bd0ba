-- WARNING: dropping tables deletes all their data. Use in development, or only with a backup.
-- Reverse order of creation, no CASCADE: a dependency the module does not know about makes this fail
-- instead of silently taking other objects with it.
-- Reverts V2.
DROP TABLE password_reset_tokens;
DROP TABLE partners;
