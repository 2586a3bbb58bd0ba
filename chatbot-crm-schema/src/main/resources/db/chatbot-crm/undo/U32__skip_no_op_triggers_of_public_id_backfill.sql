-- Reverts V32: the audit and updated_at triggers of the core tables as V31 and V0.2 created them.

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE OR REPLACE TRIGGER update_insurance_claims_updated_at BEFORE UPDATE ON insurance_claims
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_sessions_updated_at BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_appointments_updated_at BEFORE UPDATE ON appointments
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_doctors_updated_at BEFORE UPDATE ON doctors
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE OR REPLACE TRIGGER update_patients_updated_at BEFORE UPDATE ON patients
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

CREATE OR REPLACE TRIGGER audit_appointments_trigger
    AFTER INSERT OR UPDATE OR DELETE ON appointments
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
DROP TRIGGER audit_appointments_update_trigger ON appointments;
CREATE OR REPLACE TRIGGER audit_patients_trigger
    AFTER INSERT OR UPDATE OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION audit_trigger_function();
DROP TRIGGER audit_patients_update_trigger ON patients;
