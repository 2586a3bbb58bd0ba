package dev.schemamodules.telehealth;

import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;

/** Raw-SQL builders for test rows; every natural key gets a random suffix so tests never collide. */
final class TelehealthFixture {

    private final TestDatabase db;

    TelehealthFixture(TestDatabase db) {
        this.db = db;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    UUID id(String sql, Object... params) throws SQLException {
        return (UUID) db.scalar(sql, params);
    }

    UUID patient() throws SQLException {
        return id("INSERT INTO telehealth.patients (email, first_name, last_name, date_of_birth) VALUES (?, 'Pat', 'Ient', DATE '1980-01-01') RETURNING id",
                unique("patient") + "@example.test");
    }

    UUID provider() throws SQLException {
        return id("INSERT INTO telehealth.providers (email, password_hash, first_name, last_name, license_number, states_licensed) "
                + "VALUES (?, 'x', 'Pro', 'Vider', 'LIC-1', ARRAY['CA']) RETURNING id", unique("provider") + "@example.test");
    }

    UUID admin() throws SQLException {
        return id("INSERT INTO telehealth.admins (email, password_hash, first_name, last_name) VALUES (?, 'x', 'Ad', 'Min') RETURNING id",
                unique("admin") + "@example.test");
    }

    UUID medication() throws SQLException {
        return id("INSERT INTO telehealth.medications (name, base_price) VALUES (?, 10.00) RETURNING id", unique("Med"));
    }

    UUID pharmacy() throws SQLException {
        return id("INSERT INTO telehealth.pharmacies (name) VALUES (?) RETURNING id", unique("Pharmacy"));
    }

    UUID plan(String medicationsJson) throws SQLException {
        return id("INSERT INTO telehealth.treatment_plans (condition, plan_tier, name, price, medications) VALUES (?, 'basic', 'Plan', 10.00, ?::jsonb) RETURNING id",
                unique("cond"), medicationsJson);
    }

    UUID consultation(UUID patient, UUID provider) throws SQLException {
        return id("INSERT INTO telehealth.consultations (patient_id, provider_id, chief_complaint) VALUES (?, ?, 'complaint') RETURNING id", patient, provider);
    }

    UUID prescription(UUID consultation, UUID patient, UUID provider) throws SQLException {
        return id("INSERT INTO telehealth.prescriptions (consultation_id, patient_id, provider_id, rx_number) VALUES (?, ?, ?, ?) RETURNING id",
                consultation, patient, provider, unique("RX"));
    }

    UUID order(UUID patient, UUID consultation, UUID prescription) throws SQLException {
        return id("INSERT INTO telehealth.orders (patient_id, consultation_id, prescription_id, order_number, subtotal, total_amount) "
                + "VALUES (?, ?, ?, ?, 10.00, 10.00) RETURNING id", patient, consultation, prescription, unique("ORD"));
    }

    UUID override(UUID patient, UUID plan, UUID provider) throws SQLException {
        return id("INSERT INTO telehealth.treatment_plan_overrides (patient_id, plan_id, provider_id, reason) VALUES (?, ?, ?, 'dose change') RETURNING id",
                patient, plan, provider);
    }
}
