package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@SchemaTest(modules = "messaging")
class MessagingBehaviourTest {

    private static String partitionOf(TestDatabase db, UUID session) throws SQLException {
        return (String) db.scalar("SELECT c.relname::text FROM messaging.sessions s JOIN pg_class c ON c.oid = s.tableoid WHERE s.id = ?", session);
    }

    @Test
    void new_session_lands_in_the_partition_of_its_status(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        assertThat(partitionOf(db, Fixtures.session(db, u, "archived"))).as("archived session").isEqualTo("sessions_archived");
        assertThat(partitionOf(db, Fixtures.session(db, u, "active"))).as("active session").isEqualTo("sessions_active");
        assertThat(partitionOf(db, Fixtures.session(db, u, "deleted"))).as("deleted session").isEqualTo("sessions_deleted");
        UUID byDefault = UUID.randomUUID();
        db.update("INSERT INTO messaging.sessions (id, user_id) VALUES (?, ?)", byDefault, u);
        assertThat(partitionOf(db, byDefault)).as("default status is active").isEqualTo("sessions_active");
    }

    @Test
    void changing_status_moves_the_session_and_its_messages_follow(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        UUID s = Fixtures.session(db, u, "active");
        UUID m1 = Fixtures.message(db, s, u, "first");
        Fixtures.message(db, s, u, "second");
        Fixtures.feedback(db, m1, 80);
        assertThat(db.column("SELECT session_status::text FROM messaging.messages WHERE session_id = ?", s))
                .as("session_status filled from the session on insert").containsOnly("active");

        db.update("UPDATE messaging.sessions SET status = 'archived' WHERE id = ?", s);
        assertThat(partitionOf(db, s)).as("archived session moved").isEqualTo("sessions_archived");
        assertThat(db.count("SELECT count(*) FROM ONLY messaging.sessions_active WHERE id = ?", s)).as("gone from active").isZero();
        assertThat(db.column("SELECT session_status::text FROM messaging.messages WHERE session_id = ?", s))
                .as("messages follow by ON UPDATE CASCADE").containsExactly("archived", "archived");

        db.update("UPDATE messaging.sessions SET status = 'deleted' WHERE id = ?", s);
        assertThat(partitionOf(db, s)).as("soft-deleted session moved").isEqualTo("sessions_deleted");
        assertThat(db.count("SELECT count(*) FROM messaging.messages m JOIN messaging.sessions x ON x.id = m.session_id AND x.status = m.session_status "
                + "WHERE x.id = ?", s)).as("no message lost, all still join").isEqualTo(2);
        assertThat(db.count("SELECT count(*) FROM messaging.message_feedback WHERE message_id = ?", m1)).as("feedback kept").isEqualTo(1);
    }

    @Test
    void archive_old_sessions_archives_only_active_sessions_older_than_the_threshold(TestDatabase shared) throws Exception {
        try (TestDatabase db = TestDatabase.create(List.of("messaging"), "")) {
            UUID u = Fixtures.user(db);
            UUID oldActive1 = Fixtures.session(db, u, "active");
            UUID oldActive2 = Fixtures.session(db, u, "active");
            UUID recentActive = Fixtures.session(db, u, "active");
            UUID oldArchived = Fixtures.session(db, u, "archived");
            UUID oldDeleted = Fixtures.session(db, u, "deleted");
            UUID m = Fixtures.message(db, oldActive1, u, "old but kept");
            db.update("UPDATE messaging.sessions SET last_accessed_at = now() - interval '40 days' WHERE id IN (?, ?, ?, ?)",
                    oldActive1, oldActive2, oldArchived, oldDeleted);
            db.update("UPDATE messaging.sessions SET last_accessed_at = now() - interval '29 days' WHERE id = ?", recentActive);

            assertThat(db.scalar("SELECT messaging.archive_old_sessions(30)")).as("number archived").isEqualTo(2);
            assertThat(partitionOf(db, oldActive1)).as("old active 1").isEqualTo("sessions_archived");
            assertThat(partitionOf(db, oldActive2)).as("old active 2").isEqualTo("sessions_archived");
            assertThat(partitionOf(db, recentActive)).as("recent active stays").isEqualTo("sessions_active");
            assertThat(partitionOf(db, oldDeleted)).as("deleted stays deleted").isEqualTo("sessions_deleted");
            assertThat(partitionOf(db, oldArchived)).as("archived stays").isEqualTo("sessions_archived");
            assertThat(db.scalar("SELECT session_status::text FROM messaging.messages WHERE id = ?", m)).as("message followed").isEqualTo("archived");
            assertThat(db.scalar("SELECT messaging.archive_old_sessions(30)")).as("second run finds nothing").isEqualTo(0);
            assertThat(db.scalar("SELECT has_function_privilege('authenticated', 'messaging.archive_old_sessions(integer)', 'EXECUTE')"))
                    .as("archiving is for the service role only").isEqualTo(false);
        }
    }

    @Test
    void deleting_a_session_deletes_its_messages_and_their_feedback(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        UUID s = Fixtures.session(db, u, "archived");
        UUID m = Fixtures.message(db, s, u, "to be removed");
        Fixtures.feedback(db, m, 50);
        assertThat(db.update("DELETE FROM messaging.sessions WHERE id = ?", s)).as("session deleted").isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM messaging.messages WHERE session_id = ?", s)).as("messages cascade").isZero();
        assertThat(db.count("SELECT count(*) FROM messaging.message_feedback WHERE message_id = ?", m)).as("feedback cascades").isZero();
    }

    @Test
    void deleting_an_auth_user_removes_their_sessions_and_messages(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        UUID s1 = Fixtures.session(db, u, "active");
        UUID s2 = Fixtures.session(db, u, "deleted");
        UUID m = Fixtures.message(db, s1, u, "bye");
        Fixtures.feedback(db, m, 10);
        Fixtures.message(db, s2, u, "bye again");
        assertThat(db.update("DELETE FROM auth.users WHERE id = ?", u)).as("user deleted").isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM messaging.sessions WHERE user_id = ?", u)).as("sessions of the user").isZero();
        assertThat(db.count("SELECT count(*) FROM messaging.messages WHERE user_id = ?", u)).as("messages of the user").isZero();
        assertThat(db.count("SELECT count(*) FROM messaging.message_feedback WHERE message_id = ?", m)).as("feedback of the user").isZero();
    }

    @Test
    void sequence_numbers_run_one_to_n_per_session(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        UUID s1 = Fixtures.session(db, u, "active");
        UUID s2 = Fixtures.session(db, u, "active");
        for (int i = 0; i < 3; i++) {
            Fixtures.message(db, s1, u, "s1 " + i);
        }
        Fixtures.message(db, s2, u, "s2 first");
        db.update("INSERT INTO messaging.messages (session_id, user_id, content, type, sequence_number) VALUES (?, ?, 'ignores a given number', 'audio', 99)", s1, u);
        assertThat(db.column("SELECT sequence_number FROM messaging.messages WHERE session_id = ? ORDER BY created_at, sequence_number", s1))
                .as("session 1").containsExactly("1", "2", "3", "4");
        assertThat(db.column("SELECT sequence_number FROM messaging.messages WHERE session_id = ?", s2)).as("session 2 starts at 1").containsExactly("1");
        assertThatThrownBy(() -> db.update("UPDATE messaging.messages SET sequence_number = 1 WHERE session_id = ? AND sequence_number = 2", s1))
                .as("unique index backs the numbering").isInstanceOf(SQLException.class).hasMessageContaining("messages_sequence_number_idx");
    }

    @Test
    void concurrent_inserts_into_one_session_never_duplicate_a_sequence_number(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        UUID s = Fixtures.session(db, u, "active");
        int threads = 6;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                Callable<Integer> work = () -> {
                    try (Connection c = db.connection();
                         PreparedStatement ps = c.prepareStatement("INSERT INTO messaging.messages (session_id, user_id, content, type) VALUES (?, ?, ?, 'text')")) {
                        start.await();
                        int done = 0;
                        for (int i = 0; i < perThread; i++) {
                            ps.setObject(1, s);
                            ps.setObject(2, u);
                            ps.setString(3, "thread " + thread + " message " + i);
                            done += ps.executeUpdate();
                        }
                        return done;
                    }
                };
                results.add(pool.submit(work));
            }
            start.countDown();
            int inserted = 0;
            for (Future<Integer> f : results) {
                inserted += f.get(120, TimeUnit.SECONDS);
            }
            assertThat(inserted).as("every insert succeeded").isEqualTo(threads * perThread);
        } finally {
            pool.shutdownNow();
        }
        Map<String, Object> stats = db.query("SELECT count(*) AS n, count(DISTINCT sequence_number) AS d, min(sequence_number) AS lo, max(sequence_number) AS hi "
                + "FROM messaging.messages WHERE session_id = ?", s).get(0);
        assertThat(stats).as("numbers 1..n without gaps or duplicates")
                .containsEntry("n", (long) threads * perThread).containsEntry("d", (long) threads * perThread)
                .containsEntry("lo", 1L).containsEntry("hi", (long) threads * perThread);
    }

    @Test
    void feedback_scores_outside_zero_to_hundred_are_rejected_and_updates_move_updated_at(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        UUID m = Fixtures.message(db, Fixtures.session(db, u, "active"), u, "bonjour");
        assertThatThrownBy(() -> Fixtures.feedback(db, m, -1)).as("-1 rejected").isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
        assertThatThrownBy(() -> Fixtures.feedback(db, m, 101)).as("101 rejected").isInstanceOf(SQLException.class).hasMessageContaining("check constraint");
        Fixtures.feedback(db, m, 0);
        Fixtures.feedback(db, m, 100);
        db.update("INSERT INTO messaging.message_feedback (message_id) VALUES (?)", m);
        assertThat(db.count("SELECT count(*) FROM messaging.message_feedback WHERE message_id = ?", m)).as("0, 100 and NULL accepted").isEqualTo(3);

        UUID old = UUID.randomUUID();
        db.update("INSERT INTO messaging.message_feedback (id, message_id, fluency_score, created_at, updated_at) "
                + "VALUES (?, ?, 10, now() - interval '1 hour', now() - interval '1 hour')", old, m);
        Timestamp before = (Timestamp) db.scalar("SELECT updated_at FROM messaging.message_feedback WHERE id = ?", old);
        Timestamp txStart = (Timestamp) db.scalar("SELECT now()");
        db.update("UPDATE messaging.message_feedback SET fluency_score = 42 WHERE id = ?", old);
        Timestamp after = (Timestamp) db.scalar("SELECT updated_at FROM messaging.message_feedback WHERE id = ?", old);
        assertThat(after.toInstant()).as("updated_at set to the time of the update").isAfterOrEqualTo(txStart.toInstant());
        assertThat(after).as("updated_at moved forward").isAfter(before);
    }

    @Test
    void refresh_concurrently_succeeds_and_a_non_owner_insert_refreshes_correct_counts(TestDatabase db) throws Exception {
        db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY messaging.session_stats");
        UUID a = Fixtures.user(db);
        UUID b = Fixtures.user(db);
        Fixtures.session(db, a, "active");
        Fixtures.session(db, a, "active");
        Fixtures.session(db, a, "archived");
        db.update("UPDATE messaging.sessions SET language = 'fr' WHERE user_id = ? AND status = 'active' AND ctid = (SELECT min(ctid) FROM messaging.sessions_active WHERE user_id = ?)", a, a);
        assertThat(db.query("SELECT status::text, session_count, languages_used, levels_used FROM messaging.session_stats WHERE user_id = ? ORDER BY status", a))
                .as("A's statistics after owner inserts")
                .containsExactly(Map.of("status", "active", "session_count", 2L, "languages_used", 2L, "levels_used", 1L),
                        Map.of("status", "archived", "session_count", 1L, "languages_used", 1L, "levels_used", 1L));

        List<List<Map<String, Object>>> seen = db.asUser("authenticated", b.toString(), c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO messaging.sessions (user_id, language, level) VALUES (?, 'de', 'advanced')")) {
                ps.setObject(1, b);
                ps.executeUpdate();
            }
            List<Map<String, Object>> own = TestDatabase.query(c, "SELECT user_id, status::text, session_count FROM messaging.my_session_stats");
            try (Statement st = c.createStatement()) {
                st.execute("RESET ROLE");
            }
            List<Map<String, Object>> all = TestDatabase.query(c, "SELECT status::text, session_count FROM messaging.session_stats WHERE user_id = ?", b);
            return List.of(own, all);
        });
        assertThat(seen.get(0)).as("B reads only B's statistics, refreshed by B's insert")
                .containsExactly(Map.of("user_id", b, "status", "active", "session_count", 1L));
        assertThat(seen.get(1)).as("the statement trigger refreshed the view for a non-owner")
                .containsExactly(Map.of("status", "active", "session_count", 1L));
    }

    @Test
    void search_ranks_better_matches_first_and_honours_filters(TestDatabase db) throws Exception {
        UUID a = Fixtures.user(db);
        UUID b = Fixtures.user(db);
        UUID s1 = Fixtures.session(db, a, "active");
        UUID s2 = Fixtures.session(db, a, "archived");
        UUID s3 = Fixtures.session(db, b, "active");
        UUID weak = Fixtures.message(db, s1, a, "I want to practise irregular verbs today");
        UUID strong = Fixtures.message(db, s1, a, "Spanish verbs: spanish verbs are the best spanish verbs");
        Fixtures.message(db, s1, a, "The weather is lovely");
        UUID other = Fixtures.message(db, s2, a, "More spanish verbs in another session");
        UUID ofB = Fixtures.message(db, s3, b, "spanish verbs of user B");

        List<Map<String, Object>> inS1 = db.query("SELECT id, rank FROM messaging.search_messages('spanish verbs', ?, NULL)", s1);
        assertThat(inS1).as("only the match for both words in session 1").extracting(r -> r.get("id")).containsExactly(strong);
        List<Map<String, Object>> verbs = db.query("SELECT id, rank FROM messaging.search_messages('verbs', ?, NULL)", s1);
        assertThat(verbs).as("best match first").extracting(r -> r.get("id")).containsExactly(strong, weak);
        assertThat((Float) verbs.get(0).get("rank")).as("ranks descend").isGreaterThan((Float) verbs.get(1).get("rank"));

        assertThat(db.query("SELECT id FROM messaging.search_messages('spanish verbs', NULL, ?)", a)).as("owner filter")
                .extracting(r -> r.get("id")).containsExactlyInAnyOrder(strong, other);
        assertThat(db.query("SELECT id FROM messaging.search_messages('spanish verbs', ?, ?)", s3, a)).as("both filters").isEmpty();
        assertThat(db.query("SELECT id FROM messaging.search_messages('spanish verbs', ?, ?)", s3, b)).as("both filters, B's session")
                .extracting(r -> r.get("id")).containsExactly(ofB);
        for (String text : List.of("test query", "verbs!? (spanish) & | :*", "\"spanish verbs\" -weather", "", "'; DROP TABLE x; --")) {
            assertThat(db.query("SELECT id FROM messaging.search_messages(?, NULL, ?)", text, a)).as("free text %s parses", text).isNotNull();
        }
        assertThat(db.query("SELECT id FROM messaging.search_messages('\"spanish verbs\" -another', NULL, ?)", a))
                .as("web-search syntax: phrase and exclusion").extracting(r -> r.get("id")).containsExactly(strong);
    }

    @Test
    void full_text_index_is_usable_for_the_match(TestDatabase db) throws Exception {
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try (Statement st = c.createStatement()) {
                st.execute("SET LOCAL enable_seqscan = off");
            }
            List<String> plan = new ArrayList<>();
            for (Map<String, Object> row : TestDatabase.query(c, "EXPLAIN SELECT id FROM messaging.messages "
                    + "WHERE to_tsvector('english'::regconfig, content) @@ websearch_to_tsquery('english'::regconfig, 'spanish verbs')")) {
                plan.add(String.valueOf(row.values().iterator().next()));
            }
            c.rollback();
            assertThat(String.join("\n", plan)).as("plan of the search predicate").contains("messages_content_search_idx");
        }
    }
}
