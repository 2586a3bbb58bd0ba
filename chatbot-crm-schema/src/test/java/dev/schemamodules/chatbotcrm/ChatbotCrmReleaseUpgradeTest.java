package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ReleaseUpgrade;
import org.junit.jupiter.api.Test;

/**
 * Upgrade from chatbot-crm's previous release (git tag, or today's files checked against the release
 * manifest) to today's scripts, with users, patients and appointments inserted by raw SQL in between.
 */
class ChatbotCrmReleaseUpgradeTest {

    @Test
    void data_of_the_previous_release_survives_the_upgrade_to_head() throws Exception {
        ReleaseUpgrade.of("chatbot-crm").data("""
                INSERT INTO chatbot_crm.users (email, password_hash) VALUES ('upgrade.staff@example.test', 'hash-value');
                INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Sara', 'Ali'), ('Omar', 'Saleh');
                INSERT INTO chatbot_crm.appointments (appointment_date, appointment_time) VALUES (DATE '2030-03-01', TIME '10:00');
                """).assertDataSurvives(db -> {
            assertThat(db.column("SELECT first_name || ' ' || last_name FROM chatbot_crm.patients ORDER BY first_name"))
                    .containsExactly("Omar Saleh", "Sara Ali");
            assertThat(db.column("SELECT public_id FROM chatbot_crm.patients WHERE public_id IS NOT NULL")).as("public ids kept").hasSize(2);
            assertThat(db.scalar("SELECT email FROM chatbot_crm.users")).isEqualTo("upgrade.staff@example.test");
            assertThat(db.scalar("SELECT appointment_time::text FROM chatbot_crm.appointments WHERE appointment_date = DATE '2030-03-01'")).isEqualTo("10:00:00");
        });
    }
}
