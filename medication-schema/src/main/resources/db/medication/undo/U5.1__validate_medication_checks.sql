-- Reverts V5.1: the eight CHECKs as V5 left them, NOT VALID (a validated constraint cannot be marked
-- unvalidated, so each is dropped and added again).
ALTER TABLE users DROP CONSTRAINT "users_failedLoginAttempts_check",
    ADD CONSTRAINT "users_failedLoginAttempts_check" CHECK ("failedLoginAttempts" >= 0) NOT VALID;
ALTER TABLE connections DROP CONSTRAINT "connections_initiatorId_recipientId_check",
    ADD CONSTRAINT "connections_initiatorId_recipientId_check" CHECK ("initiatorId" <> "recipientId") NOT VALID;
ALTER TABLE prescriptions DROP CONSTRAINT "prescriptions_patientAge_check",
    ADD CONSTRAINT "prescriptions_patientAge_check" CHECK ("patientAge" >= 0) NOT VALID;
ALTER TABLE prescriptions DROP CONSTRAINT "prescriptions_currentVersion_check",
    ADD CONSTRAINT "prescriptions_currentVersion_check" CHECK ("currentVersion" >= 1) NOT VALID;
ALTER TABLE prescription_versions DROP CONSTRAINT "prescription_versions_versionNumber_check",
    ADD CONSTRAINT "prescription_versions_versionNumber_check" CHECK ("versionNumber" >= 1) NOT VALID;
ALTER TABLE medications DROP CONSTRAINT "medications_rowNumber_check",
    ADD CONSTRAINT "medications_rowNumber_check" CHECK ("rowNumber" >= 1) NOT VALID;
ALTER TABLE subscriptions DROP CONSTRAINT "subscriptions_storageUsed_check",
    ADD CONSTRAINT "subscriptions_storageUsed_check" CHECK ("storageUsed" >= 0) NOT VALID;
ALTER TABLE subscriptions DROP CONSTRAINT "subscriptions_storageQuota_check",
    ADD CONSTRAINT "subscriptions_storageQuota_check" CHECK ("storageQuota" > 0) NOT VALID;
