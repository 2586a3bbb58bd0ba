-- Prerequisite: the application's "existing" healthcare core tables (patients, doctors, appointments,
-- sessions, insurance_claims) with their indexes. Departures from the application, all deliberate:
-- explicit delete actions on every FK, the platform updated_at trigger, and admin/doctor scoped RLS
-- instead of the application's "everyone reads everything" setup script (spec defects 10, 13, 14).

SET LOCAL lock_timeout = '1s'; -- give up (and roll back) rather than queue reads and writes behind a lock held elsewhere

CREATE TABLE patients (
    id                      uuid         NOT NULL DEFAULT gen_random_uuid(),
    first_name              varchar(255) NOT NULL,
    last_name               varchar(255) NOT NULL,
    email                   varchar(255),
    phone                   varchar(50),
    date_of_birth           date,
    gender                  varchar(20),
    address                 text,
    medical_history         text,
    allergies               text,
    emergency_contact_name  varchar(255),
    emergency_contact_phone varchar(50),
    created_at              timestamp             DEFAULT now(),
    updated_at              timestamp             DEFAULT now(),
    CONSTRAINT patients_pkey PRIMARY KEY (id),
    CONSTRAINT patients_email_key UNIQUE (email)
);
COMMENT ON TABLE patients IS 'Patients of the clinic; the CRM uses them as contacts.';

CREATE TABLE doctors (
    id               uuid         NOT NULL DEFAULT gen_random_uuid(),
    user_id          uuid,
    first_name       varchar(255) NOT NULL,
    last_name        varchar(255) NOT NULL,
    specialization   varchar(255),
    license_number   varchar(100),
    phone            varchar(50),
    email            varchar(255),
    consultation_fee numeric(10,2),
    is_active        boolean               DEFAULT true,
    created_at       timestamp             DEFAULT now(),
    updated_at       timestamp             DEFAULT now(),
    CONSTRAINT doctors_pkey PRIMARY KEY (id),
    CONSTRAINT doctors_user_id_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE SET NULL
);
COMMENT ON TABLE doctors IS 'Doctors; user_id links a doctor to the authenticated user (used by RLS).';

CREATE TABLE appointments (
    id               uuid        NOT NULL DEFAULT gen_random_uuid(),
    patient_id       uuid,
    doctor_id        uuid,
    appointment_date date        NOT NULL,
    appointment_time time        NOT NULL,
    duration         integer              DEFAULT 30,
    status           varchar(50)          DEFAULT 'scheduled',
    notes            text,
    created_at       timestamp            DEFAULT now(),
    updated_at       timestamp            DEFAULT now(),
    CONSTRAINT appointments_pkey PRIMARY KEY (id),
    CONSTRAINT appointments_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT appointments_doctor_id_fkey FOREIGN KEY (doctor_id) REFERENCES doctors (id) ON DELETE SET NULL
);
COMMENT ON TABLE appointments IS 'Appointments; status: scheduled, confirmed, completed, cancelled, no_show; duration in minutes.';

CREATE TABLE sessions (
    id              uuid        NOT NULL DEFAULT gen_random_uuid(),
    appointment_id  uuid,
    patient_id      uuid,
    doctor_id       uuid,
    session_date    date        NOT NULL,
    session_time    time        NOT NULL,
    duration        integer              DEFAULT 30,
    status          varchar(50)          DEFAULT 'scheduled',
    diagnosis       text,
    treatment_plan  text,
    notes           text,
    created_at      timestamp            DEFAULT now(),
    updated_at      timestamp            DEFAULT now(),
    CONSTRAINT sessions_pkey PRIMARY KEY (id),
    CONSTRAINT sessions_appointment_id_fkey FOREIGN KEY (appointment_id) REFERENCES appointments (id) ON DELETE SET NULL,
    CONSTRAINT sessions_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT sessions_doctor_id_fkey FOREIGN KEY (doctor_id) REFERENCES doctors (id) ON DELETE SET NULL
);
COMMENT ON TABLE sessions IS 'Clinical sessions; status: scheduled, in_progress, completed, cancelled; duration in minutes.';

CREATE TABLE insurance_claims (
    id                 uuid        NOT NULL DEFAULT gen_random_uuid(),
    patient_id         uuid,
    appointment_id     uuid,
    claim_number       varchar(100),
    insurance_provider varchar(255),
    claim_amount       numeric(10,2),
    approved_amount    numeric(10,2),
    status             varchar(50)          DEFAULT 'pending',
    submitted_date     date,
    processed_date     date,
    notes              text,
    created_at         timestamp            DEFAULT now(),
    updated_at         timestamp            DEFAULT now(),
    CONSTRAINT insurance_claims_pkey PRIMARY KEY (id),
    CONSTRAINT insurance_claims_claim_number_key UNIQUE (claim_number),
    CONSTRAINT insurance_claims_patient_id_fkey FOREIGN KEY (patient_id) REFERENCES patients (id) ON DELETE CASCADE,
    CONSTRAINT insurance_claims_appointment_id_fkey FOREIGN KEY (appointment_id) REFERENCES appointments (id) ON DELETE SET NULL
);
COMMENT ON TABLE insurance_claims IS 'Insurance claims; status: pending, approved, rejected, paid.';

CREATE INDEX idx_patients_email ON patients (email);
CREATE INDEX idx_patients_phone ON patients (phone);
CREATE INDEX idx_doctors_user_id ON doctors (user_id);
CREATE INDEX idx_doctors_specialization ON doctors (specialization);
CREATE INDEX idx_appointments_patient ON appointments (patient_id);
CREATE INDEX idx_appointments_doctor ON appointments (doctor_id);
CREATE INDEX idx_appointments_date ON appointments (appointment_date);
CREATE INDEX idx_sessions_appointment ON sessions (appointment_id);
CREATE INDEX idx_sessions_patient ON sessions (patient_id);
CREATE INDEX idx_sessions_doctor ON sessions (doctor_id);
CREATE INDEX idx_insurance_claims_patient ON insurance_claims (patient_id);
CREATE INDEX idx_insurance_claims_status ON insurance_claims (status);

CREATE TRIGGER update_patients_updated_at BEFORE UPDATE ON patients
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_doctors_updated_at BEFORE UPDATE ON doctors
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_appointments_updated_at BEFORE UPDATE ON appointments
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_sessions_updated_at BEFORE UPDATE ON sessions
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();
CREATE TRIGGER update_insurance_claims_updated_at BEFORE UPDATE ON insurance_claims
    FOR EACH ROW EXECUTE FUNCTION ${schema.platform}.set_updated_at();

-- RLS helpers (SECURITY DEFINER: they read doctors/appointments regardless of the caller's policies).
-- Caller is the doctor: a doctors row with this id whose user_id is auth.uid().
CREATE FUNCTION is_own_doctor(p_doctor_id uuid)
    RETURNS boolean
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = ${schema}, pg_temp
AS $fn$
    SELECT EXISTS (SELECT 1 FROM ${schema}.doctors d WHERE d.id = p_doctor_id AND d.user_id = ${schema.auth}.uid())
$fn$;
COMMENT ON FUNCTION is_own_doctor(uuid) IS 'True when the doctor row p_doctor_id belongs to the caller (doctors.user_id = auth.uid()).';

-- Caller treats the patient: the patient has an appointment with a doctor whose user_id is auth.uid().
CREATE FUNCTION is_treating_doctor(p_patient_id uuid)
    RETURNS boolean
    LANGUAGE sql
    STABLE
    SECURITY DEFINER
    SET search_path = ${schema}, pg_temp
AS $fn$
    SELECT EXISTS (
        SELECT 1
        FROM ${schema}.appointments a
        JOIN ${schema}.doctors d ON d.id = a.doctor_id
        WHERE a.patient_id = p_patient_id
          AND d.user_id = ${schema.auth}.uid())
$fn$;
COMMENT ON FUNCTION is_treating_doctor(uuid) IS 'True when the patient has an appointment with a doctor whose user_id is the caller.';

REVOKE ALL ON FUNCTION is_own_doctor(uuid), is_treating_doctor(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION is_own_doctor(uuid), is_treating_doctor(uuid) TO anon, authenticated, service_role;

ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE doctors ENABLE ROW LEVEL SECURITY;
ALTER TABLE appointments ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE insurance_claims ENABLE ROW LEVEL SECURITY;

GRANT SELECT ON patients, doctors, appointments, sessions, insurance_claims TO anon;
GRANT SELECT, INSERT, UPDATE, DELETE ON patients, doctors, appointments, sessions, insurance_claims TO authenticated;
GRANT SELECT, INSERT, UPDATE, DELETE ON patients, doctors, appointments, sessions, insurance_claims TO service_role;

-- patients: the treating doctor reads; admin all.
CREATE POLICY patients_select_treating_doctor ON patients
    FOR SELECT TO authenticated
    USING (is_treating_doctor(id));
CREATE POLICY patients_admin_all ON patients
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- doctors: a doctor reads their own row; admin all.
CREATE POLICY doctors_select_own ON doctors
    FOR SELECT TO authenticated
    USING (user_id = (SELECT ${schema.auth}.uid()));
CREATE POLICY doctors_admin_all ON doctors
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- appointments and sessions: the doctor reads their own; admin all.
CREATE POLICY appointments_select_own_doctor ON appointments
    FOR SELECT TO authenticated
    USING (is_own_doctor(doctor_id));
CREATE POLICY appointments_admin_all ON appointments
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

CREATE POLICY sessions_select_own_doctor ON sessions
    FOR SELECT TO authenticated
    USING (is_own_doctor(doctor_id));
CREATE POLICY sessions_admin_all ON sessions
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));

-- insurance_claims: the treating doctor reads; admin all.
CREATE POLICY insurance_claims_select_treating_doctor ON insurance_claims
    FOR SELECT TO authenticated
    USING (is_treating_doctor(patient_id));
CREATE POLICY insurance_claims_admin_all ON insurance_claims
    FOR ALL TO authenticated
    USING ((SELECT is_admin())) WITH CHECK ((SELECT is_admin()));
