package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The online partitioning (V3-V7) with a writer busy on sessions and messages from before V3 starts until
 * after V7 commits: every session and message it wrote is there afterwards, with the status it last gave
 * (status changes included), what it deleted is gone, and it never saw an error.
 */
class MessagingOnlinePartitioningTest {

    private static final String USER = "00000000-0000-0000-0000-00000000000a";
    private static final String[] STATUSES = {"active", "archived", "deleted"};

    /** What the writer committed: session id -> status, message id -> session id, deleted session ids. */
    private static final class Written {
        final Map<UUID, String> sessions = new HashMap<>();
        final Map<UUID, UUID> messages = new HashMap<>();
        final Set<UUID> deleted = new HashSet<>();
        final Map<UUID, String> seededStatus = new HashMap<>();
        int operations;
        int duringMigration;
    }

    @Test
    void writers_lose_nothing_while_sessions_are_partitioned_online() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = MessagingUpgradeTest.migrateTo(db, "2");
            // 5,000 sessions with 2 messages each: several copy batches of 1,000 in V4
            db.execute("""
                    INSERT INTO auth.users (id, email) VALUES ('%1$s', 'a@example.test');
                    INSERT INTO messaging.sessions (id, user_id, title, status)
                    SELECT gen_random_uuid(), '%1$s', 'seeded ' || g, (ARRAY['active', 'archived', 'deleted']::messaging.session_status[])[1 + g %% 3]
                      FROM generate_series(1, 5000) g;
                    INSERT INTO messaging.messages (session_id, user_id, content, type)
                    SELECT s.id, s.user_id, 'seeded message ' || k, 'text' FROM messaging.sessions s CROSS JOIN generate_series(1, 2) k;
                    """.formatted(USER));
            List<UUID> seeded = db.column("SELECT id::text FROM messaging.sessions ORDER BY title LIMIT 200").stream().map(UUID::fromString).toList();

            AtomicBoolean migrating = new AtomicBoolean(false);
            AtomicBoolean stop = new AtomicBoolean(false);
            Written written = new Written();
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> write(db, seeded, written, migrating, stop));
            waitFor(() -> written.operations >= 20, writer);

            migrating.set(true);
            db.engine().migrate(plan, MigrationListener.NONE);
            migrating.set(false);
            int before = written.operations;
            waitFor(() -> written.operations >= before + 20, writer);
            stop.set(true);
            writer.get(60, TimeUnit.SECONDS); // rethrows the writer's first error, if any

            assertThat(db.scalar("SELECT version FROM messaging.flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1"))
                    .as("messaging at V7").isEqualTo("7");
            assertThat(written.duringMigration).as("writes committed while the migration ran").isGreaterThan(0);

            Map<UUID, String> status = new HashMap<>();
            for (Map<String, Object> row : db.query("SELECT id::text AS id, status::text AS status FROM messaging.sessions")) {
                assertThat(status.put(UUID.fromString((String) row.get("id")), (String) row.get("status"))).as("session %s once", row.get("id")).isNull();
            }
            assertThat(status).as("every session the writer wrote, with its last status").containsAllEntriesOf(written.sessions);
            assertThat(status).as("every seeded session the writer changed, with its last status").containsAllEntriesOf(written.seededStatus);
            assertThat(status.keySet()).as("sessions the writer deleted").doesNotContainAnyElementsOf(written.deleted);
            assertThat(status).as("seeded + written - deleted").hasSize(5000 + written.sessions.size());

            Map<UUID, UUID> messages = new HashMap<>();
            for (Map<String, Object> row : db.query("SELECT m.id::text AS id, m.session_id::text AS sid FROM messaging.messages m "
                    + "JOIN messaging.sessions s ON s.id = m.session_id AND s.status = m.session_status")) {
                messages.put(UUID.fromString((String) row.get("id")), UUID.fromString((String) row.get("sid")));
            }
            assertThat(messages).as("every message the writer wrote, joined to its session on (id, status)").containsAllEntriesOf(written.messages);
            assertThat(db.count("SELECT count(*) FROM messaging.messages")).as("no message without its session's status")
                    .isEqualTo(messages.size()).isEqualTo(10000 + written.messages.size());
            assertThat(db.count("SELECT count(*) FROM messaging.sessions s JOIN pg_class c ON c.oid = s.tableoid WHERE c.relname <> 'sessions_' || s.status::text"))
                    .as("rows outside their status's partition").isZero();
            assertThat(db.count("SELECT count(*) FROM messaging_backup.sessions_before_v3")).as("backup = sessions at the swap")
                    .isBetween(5000L, 5000L + written.sessions.size() + written.deleted.size());
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, CompletableFuture<Void> writer) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
            if (writer.isDone()) {
                writer.get();
            }
            assertThat(System.nanoTime()).as("writer progress within 60 s").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /** Autocommit writes, one operation per transaction; records only what committed. */
    private static void write(TestDatabase db, List<UUID> seeded, Written w, AtomicBoolean migrating, AtomicBoolean stop) {
        try (Connection c = db.connection()) {
            c.setAutoCommit(true);
            List<UUID> mine = new ArrayList<>();
            for (int i = 0; !stop.get(); i++) {
                UUID session = UUID.randomUUID();
                String status = STATUSES[i % 3];
                exec(c, "INSERT INTO messaging.sessions (id, user_id, title, status) VALUES (?::uuid, ?::uuid, 'written', ?::messaging.session_status)",
                        session.toString(), USER, status);
                synchronized (w) {
                    w.sessions.put(session, status);
                }
                mine.add(session);
                for (int k = 0; k < 2; k++) {
                    UUID message = UUID.randomUUID();
                    exec(c, "INSERT INTO messaging.messages (id, session_id, user_id, content, type) VALUES (?::uuid, ?::uuid, ?::uuid, 'written', 'text')",
                            message.toString(), session.toString(), USER);
                    synchronized (w) {
                        w.messages.put(message, session);
                    }
                }
                if (i % 5 == 4) { // a status change moves the session to another partition; its messages follow
                    UUID target = mine.get(i / 2);
                    String next = STATUSES[(i / 5) % 3];
                    exec(c, "UPDATE messaging.sessions SET status = ?::messaging.session_status, title = 'moved' WHERE id = ?::uuid", next, target.toString());
                    synchronized (w) {
                        if (w.sessions.containsKey(target)) {
                            w.sessions.put(target, next);
                        }
                    }
                }
                if (i % 7 == 6) { // a seeded session (possibly not copied yet) changes status
                    UUID target = seeded.get(i % seeded.size());
                    String next = STATUSES[(i / 7) % 3];
                    exec(c, "UPDATE messaging.sessions SET status = ?::messaging.session_status WHERE id = ?::uuid", next, target.toString());
                    synchronized (w) {
                        w.seededStatus.put(target, next);
                    }
                }
                if (i % 11 == 10) { // a delete (its messages go with it)
                    UUID target = mine.get(i - 3);
                    exec(c, "DELETE FROM messaging.sessions WHERE id = ?::uuid", target.toString());
                    synchronized (w) {
                        if (w.sessions.remove(target) != null) {
                            w.deleted.add(target);
                            w.messages.values().removeIf(target::equals);
                        }
                    }
                }
                synchronized (w) {
                    w.operations++;
                    if (migrating.get()) {
                        w.duringMigration++;
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the writer failed: " + e.getMessage(), e);
        }
    }

    /** One autocommit statement; a deadlock victim (40P01, e.g. against V3's locks) retries, as an application would. */
    private static void exec(Connection c, String sql, String... params) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                ps.execute();
                return;
            } catch (SQLException e) {
                if (!"40P01".equals(e.getSQLState()) || attempt >= 5) {
                    throw e;
                }
            }
        }
    }

}
