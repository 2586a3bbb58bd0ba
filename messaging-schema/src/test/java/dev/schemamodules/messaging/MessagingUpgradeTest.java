package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.testing.PartialMigration;
import dev.schemamodules.testing.TemplateDatabases;
import dev.schemamodules.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Upgrade path in GitLab style: migrate to the version before a step, insert rows with raw SQL, run the
 * step, assert the data; and the way back with the undo scripts.
 */
class MessagingUpgradeTest {

    private static final String USER_A = "00000000-0000-0000-0000-00000000000a";
    private static final String USER_B = "00000000-0000-0000-0000-00000000000b";

    /** Platform fully, messaging up to {@code target} only. */
    static Plan migrateTo(TestDatabase db, String target) {
        db.engine().migrate(TemplateDatabases.plan(List.of("platform"), ""), MigrationListener.NONE);
        Plan plan = TemplateDatabases.plan(List.of("messaging"), "");
        PartialMigration.migrateTo(plan.module("messaging").orElseThrow(), db.dataSource(), target);
        return plan;
    }

    /** V1 rows: 2 users, 10 sessions (5 active, 3 archived, 2 deleted), 20 messages, 7 with feedback JSON. */
    static void insertV1Rows(TestDatabase db) throws Exception {
        db.execute("""
                INSERT INTO auth.users (id, email) VALUES ('%1$s', 'a@example.test'), ('%2$s', 'b@example.test');
                INSERT INTO messaging.sessions (id, user_id, title, status, language, level, last_accessed_at)
                SELECT ('10000000-0000-0000-0000-' || lpad(g::text, 12, '0'))::uuid,
                       CASE WHEN g %% 2 = 0 THEN '%1$s'::uuid ELSE '%2$s'::uuid END,
                       'session ' || g,
                       CASE WHEN g <= 5 THEN 'active' WHEN g <= 8 THEN 'archived' ELSE 'deleted' END,
                       (ARRAY['en', 'es', 'fr', 'de'])[1 + g %% 4],
                       (ARRAY['beginner', 'intermediate', 'advanced'])[1 + g %% 3],
                       now() - g * interval '1 day'
                  FROM generate_series(1, 10) g;
                INSERT INTO messaging.messages (session_id, user_id, content, type, feedback, created_at)
                SELECT s.id, s.user_id, 'message ' || k || ' of ' || s.title,
                       (ARRAY['text', 'audio', 'system'])[1 + k %% 3],
                       CASE WHEN k = 1 AND s.title IN ('session 1', 'session 2', 'session 6', 'session 9', 'session 10')
                                 THEN jsonb_build_object('pronunciation_score', 80, 'accuracy_score', 70.5, 'fluency_score', 0, 'completeness_score', 100)
                            WHEN k = 2 AND s.title = 'session 3' THEN '{"pronunciation_score": 55}'::jsonb
                            WHEN k = 2 AND s.title = 'session 4' THEN '{}'::jsonb
                       END,
                       now() - k * interval '1 minute'
                  FROM messaging.sessions s CROSS JOIN generate_series(1, 2) k;
                """.formatted(USER_A, USER_B));
    }

    @Test
    void upgrade_from_v1_keeps_every_session_message_and_feedback() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = migrateTo(db, "1");
            insertV1Rows(db);
            List<Map<String, Object>> messagesBefore = db.query("SELECT id, session_id, user_id, content, type, sequence_number FROM messaging.messages ORDER BY id");

            db.engine().migrate(plan, MigrationListener.NONE);

            assertThat(db.scalar("SELECT version FROM messaging.flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1"))
                    .as("messaging at V7 (V3-V7: the online partitioning)").isEqualTo("7");
            assertThat(db.count("SELECT count(*) FROM messaging.sessions")).as("sessions after the upgrade").isEqualTo(10);
            assertThat(db.count("SELECT count(*) FROM messaging_backup.sessions_before_v3")).as("the document's check: backup count = new count").isEqualTo(10);
            assertThat(db.query("SELECT c.relname::text AS part, count(*) AS n FROM messaging.sessions s JOIN pg_class c ON c.oid = s.tableoid GROUP BY 1 ORDER BY 1"))
                    .as("partition distribution by tableoid").containsExactly(
                            Map.of("part", "sessions_active", "n", 5L), Map.of("part", "sessions_archived", "n", 3L), Map.of("part", "sessions_deleted", "n", 2L));
            assertThat(db.count("SELECT count(*) FROM messaging.sessions s JOIN pg_class c ON c.oid = s.tableoid WHERE c.relname <> 'sessions_' || s.status::text"))
                    .as("rows outside their status's partition").isZero();
            assertThat(db.query("SELECT id, session_id, user_id, content, type::text AS type, sequence_number FROM messaging.messages ORDER BY id"))
                    .as("every message unchanged (type now an enum)").isEqualTo(messagesBefore);
            assertThat(db.count("SELECT count(*) FROM messaging.messages m JOIN messaging.sessions s ON s.id = m.session_id AND s.status = m.session_status"))
                    .as("messages still join their session on (id, status)").isEqualTo(20);
            assertThat(db.count("SELECT count(*) FROM messaging_backup.messages_before_v3")).as("messages backup").isEqualTo(20);
            assertThat(db.count("SELECT count(*) FROM messaging.message_feedback")).as("one feedback row per message that had feedback JSON").isEqualTo(7);
            assertThat(db.query("SELECT count(*) AS n FROM messaging.message_feedback f JOIN messaging.messages m ON m.id = f.message_id "
                    + "WHERE f.pronunciation_score = 80 AND f.accuracy_score = 70.5 AND f.fluency_score = 0 AND f.completeness_score = 100 AND f.created_at = m.created_at"))
                    .as("scores and created_at carried over").containsExactly(Map.of("n", 5L));
            assertThat(db.count("SELECT count(*) FROM messaging.message_feedback WHERE pronunciation_score = 55 AND accuracy_score IS NULL"))
                    .as("partial feedback JSON").isEqualTo(1);
            assertThat(db.catalog("messaging").column("messages", "feedback")).as("messages.feedback dropped").isEmpty();
            assertThat(db.count("SELECT count(*) FROM messaging.session_stats")).as("statistics per user and status").isEqualTo(6);

            // the migrated rows behave: a status change moves the row, messages follow
            db.execute("UPDATE messaging.sessions SET status = 'archived' WHERE title = 'session 1'");
            assertThat(db.scalar("SELECT c.relname::text FROM messaging.sessions s JOIN pg_class c ON c.oid = s.tableoid WHERE s.title = 'session 1'"))
                    .as("session 1 moved").isEqualTo("sessions_archived");
            assertThat(db.column("SELECT DISTINCT m.session_status::text FROM messaging.messages m JOIN messaging.sessions s ON s.id = m.session_id WHERE s.title = 'session 1'"))
                    .as("its messages followed").containsExactly("archived");
            assertThat(db.count("SELECT count(*) FROM messaging.messages")).as("no message lost by the move").isEqualTo(20);
        }
    }

    @Test
    void v2_aborts_on_an_unknown_language_names_the_column_and_leaves_v1_intact() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = migrateTo(db, "1");
            insertV1Rows(db);
            db.execute("ALTER TABLE messaging.sessions DROP CONSTRAINT valid_language; UPDATE messaging.sessions SET language = 'it' WHERE title = 'session 3'");

            assertThatThrownBy(() -> db.engine().migrate(plan, MigrationListener.NONE)).as("V2 with language 'it'")
                    .isInstanceOf(MigrationException.class).hasMessageContaining("sessions.language").hasMessageContaining("'it'");

            assertThat(db.scalar("SELECT max(version) FROM messaging.flyway_schema_history WHERE success")).as("still at V1").isEqualTo("1");
            assertThat(db.catalog("messaging").enums()).as("no enum left behind").isEmpty();
            assertThat(db.catalog("messaging").tables()).as("no message_feedback left behind").containsExactly("messages", "sessions");
            assertThat(db.catalog("messaging").column("sessions", "language").orElseThrow().type()).as("language still text").isEqualTo("text");
            assertThat(db.catalog("messaging").column("messages", "feedback")).as("feedback JSON still there").isPresent();
            assertThat(db.count("SELECT count(*) FROM messaging.messages WHERE feedback IS NOT NULL")).as("feedback JSON rows").isEqualTo(7);
        }
    }

    @Test
    void v2_aborts_on_a_feedback_score_above_hundred() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = migrateTo(db, "1");
            insertV1Rows(db);
            db.execute("UPDATE messaging.messages SET feedback = '{\"fluency_score\": 101}' WHERE content = 'message 1 of session 7'");

            assertThatThrownBy(() -> db.engine().migrate(plan, MigrationListener.NONE)).as("V2 with a score of 101")
                    .isInstanceOf(MigrationException.class).hasMessageContaining("fluency_score = 101");
            assertThat(db.scalar("SELECT max(version) FROM messaging.flyway_schema_history WHERE success")).as("still at V1").isEqualTo("1");
        }
    }

    @Test
    void undo_steps_restore_the_unpartitioned_table_the_text_columns_and_the_feedback_json_then_empty_the_schema() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = migrateTo(db, "1");
            insertV1Rows(db);
            List<Map<String, Object>> feedbackV1 = db.query("SELECT id, feedback::text AS feedback FROM messaging.messages WHERE feedback IS NOT NULL ORDER BY id");
            db.engine().migrate(plan, MigrationListener.NONE);
            db.execute("UPDATE messaging.sessions SET status = 'deleted' WHERE title = 'session 2'");
            List<Map<String, Object>> sessionsV3 = db.query("SELECT id, user_id, title, status::text AS status, language::text AS language, level::text AS level, "
                    + "last_accessed_at FROM messaging.sessions ORDER BY id");

            db.engine().undo(plan, "messaging", Version.parse("2.1"), false, MigrationListener.NONE);
            assertThat(db.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'messaging.sessions'::regclass")).as("U3: plain table again").isEqualTo("r");
            assertThat(db.query("SELECT id, user_id, title, status::text AS status, language::text AS language, level::text AS level, "
                    + "last_accessed_at FROM messaging.sessions ORDER BY id")).as("U3: every session with its current values").isEqualTo(sessionsV3);
            assertThat(db.catalog("messaging").tables()).as("U3: partitions gone").containsExactly("message_feedback", "messages", "sessions");
            assertThat(db.catalog("messaging_backup").tables()).as("U3: backup gone").isEmpty();
            assertThat(db.catalog("messaging").foreignKey("messages_session_id_fkey")).as("U3: simple FK back")
                    .hasValueSatisfying(fk -> assertThat(fk.columns()).containsExactly("session_id"));
            assertThat(db.catalog("messaging").column("messages", "session_status")).as("U3: session_status gone").isEmpty();
            assertThat(db.count("SELECT count(*) FROM messaging.messages m JOIN messaging.sessions s ON s.id = m.session_id")).as("U3: messages join").isEqualTo(20);
            assertThat(db.catalog("messaging").indexes("sessions")).as("U3: V1/V2 session indexes back")
                    .containsKeys("sessions_pkey", "sessions_user_id_idx", "sessions_last_accessed_idx", "sessions_user_status_idx");
            assertThat(db.engine().verify(plan, MigrationListener.NONE)).as("U3: V1, V2 and V2.1 verify scripts pass").allSatisfy(v -> assertThat(v.passed()).as(v.script()).isTrue());

            db.engine().undo(plan, "messaging", Version.parse("1"), false, MigrationListener.NONE);
            assertThat(db.catalog("messaging").column("sessions", "language").orElseThrow().type()).as("U2: language text").isEqualTo("text");
            assertThat(db.catalog("messaging").column("messages", "type").orElseThrow().type()).as("U2: type text").isEqualTo("text");
            assertThat(db.catalog("messaging").constraints(null).stream().filter(k -> k.type().equals("c")).map(k -> k.name()))
                    .as("U2: CHECKs back").containsExactlyInAnyOrder("valid_language", "valid_level", "valid_status", "valid_type");
            assertThat(db.catalog("messaging").enums()).as("U2: enums gone").isEmpty();
            assertThat(db.query("SELECT id, feedback::text AS feedback FROM messaging.messages WHERE feedback IS NOT NULL ORDER BY id"))
                    .as("U2: feedback JSON restored").isEqualTo(feedbackV1);
            assertThat(db.count("SELECT count(*) FROM messaging.sessions WHERE status = 'deleted'")).as("U2: statuses kept as text").isEqualTo(3);
            assertThatThrownBy(() -> db.execute("UPDATE messaging.sessions SET language = 'it'")).as("U2: CHECK enforced").hasMessageContaining("valid_language");

            db.engine().undo(plan, "messaging", Version.parse("0"), false, MigrationListener.NONE);
            assertThat(db.catalog("messaging").remainingObjects()).as("U1: schema empty (types, functions, views, partitions gone)").isEmpty();
            assertThat(db.catalog("messaging_backup").remainingObjects()).as("U1: backup schema empty").isEmpty();
        }
    }
}
