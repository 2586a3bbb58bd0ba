-- Makes the rows the public-id backfill fills cheap, without changing what is audited or stamped.
-- For such a row (an UPDATE that only sets a NULL public_id, and updated_at) two row triggers run a
-- PL/pgSQL function that does nothing: V31's audit_trigger_function() returns without writing, and
-- V0.2's set_updated_at() stamps now() into a row the backfill already stamps with now(). A WHEN clause
-- skips them in exactly those cases, evaluated without calling PL/pgSQL (with the task's own ids, the backfill
-- ran 1.7x as fast as on release 1.0.0's triggers: docs/benchmarks.md, "Backfill public ids").
-- * patients, appointments: the UPDATE event of audit_<table>_trigger moves to audit_<table>_update_trigger,
--   whose WHEN lists every column except public_id and updated_at. A trigger that also fires on INSERT
--   cannot read OLD in its WHEN, and to_jsonb(OLD), as the function compares, costs as much as the function.
--   A column added to either table later must be added to its WHEN (AuditTriggerTest fails otherwise).
-- * the five core tables: update_<table>_updated_at runs unless NEW.updated_at already is the value it
--   would write (LOCALTIMESTAMP is now() as set_updated_at stores it in a timestamp column).
-- Online: CREATE [OR REPLACE] TRIGGER takes SHARE ROW EXCLUSIVE (reads continue; writes wait for
-- milliseconds); one transaction, so no write goes unaudited in between.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE OR REPLACE TRIGGER audit_patients_trigger
    AFTER INSERT OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
CREATE TRIGGER audit_patients_update_trigger
    AFTER UPDATE ON patients
    FOR EACH ROW
    WHEN (OLD.public_id IS NOT NULL OR NEW.public_id IS NULL
          OR (OLD.id, OLD.first_name, OLD.last_name, OLD.email, OLD.phone, OLD.date_of_birth, OLD.gender, OLD.address,
              OLD.medical_history, OLD.allergies, OLD.emergency_contact_name, OLD.emergency_contact_phone, OLD.created_at)
             IS DISTINCT FROM
             (NEW.id, NEW.first_name, NEW.last_name, NEW.email, NEW.phone, NEW.date_of_birth, NEW.gender, NEW.address,
              NEW.medical_history, NEW.allergies, NEW.emergency_contact_name, NEW.emergency_contact_phone, NEW.created_at))
    EXECUTE FUNCTION audit_trigger_function();

CREATE OR REPLACE TRIGGER audit_appointments_trigger
    AFTER INSERT OR DELETE ON appointments
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
CREATE TRIGGER audit_appointments_update_trigger
    AFTER UPDATE ON appointments
    FOR EACH ROW
    WHEN (OLD.public_id IS NOT NULL OR NEW.public_id IS NULL
          OR (OLD.id, OLD.patient_id, OLD.doctor_id, OLD.appointment_date, OLD.appointment_time, OLD.duration, OLD.status,
              OLD.notes, OLD.created_at)
             IS DISTINCT FROM
             (NEW.id, NEW.patient_id, NEW.doctor_id, NEW.appointment_date, NEW.appointment_time, NEW.duration, NEW.status,
              NEW.notes, NEW.created_at))
    EXECUTE FUNCTION audit_trigger_function();

CREATE OR REPLACE TRIGGER update_patients_updated_at BEFORE UPDATE ON patients
    FOR EACH ROW WHEN (NEW.updated_at IS DISTINCT FROM LOCALTIMESTAMP) EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_doctors_updated_at BEFORE UPDATE ON doctors
    FOR EACH ROW WHEN (NEW.updated_at IS DISTINCT FROM LOCALTIMESTAMP) EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_appointments_updated_at BEFORE UPDATE ON appointments
    FOR EACH ROW WHEN (NEW.updated_at IS DISTINCT FROM LOCALTIMESTAMP) EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_sessions_updated_at BEFORE UPDATE ON sessions
    FOR EACH ROW WHEN (NEW.updated_at IS DISTINCT FROM LOCALTIMESTAMP) EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_insurance_claims_updated_at BEFORE UPDATE ON insurance_claims
    FOR EACH ROW WHEN (NEW.updated_at IS DISTINCT FROM LOCALTIMESTAMP) EXECUTE FUNCTION ${schema.platform}.set_updated_at();
