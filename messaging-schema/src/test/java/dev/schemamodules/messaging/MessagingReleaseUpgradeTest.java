package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.ReleaseUpgrade;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upgrade from messaging's previous release (git tag, or today's files checked against the release manifest)
 * to today's scripts, with chat sessions, messages and feedback inserted by raw SQL in between.
 * {@link MessagingUpgradeTest} covers the step-by-step upgrades inside one release.
 */
class MessagingReleaseUpgradeTest {

    @Test
    void data_of_the_previous_release_survives_the_upgrade_to_head() throws Exception {
        ReleaseUpgrade.of("messaging").data("""
                INSERT INTO auth.users (id, email) VALUES ('00000000-0000-0000-0000-0000000000a1', 'learner@example.test');
                INSERT INTO messaging.sessions (id, user_id, title, status, language, level)
                VALUES ('20000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-0000000000a1', 'Spanish basics', 'active', 'es', 'beginner'),
                       ('20000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-0000000000a1', 'French news', 'archived', 'fr', 'advanced');
                INSERT INTO messaging.messages (session_id, user_id, content, type)
                SELECT s.id, s.user_id, 'message ' || k || ' in ' || s.title, 'text'
                  FROM messaging.sessions s CROSS JOIN generate_series(1, 3) k;
                INSERT INTO messaging.message_feedback (message_id, fluency_score)
                SELECT id, 87 FROM messaging.messages WHERE content = 'message 1 in Spanish basics';
                """).assertDataSurvives(db -> {
            assertThat(db.query("SELECT title, status::text AS status FROM messaging.sessions ORDER BY title")).containsExactly(
                    Map.of("title", "French news", "status", "archived"), Map.of("title", "Spanish basics", "status", "active"));
            assertThat(db.count("SELECT count(*) FROM messaging.messages m JOIN messaging.sessions s ON s.id = m.session_id")).isEqualTo(6);
            assertThat(db.column("SELECT m.content FROM messaging.message_feedback f JOIN messaging.messages m ON m.id = f.message_id WHERE f.fluency_score = 87"))
                    .containsExactly("message 1 in Spanish basics");
        });
    }
}
