-- Validates the eight CHECKs V5 added NOT VALID: each scans its table under SHARE UPDATE EXCLUSIVE, which
-- readers and writers do not wait for. A row that breaks a CHECK fails this migration (rolled back) and
-- names the constraint; fix the row and run migrate again.
ALTER TABLE users VALIDATE CONSTRAINT "users_failedLoginAttempts_check";
ALTER TABLE connections VALIDATE CONSTRAINT "connections_initiatorId_recipientId_check";
ALTER TABLE prescriptions VALIDATE CONSTRAINT "prescriptions_patientAge_check";
ALTER TABLE prescriptions VALIDATE CONSTRAINT "prescriptions_currentVersion_check";
ALTER TABLE prescription_versions VALIDATE CONSTRAINT "prescription_versions_versionNumber_check";
ALTER TABLE medications VALIDATE CONSTRAINT "medications_rowNumber_check";
ALTER TABLE subscriptions VALIDATE CONSTRAINT "subscriptions_storageUsed_check";
ALTER TABLE subscriptions VALIDATE CONSTRAINT "subscriptions_storageQuota_check";
