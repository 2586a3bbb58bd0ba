package dev.schemamodules.therapy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ReleaseUpgrade;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upgrade from therapy's previous release (its scripts from the git tag, or today's files checked against the
 * release manifest) to today's scripts, with a practice's data inserted by raw SQL in between.
 */
class TherapyReleaseUpgradeTest {

    @Test
    void data_of_the_previous_release_survives_the_upgrade_to_head() throws Exception {
        ReleaseUpgrade.Outcome outcome = ReleaseUpgrade.of("therapy").data("""
                INSERT INTO therapy.admins (name, email) VALUES ('Upgrade Admin', 'upgrade-admin@example.org');
                INSERT INTO therapy.organizations (name, email, contact) VALUES ('Upgrade Practice', 'upgrade-practice@example.org', '555-0100');
                INSERT INTO therapy.users (name, sex, age, contact) VALUES ('Client A', 'Female', 34, '555-0101'), ('Client B', 'Male', 51, '555-0103');
                INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id)
                    SELECT 'P900001', 'Upgrade Therapist', 'Male', 45, '555-0102', id FROM therapy.organizations WHERE email = 'upgrade-practice@example.org';
                INSERT INTO therapy.auth_credentials (user_type, reference_id, email, password_hash)
                    SELECT 'partner', id, 'upgrade-therapist@example.org', 'hash' FROM therapy.partners WHERE partner_id = 'P900001';
                INSERT INTO therapy.user_partner_assignments (user_id, partner_id)
                    SELECT u.id, p.id FROM therapy.users u, therapy.partners p WHERE p.partner_id = 'P900001';
                INSERT INTO therapy.appointments (partner_id, user_id, title, appointment_date, end_date)
                    SELECT p.id, u.id, 'Intake ' || u.name, '2030-01-01 10:00', '2030-01-01 11:00'
                    FROM therapy.users u, therapy.partners p WHERE p.partner_id = 'P900001';
                INSERT INTO therapy.questionnaires (partner_id, name, color_coding_scheme)
                    SELECT id, 'PHQ-9', '4-point' FROM therapy.partners WHERE partner_id = 'P900001';
                INSERT INTO therapy.therapy_sessions (appointment_id, partner_id, user_id, session_title, session_notes, session_date)
                    SELECT a.id, a.partner_id, a.user_id, 'Session 1', 'notes for ' || a.title, a.appointment_date FROM therapy.appointments a;
                """).assertDataSurvives(db -> {
            assertThat(db.column("SELECT name FROM therapy.users ORDER BY name")).containsExactly("Client A", "Client B");
            assertThat(db.count("SELECT count(*) FROM therapy.user_partner_assignments")).isEqualTo(2);
            List<Map<String, Object>> sessions = db.query("""
                    SELECT s.session_notes, p.partner_id, o.name AS practice
                    FROM therapy.therapy_sessions s JOIN therapy.appointments a ON a.id = s.appointment_id
                    JOIN therapy.partners p ON p.id = s.partner_id JOIN therapy.organizations o ON o.id = p.organization_id
                    ORDER BY s.session_notes""");
            assertThat(sessions).extracting(r -> r.get("session_notes")).containsExactly("notes for Intake Client A", "notes for Intake Client B");
            assertThat(sessions).allSatisfy(r -> assertThat(r).containsEntry("partner_id", "P900001").containsEntry("practice", "Upgrade Practice"));
            assertThat(db.scalar("SELECT color_coding_scheme FROM therapy.questionnaires WHERE name = 'PHQ-9'")).isEqualTo("4-point");
            assertThat(db.scalar("SELECT email FROM therapy.auth_credentials WHERE user_type = 'partner'")).isEqualTo("upgrade-therapist@example.org");
        });
        assertThat(outcome.module()).isEqualTo("therapy");
    }
}
