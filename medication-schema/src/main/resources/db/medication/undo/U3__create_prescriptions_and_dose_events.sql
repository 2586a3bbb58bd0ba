-- Reverts V3, dependents first (indexes and constraints go with their tables).
DROP TABLE dose_events;
DROP TABLE medications;
DROP TABLE prescription_versions;
DROP TABLE prescriptions;
