-- WARNING: dropping tables deletes all their data. Use in development, or only with a backup.
-- Reverse order of creation, no CASCADE: a dependency the module does not know about makes this fail
-- instead of silently taking other objects with it.
-- Reverts V1. Afterwards the schema holds nothing of this module (only the history table).
DROP TABLE auth_credentials;
DROP TABLE users;
DROP TABLE organizations;
DROP TABLE admins;
