-- Reverts V1: functions, then the thirteen tables children first (indexes and triggers go with them),
-- then the trigger function.
DROP FUNCTION pharmacy_api_key(uuid, text);
DROP FUNCTION set_pharmacy_api_key(uuid, text, text);
DROP FUNCTION api_key_secret(text);
DROP FUNCTION generate_order_number();
DROP FUNCTION generate_rx_number();
DROP TABLE patient_documents;
DROP TABLE messages;
DROP TABLE order_items;
DROP TABLE orders;
DROP TABLE prescription_items;
DROP TABLE prescriptions;
DROP TABLE consultations;
DROP TABLE pharmacies;
DROP TABLE medications;
DROP TABLE admins;
DROP TABLE providers;
DROP TABLE patients;
DROP TABLE consultation_settings;
DROP FUNCTION update_updated_at_column();
