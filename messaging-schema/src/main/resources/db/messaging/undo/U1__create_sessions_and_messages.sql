-- Reverts V1: the tables (with their policies, indexes and trigger), the trigger function and the API
-- roles' access to the schema.
DROP TABLE ${schema}.messages;
DROP TABLE ${schema}.sessions;
DROP FUNCTION ${schema}.update_sequence_number();
REVOKE USAGE ON SCHEMA ${schema} FROM anon, authenticated, service_role;
