package dev.schemamodules.telehealth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ReleaseUpgrade;
import org.junit.jupiter.api.Test;

/**
 * Upgrade from telehealth's previous release (git tag, or today's files checked against the release
 * manifest) to today's scripts, with a provider, patients and consultations inserted by raw SQL in between.
 */
class TelehealthReleaseUpgradeTest {

    @Test
    void data_of_the_previous_release_survives_the_upgrade_to_head() throws Exception {
        ReleaseUpgrade.of("telehealth").data("""
                INSERT INTO telehealth.providers (id, email, password_hash, first_name, last_name, license_number, npi_number, specialties, states_licensed, status)
                VALUES ('b1000000-0000-4000-8000-000000000001', 'upgrade.provider@example.test', '!login-disabled', 'Paula', 'Provider',
                        'CA-MD-900001', '1900000001', ARRAY['family medicine'], ARRAY['CA'], 'active');
                INSERT INTO telehealth.patients (id, email, password_hash, first_name, last_name, phone, date_of_birth, shipping_state)
                VALUES ('c1000000-0000-4000-8000-000000000001', 'upgrade.jane@example.test', '!login-disabled', 'Jane', 'Upgrade', '+15550109001', '1985-04-12', 'CA'),
                       ('c1000000-0000-4000-8000-000000000002', 'upgrade.john@example.test', '!login-disabled', 'John', 'Upgrade', '+15550109002', '1979-09-30', 'NY');
                INSERT INTO telehealth.consultations (id, patient_id, provider_id, chief_complaint, symptoms, severity, status)
                VALUES ('d1000000-0000-4000-8000-000000000001', 'c1000000-0000-4000-8000-000000000001', 'b1000000-0000-4000-8000-000000000001',
                        'Thinning hair', ARRAY['hair thinning'], 'mild', 'approved'),
                       ('d1000000-0000-4000-8000-000000000002', 'c1000000-0000-4000-8000-000000000002', NULL,
                        'Weight management', ARRAY['weight gain'], 'moderate', 'pending');
                """).assertDataSurvives(db -> {
            assertThat(db.column("SELECT email FROM telehealth.patients ORDER BY email"))
                    .containsExactly("upgrade.jane@example.test", "upgrade.john@example.test");
            assertThat(db.column("""
                    SELECT p.first_name || ':' || c.status::text || ':' || coalesce(pr.last_name, '-') FROM telehealth.consultations c
                    JOIN telehealth.patients p ON p.id = c.patient_id LEFT JOIN telehealth.providers pr ON pr.id = c.provider_id
                    ORDER BY p.first_name""")).containsExactly("Jane:approved:Provider", "John:pending:-");
        });
    }
}
