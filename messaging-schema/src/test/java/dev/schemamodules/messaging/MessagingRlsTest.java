package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Two users, A and B, acting as PostgREST would (role authenticated, request.jwt.claim.sub). */
@SchemaTest(modules = "messaging")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MessagingRlsTest {

    private UUID a;
    private UUID b;
    private UUID aActive;
    private UUID aArchived;
    private UUID aDeleted;
    private UUID bActive;
    private UUID aMessage;

    @BeforeAll
    void users_with_sessions_in_every_partition(TestDatabase db) throws Exception {
        a = Fixtures.user(db);
        b = Fixtures.user(db);
        aActive = Fixtures.session(db, a, "active");
        aArchived = Fixtures.session(db, a, "archived");
        aDeleted = Fixtures.session(db, a, "deleted");
        bActive = Fixtures.session(db, b, "active");
        aMessage = Fixtures.message(db, aArchived, a, "secret spanish homework of A");
        Fixtures.message(db, aActive, a, "another spanish message of A");
        Fixtures.feedback(db, aMessage, 70);
        UUID bMessage = Fixtures.message(db, bActive, b, "spanish practice of B");
        Fixtures.feedback(db, bMessage, 90);
    }

    private static long count(Connection c, String sql, Object... params) throws SQLException {
        return ((Number) TestDatabase.query(c, sql, params).get(0).values().iterator().next()).longValue();
    }

    @Test
    void user_b_sees_no_row_of_user_a_anywhere(TestDatabase db) throws Exception {
        db.asUser("authenticated", b.toString(), c -> {
            assertThat(count(c, "SELECT count(*) FROM messaging.sessions WHERE user_id = ?", a)).as("A's sessions via sessions").isZero();
            for (String partition : List.of("sessions_active", "sessions_archived", "sessions_deleted")) {
                assertThat(count(c, "SELECT count(*) FROM messaging." + partition + " WHERE user_id = ?", a)).as("A's sessions via %s", partition).isZero();
            }
            assertThat(count(c, "SELECT count(*) FROM messaging.sessions_archived WHERE id = ?", aArchived)).as("A's archived session read directly").isZero();
            assertThat(count(c, "SELECT count(*) FROM messaging.messages WHERE user_id = ?", a)).as("A's messages").isZero();
            assertThat(count(c, "SELECT count(*) FROM messaging.message_feedback WHERE message_id = ?", aMessage)).as("A's feedback").isZero();
            assertThat(count(c, "SELECT count(*) FROM messaging.active_sessions WHERE user_id <> ?", b)).as("others' active sessions").isZero();
            assertThat(count(c, "SELECT count(*) FROM messaging.my_session_stats WHERE user_id <> ?", b)).as("others' statistics").isZero();
            assertThat(count(c, "SELECT count(*) FROM messaging.search_messages('spanish', NULL, ?)", a)).as("A's messages through search").isZero();
            assertThat(count(c, "SELECT count(*) FROM messaging.search_messages('spanish', ?, NULL)", aArchived)).as("A's session through search").isZero();
            return null;
        });
    }

    @Test
    void user_b_sees_own_rows(TestDatabase db) throws Exception {
        db.asUser("authenticated", b.toString(), c -> {
            assertThat(count(c, "SELECT count(*) FROM messaging.sessions")).as("B's sessions").isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM messaging.sessions_active")).as("B's active partition rows").isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM messaging.active_sessions")).as("B's active sessions").isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM messaging.messages")).as("B's messages").isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM messaging.message_feedback")).as("B's feedback").isEqualTo(1);
            assertThat(count(c, "SELECT count(*) FROM messaging.search_messages('spanish')")).as("B's search hits").isEqualTo(1);
            return null;
        });
    }

    @Test
    void user_b_can_write_own_sessions_and_messages_and_soft_delete(TestDatabase db) throws Exception {
        db.asUser("authenticated", b.toString(), c -> {
            UUID s = UUID.randomUUID();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messaging.sessions (id, user_id, title) VALUES (?, ?, 'mine')")) {
                ps.setObject(1, s);
                ps.setObject(2, b);
                assertThat(ps.executeUpdate()).as("own session inserted").isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messaging.messages (session_id, user_id, content, type) VALUES (?, ?, 'hallo', 'text')")) {
                ps.setObject(1, s);
                ps.setObject(2, b);
                assertThat(ps.executeUpdate()).as("own message inserted").isEqualTo(1);
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE messaging.sessions SET status = 'deleted' WHERE id = ?")) {
                ps.setObject(1, s);
                assertThat(ps.executeUpdate()).as("own session soft-deleted").isEqualTo(1);
            }
            assertThat(count(c, "SELECT count(*) FROM messaging.messages WHERE session_id = ? AND session_status = 'deleted'", s))
                    .as("message followed the soft delete").isEqualTo(1);
            return null;
        });
    }

    @Test
    void user_b_cannot_insert_a_session_for_user_a(TestDatabase db) {
        assertThatThrownBy(() -> db.asUser("authenticated", b.toString(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messaging.sessions (user_id) VALUES (?)")) {
                ps.setObject(1, a);
                return ps.executeUpdate();
            }
        })).as("session owned by A inserted by B").isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
    }

    @Test
    void user_b_cannot_insert_a_message_into_a_session_of_user_a(TestDatabase db) {
        assertThatThrownBy(() -> db.asUser("authenticated", b.toString(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messaging.messages (session_id, session_status, user_id, content, type) "
                    + "VALUES (?, 'active', ?, 'intrusion', 'text')")) {
                ps.setObject(1, aActive);
                ps.setObject(2, b);
                return ps.executeUpdate();
            }
        })).as("message into A's session").isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
    }

    @Test
    void user_b_cannot_post_a_message_under_the_id_of_user_a(TestDatabase db) {
        assertThatThrownBy(() -> db.asUser("authenticated", b.toString(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messaging.messages (session_id, user_id, content, type) VALUES (?, ?, 'forged', 'text')")) {
                ps.setObject(1, bActive);
                ps.setObject(2, a);
                return ps.executeUpdate();
            }
        })).as("message in B's session carrying A's id").isInstanceOf(SQLException.class).hasMessageContaining("row-level security");
    }

    @Test
    void user_b_cannot_change_or_delete_sessions_of_user_a(TestDatabase db) throws Exception {
        db.asUser("authenticated", b.toString(), c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE messaging.sessions SET title = 'hacked' WHERE id = ?")) {
                ps.setObject(1, aActive);
                assertThat(ps.executeUpdate()).as("A's session updated by B").isZero();
            }
            return null;
        });
        assertThatThrownBy(() -> db.asUser("authenticated", b.toString(), c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM messaging.sessions WHERE id = ?")) {
                ps.setObject(1, bActive);
                return ps.executeUpdate();
            }
        })).as("no hard delete for API users (soft delete via status)").isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThat(db.scalar("SELECT title FROM messaging.sessions WHERE id = ?", aActive)).as("A's title unchanged").isEqualTo("session active");
    }

    @Test
    void user_b_cannot_read_the_statistics_view_directly(TestDatabase db) {
        assertThatThrownBy(() -> db.asUser("authenticated", b.toString(), c -> TestDatabase.query(c, "SELECT * FROM messaging.session_stats")))
                .as("session_stats as authenticated").isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    @Test
    void anon_sees_nothing(TestDatabase db) throws Exception {
        db.asUser("anon", null, c -> {
            for (String t : List.of("sessions", "sessions_active", "sessions_archived", "sessions_deleted", "messages", "message_feedback", "active_sessions")) {
                assertThat(count(c, "SELECT count(*) FROM messaging." + t)).as("anon rows in %s", t).isZero();
            }
            return null;
        });
        assertThatThrownBy(() -> db.asUser("anon", null, c -> TestDatabase.query(c, "SELECT * FROM messaging.search_messages('spanish')")))
                .as("anon may not search").isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
        assertThatThrownBy(() -> db.asUser("anon", null, c -> TestDatabase.query(c, "SELECT * FROM messaging.session_stats")))
                .as("anon may not read statistics").isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
    }

    @Test
    void service_role_bypasses_rls(TestDatabase db) throws Exception {
        db.asUser("service_role", null, c -> {
            assertThat(count(c, "SELECT count(*) FROM messaging.sessions WHERE user_id IN (?, ?)", a, b)).as("all sessions of A and B").isEqualTo(4);
            assertThat(count(c, "SELECT count(*) FROM messaging.sessions_deleted WHERE id = ?", aDeleted)).as("A's deleted session").isEqualTo(1);
            return null;
        });
    }
}
