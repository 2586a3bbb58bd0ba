package dev.schemamodules.medication;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ReleaseUpgrade;
import org.junit.jupiter.api.Test;

/**
 * Upgrade from medication's previous release (git tag, or today's files checked against the release
 * manifest) to today's scripts, with a doctor, a patient, a prescription and its medication inserted by raw
 * SQL in between.
 */
class MedicationReleaseUpgradeTest {

    @Test
    void data_of_the_previous_release_survives_the_upgrade_to_head() throws Exception {
        ReleaseUpgrade.of("medication").data("""
                INSERT INTO medication.users ("id", "role", "phoneNumber", "passwordHash", "firstName")
                VALUES ('30000000-0000-4000-8000-000000000001', 'DOCTOR', '+85510000001', 'hash', 'Dara'),
                       ('30000000-0000-4000-8000-000000000002', 'PATIENT', '+85510000002', 'hash', 'Sokha');
                INSERT INTO medication.prescriptions ("id", "patientId", "doctorId", "patientName", "patientGender", "patientAge", "symptoms")
                VALUES ('31000000-0000-4000-8000-000000000001', '30000000-0000-4000-8000-000000000002',
                        '30000000-0000-4000-8000-000000000001', 'Sokha', 'FEMALE', 40, 'cough');
                INSERT INTO medication.medications ("prescriptionId", "rowNumber", "medicineName", "morningDosage")
                VALUES ('31000000-0000-4000-8000-000000000001', 1, 'Paracetamol 500mg', '{"amount": "500mg", "beforeMeal": false}');
                """).assertDataSurvives(db -> {
            assertThat(db.column("SELECT \"firstName\" FROM medication.users ORDER BY \"phoneNumber\"")).containsExactly("Dara", "Sokha");
            assertThat(db.scalar("""
                    SELECT m."medicineName" FROM medication.medications m JOIN medication.prescriptions p ON p."id" = m."prescriptionId"
                    JOIN medication.users d ON d."id" = p."doctorId" WHERE d."firstName" = 'Dara'""")).isEqualTo("Paracetamol 500mg");
            assertThat(db.scalar("SELECT \"morningDosage\"->>'amount' FROM medication.medications")).isEqualTo("500mg");
        });
    }
}
