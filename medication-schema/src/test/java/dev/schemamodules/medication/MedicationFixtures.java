package dev.schemamodules.medication;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw-SQL fixtures for the medication tests (never application code). Every table is qualified by {@link #S}. */
final class MedicationFixtures {

    /** The module's default schema, where the test harness deploys it. */
    static final String S = "medication";

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private final TestDatabase db;

    MedicationFixtures(TestDatabase db) {
        this.db = db;
    }

    static String uniquePhone() {
        return "+8559" + String.format("%07d", SEQUENCE.incrementAndGet());
    }

    /** A user with only the NOT NULL columns that have no default, written the plain-SQL way (no id, no updatedAt). */
    UUID user(String role) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".users (\"role\", \"phoneNumber\", \"passwordHash\") VALUES (?::" + S
                + ".\"UserRole\", ?, 'hash') RETURNING \"id\"", role, uniquePhone());
    }

    UUID connection(UUID initiator, UUID recipient) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".connections (\"initiatorId\", \"recipientId\") VALUES (?, ?) RETURNING \"id\"",
                initiator, recipient);
    }

    UUID prescription(UUID patient, UUID doctor) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".prescriptions (\"patientId\", \"doctorId\", \"patientName\", \"patientGender\", "
                + "\"patientAge\", \"symptoms\") VALUES (?, ?, 'Test Patient', 'FEMALE', 40, 'cough') RETURNING \"id\"", patient, doctor);
    }

    UUID version(UUID prescription, int number, UUID author) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".prescription_versions (\"prescriptionId\", \"versionNumber\", \"authorId\", "
                + "\"medicationsSnapshot\") VALUES (?, ?, ?, '[]'::jsonb) RETURNING \"id\"", prescription, number, author);
    }

    UUID medication(UUID prescription, int row) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".medications (\"prescriptionId\", \"rowNumber\", \"medicineName\", \"morningDosage\") "
                + "VALUES (?, ?, 'Paracetamol 500mg', '{\"amount\": \"500mg\", \"beforeMeal\": false}'::jsonb) RETURNING \"id\"", prescription, row);
    }

    UUID doseEvent(UUID prescription, UUID medication, UUID patient) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".dose_events (\"prescriptionId\", \"medicationId\", \"patientId\", \"scheduledTime\", "
                + "\"timePeriod\") VALUES (?, ?, ?, '2026-02-08 08:00:00+07', 'DAYTIME') RETURNING \"id\"", prescription, medication, patient);
    }

    UUID notification(UUID recipient) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".notifications (\"recipientId\", \"type\", \"title\", \"message\") "
                + "VALUES (?, 'FAMILY_ALERT', 'Alert', 'A dose was missed') RETURNING \"id\"", recipient);
    }

    UUID auditLog(UUID actor) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".audit_logs (\"actorId\", \"actorRole\", \"actionType\", \"resourceType\") "
                + "VALUES (?, 'DOCTOR', 'PRESCRIPTION_CREATE', 'prescription') RETURNING \"id\"", actor);
    }

    UUID subscription(UUID user, String tier) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".subscriptions (\"userId\", \"tier\") VALUES (?, ?::" + S + ".\"SubscriptionTier\") "
                + "RETURNING \"id\"", user, tier);
    }

    UUID familyMember(UUID subscription, UUID member) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".family_members (\"subscriptionId\", \"memberId\") VALUES (?, ?) RETURNING \"id\"",
                subscription, member);
    }

    UUID mealTimes(UUID user) throws SQLException {
        return (UUID) db.scalar("INSERT INTO " + S + ".meal_time_preferences (\"userId\", \"morningMeal\", \"afternoonMeal\", \"nightMeal\") "
                + "VALUES (?, '7-8AM', '12-1PM', '6-7PM') RETURNING \"id\"", user);
    }

    long rows(String table, String where, Object... params) throws SQLException {
        return db.count("SELECT count(*) FROM " + S + "." + table + " WHERE " + where, params);
    }

    /** Asserts that {@code sql} fails with {@code sqlState} (23505 unique, 23502 not null, 23514 check, 22P02 bad enum label...). */
    void assertRejected(String description, String sqlState, String sql, Object... params) {
        assertThatThrownBy(() -> db.update(sql, params))
                .as(description)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((SQLException) e).getSQLState())
                        .as("SQLSTATE of: %s (%s)", description, e.getMessage()).isEqualTo(sqlState));
    }
}
