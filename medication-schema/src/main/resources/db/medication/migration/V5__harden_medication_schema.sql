-- Additive hardening of the application's schema (V1..V4). Nothing Prisma Client relies on changes:
-- it still sends "id" and "updatedAt" itself; other writers (SQL seeds, services, tests) no longer
-- have to invent them. Fixes defects 2-4 of the spec: no DB defaults, no CHECKs, unindexed FKs.

-- 1. "id" defaults (gen_random_uuid() is core PostgreSQL since 13; no extension needed)
SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

ALTER TABLE users                 ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE connections           ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE prescriptions         ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE prescription_versions ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE medications           ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE dose_events           ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE notifications         ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE audit_logs            ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE subscriptions         ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE family_members        ALTER COLUMN "id" SET DEFAULT gen_random_uuid();
ALTER TABLE meal_time_preferences ALTER COLUMN "id" SET DEFAULT gen_random_uuid();

-- 2. "updatedAt": default on insert, and a trigger that moves it on every update (the platform's
--    set_updated_at() writes updated_at; this module keeps its own camelCase variant so that it needs
--    no other module)
ALTER TABLE users                 ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE connections           ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE prescriptions         ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE medications           ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE dose_events           ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE subscriptions         ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE meal_time_preferences ALTER COLUMN "updatedAt" SET DEFAULT CURRENT_TIMESTAMP;

CREATE FUNCTION set_updated_at()
    RETURNS trigger
    LANGUAGE plpgsql
    SET search_path = pg_catalog, pg_temp
AS $fn$
BEGIN
    NEW."updatedAt" := now();
    RETURN NEW;
END
$fn$;
COMMENT ON FUNCTION set_updated_at() IS
    'BEFORE UPDATE row trigger: sets the quoted camelCase column "updatedAt" to now().';

CREATE TRIGGER trg_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_connections_updated_at BEFORE UPDATE ON connections
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_prescriptions_updated_at BEFORE UPDATE ON prescriptions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_medications_updated_at BEFORE UPDATE ON medications
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_dose_events_updated_at BEFORE UPDATE ON dose_events
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_subscriptions_updated_at BEFORE UPDATE ON subscriptions
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();
CREATE TRIGGER trg_meal_time_preferences_updated_at BEFORE UPDATE ON meal_time_preferences
    FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- 3. CHECK constraints (the application has none), added NOT VALID: new and updated rows are checked at
--    once, without scanning the existing rows under this transaction's locks; V5.1 validates them (a scan
--    under SHARE UPDATE EXCLUSIVE, writers continue).
ALTER TABLE users ADD CONSTRAINT "users_failedLoginAttempts_check" CHECK ("failedLoginAttempts" >= 0) NOT VALID;
ALTER TABLE connections ADD CONSTRAINT "connections_initiatorId_recipientId_check" CHECK ("initiatorId" <> "recipientId") NOT VALID;
ALTER TABLE prescriptions ADD CONSTRAINT "prescriptions_patientAge_check" CHECK ("patientAge" >= 0) NOT VALID;
ALTER TABLE prescriptions ADD CONSTRAINT "prescriptions_currentVersion_check" CHECK ("currentVersion" >= 1) NOT VALID;
ALTER TABLE prescription_versions ADD CONSTRAINT "prescription_versions_versionNumber_check" CHECK ("versionNumber" >= 1) NOT VALID;
ALTER TABLE medications ADD CONSTRAINT "medications_rowNumber_check" CHECK ("rowNumber" >= 1) NOT VALID;
ALTER TABLE subscriptions ADD CONSTRAINT "subscriptions_storageUsed_check" CHECK ("storageUsed" >= 0) NOT VALID;
ALTER TABLE subscriptions ADD CONSTRAINT "subscriptions_storageQuota_check" CHECK ("storageQuota" > 0) NOT VALID;

-- 4. indexes on the FK columns the application left unindexed: V5.2, built CONCURRENTLY.

-- 5. table comments
COMMENT ON TABLE users IS 'Patients, doctors and family members; login by phone number with password and 4-digit PIN (bcrypt hashes).';
COMMENT ON TABLE connections IS 'Doctor-patient and family-patient links, unique per direction; permissionLevel says what the other side may see.';
COMMENT ON TABLE prescriptions IS 'Prescriptions written for a patient, with a snapshot of the patient at creation; currentVersion points into prescription_versions.';
COMMENT ON TABLE prescription_versions IS 'Immutable history of a prescription: medicationsSnapshot holds the medication rows of that version.';
COMMENT ON TABLE medications IS 'Rows of a prescription; morning/daytime/night dosage objects {amount, beforeMeal}, NULL when no dose then.';
COMMENT ON TABLE dose_events IS 'One scheduled intake of a medication and what became of it (DUE, TAKEN_ON_TIME, TAKEN_LATE, MISSED, SKIPPED).';
COMMENT ON TABLE notifications IS 'Notifications to one user, read or unread.';
COMMENT ON TABLE audit_logs IS 'Audit trail; survives the deletion of its actor (actorId set to NULL). resourceId is polymorphic (no FK).';
COMMENT ON TABLE subscriptions IS 'One subscription per user: tier and storage quota/usage in bytes (quota per tier: subscription_tier_quotas seed).';
COMMENT ON TABLE family_members IS 'Users sharing a FAMILY_PREMIUM subscription.';
COMMENT ON TABLE meal_time_preferences IS 'One per user: meal time ranges such as 7-8AM, used to schedule before/after-meal doses.';
