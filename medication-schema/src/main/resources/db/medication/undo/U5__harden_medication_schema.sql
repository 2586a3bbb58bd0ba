-- Reverts V5: removes exactly its additions, leaving the application's init schema (V1..V4).
COMMENT ON TABLE users IS NULL;
COMMENT ON TABLE connections IS NULL;
COMMENT ON TABLE prescriptions IS NULL;
COMMENT ON TABLE prescription_versions IS NULL;
COMMENT ON TABLE medications IS NULL;
COMMENT ON TABLE dose_events IS NULL;
COMMENT ON TABLE notifications IS NULL;
COMMENT ON TABLE audit_logs IS NULL;
COMMENT ON TABLE subscriptions IS NULL;
COMMENT ON TABLE family_members IS NULL;
COMMENT ON TABLE meal_time_preferences IS NULL;

ALTER TABLE subscriptions DROP CONSTRAINT "subscriptions_storageQuota_check";
ALTER TABLE subscriptions DROP CONSTRAINT "subscriptions_storageUsed_check";
ALTER TABLE medications DROP CONSTRAINT "medications_rowNumber_check";
ALTER TABLE prescription_versions DROP CONSTRAINT "prescription_versions_versionNumber_check";
ALTER TABLE prescriptions DROP CONSTRAINT "prescriptions_currentVersion_check";
ALTER TABLE prescriptions DROP CONSTRAINT "prescriptions_patientAge_check";
ALTER TABLE connections DROP CONSTRAINT "connections_initiatorId_recipientId_check";
ALTER TABLE users DROP CONSTRAINT "users_failedLoginAttempts_check";

DROP TRIGGER trg_meal_time_preferences_updated_at ON meal_time_preferences;
DROP TRIGGER trg_subscriptions_updated_at ON subscriptions;
DROP TRIGGER trg_dose_events_updated_at ON dose_events;
DROP TRIGGER trg_medications_updated_at ON medications;
DROP TRIGGER trg_prescriptions_updated_at ON prescriptions;
DROP TRIGGER trg_connections_updated_at ON connections;
DROP TRIGGER trg_users_updated_at ON users;
DROP FUNCTION set_updated_at();

ALTER TABLE meal_time_preferences ALTER COLUMN "updatedAt" DROP DEFAULT;
ALTER TABLE subscriptions         ALTER COLUMN "updatedAt" DROP DEFAULT;
ALTER TABLE dose_events           ALTER COLUMN "updatedAt" DROP DEFAULT;
ALTER TABLE medications           ALTER COLUMN "updatedAt" DROP DEFAULT;
ALTER TABLE prescriptions         ALTER COLUMN "updatedAt" DROP DEFAULT;
ALTER TABLE connections           ALTER COLUMN "updatedAt" DROP DEFAULT;
ALTER TABLE users                 ALTER COLUMN "updatedAt" DROP DEFAULT;

ALTER TABLE meal_time_preferences ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE family_members        ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE subscriptions         ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE audit_logs            ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE notifications         ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE dose_events           ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE medications           ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE prescription_versions ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE prescriptions         ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE connections           ALTER COLUMN "id" DROP DEFAULT;
ALTER TABLE users                 ALTER COLUMN "id" DROP DEFAULT;
