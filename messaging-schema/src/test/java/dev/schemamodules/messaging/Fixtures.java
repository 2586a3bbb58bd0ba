package dev.schemamodules.messaging;

import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.UUID;

/** Rows created with raw SQL as the database owner (committed), for the behaviour tests. */
final class Fixtures {

    private Fixtures() {
    }

    static UUID user(TestDatabase db) throws SQLException {
        UUID id = UUID.randomUUID();
        db.update("INSERT INTO auth.users (id, email, aud, role) VALUES (?, ?, 'authenticated', 'authenticated')", id, "u-" + id + "@example.test");
        return id;
    }

    static UUID session(TestDatabase db, UUID user, String status) throws SQLException {
        UUID id = UUID.randomUUID();
        db.update("INSERT INTO messaging.sessions (id, user_id, title, status) VALUES (?, ?, ?, ?::messaging.session_status)",
                id, user, "session " + status, status);
        return id;
    }

    static UUID message(TestDatabase db, UUID session, UUID user, String content) throws SQLException {
        UUID id = UUID.randomUUID();
        db.update("INSERT INTO messaging.messages (id, session_id, user_id, content, type) VALUES (?, ?, ?, ?, 'text')",
                id, session, user, content);
        return id;
    }

    static UUID feedback(TestDatabase db, UUID message, int score) throws SQLException {
        UUID id = UUID.randomUUID();
        db.update("INSERT INTO messaging.message_feedback (id, message_id, pronunciation_score, accuracy_score, fluency_score, completeness_score) "
                + "VALUES (?, ?, ?, ?, ?, ?)", id, message, score, score, score, score);
        return id;
    }
}
