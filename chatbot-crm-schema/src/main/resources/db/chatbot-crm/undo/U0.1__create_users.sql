-- Reverts V0.1: users, is_admin() and the schema usage grant.
DROP TABLE users;
DROP FUNCTION is_admin();
REVOKE USAGE ON SCHEMA ${schema} FROM anon, authenticated, service_role;
