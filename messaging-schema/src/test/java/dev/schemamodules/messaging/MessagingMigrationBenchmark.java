package dev.schemamodules.messaging;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.testing.PartialMigration;
import dev.schemamodules.testing.TemplateDatabases;
import dev.schemamodules.testing.TestDatabase;
import java.util.List;

/**
 * Not a test (no @Test, not run by surefire): measures the V3 data migration (unpartitioned to
 * partitioned sessions) on a generated V2 data set. Run by hand:
 * <pre>
 * runuser -u builder -- mvn -q -o -pl messaging-schema test-compile exec:java \
 *     -Dexec.mainClass=dev.schemamodules.messaging.MessagingMigrationBenchmark -Dexec.classpathScope=test -Dexec.args=1000000
 * </pre>
 * Argument: number of sessions (default 1,000,000); one message per session, feedback on every tenth message.
 */
public final class MessagingMigrationBenchmark {

    private MessagingMigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int sessions = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(TemplateDatabases.plan(List.of("platform"), ""), MigrationListener.NONE);
            Plan plan = TemplateDatabases.plan(List.of("messaging"), "");
            var module = plan.module("messaging").orElseThrow();
            PartialMigration.migrateTo(module, db.dataSource(), "2");

            long t0 = System.nanoTime();
            db.execute("""
                    INSERT INTO auth.users (id, email) SELECT gen_random_uuid(), 'bench' || g || '@example.test' FROM generate_series(1, 1000) g;
                    CREATE TEMP TABLE bench_users AS SELECT row_number() OVER () AS n, id FROM auth.users;
                    INSERT INTO messaging.sessions (id, user_id, title, status, language, level, last_accessed_at)
                    SELECT gen_random_uuid(), u.id, 'session ' || g,
                           (ARRAY['active', 'active', 'archived', 'deleted'])[1 + g %% 4]::messaging.session_status,
                           (ARRAY['en', 'es', 'fr', 'de'])[1 + g %% 4]::messaging.session_language,
                           (ARRAY['beginner', 'intermediate', 'advanced'])[1 + g %% 3]::messaging.session_level,
                           now() - (g %% 90) * interval '1 day'
                      FROM generate_series(1, %d) g JOIN bench_users u ON u.n = 1 + g %% 1000;
                    ALTER TABLE messaging.messages DISABLE TRIGGER messages_sequence_number_trigger;
                    INSERT INTO messaging.messages (session_id, user_id, content, type, sequence_number)
                    SELECT id, user_id, 'hello from ' || title, 'text', 1 FROM messaging.sessions;
                    ALTER TABLE messaging.messages ENABLE TRIGGER messages_sequence_number_trigger;
                    INSERT INTO messaging.message_feedback (message_id, pronunciation_score)
                    SELECT id, 50 FROM messaging.messages WHERE sequence_number = 1 AND abs(hashtext(id::text)) %% 10 = 0;
                    ANALYZE;
                    """.formatted(sessions));
            long load = System.nanoTime() - t0;
            long messages = db.count("SELECT count(*) FROM messaging.messages");
            long feedback = db.count("SELECT count(*) FROM messaging.message_feedback");
            List<java.util.Map<String, Object>> byStatus = db.query("SELECT status::text, count(*) FROM messaging.sessions GROUP BY 1 ORDER BY 1");

            long t1 = System.nanoTime();
            PartialMigration.migrateTo(module, db.dataSource(), "7"); // V3-V7: the online partitioning
            long migrate = System.nanoTime() - t1;

            long t2 = System.nanoTime();
            List<VerifyResult> verify = db.engine().verify(plan, MigrationListener.NONE);
            long verifyTime = System.nanoTime() - t2;

            long after = db.count("SELECT count(*) FROM messaging.sessions");
            long messagesAfter = db.count("SELECT count(*) FROM messaging.messages m JOIN messaging.sessions s ON s.id = m.session_id AND s.status = m.session_status");
            long feedbackAfter = db.count("SELECT count(*) FROM messaging.message_feedback");
            List<java.util.Map<String, Object>> byPartition = db.query(
                    "SELECT c.relname::text, count(*) FROM messaging.sessions s JOIN pg_class c ON c.oid = s.tableoid GROUP BY 1 ORDER BY 1");
            double seconds = migrate / 1e9;
            System.out.printf("%nsessions=%d messages=%d feedback=%d (load %.1f s)%n", sessions, messages, feedback, load / 1e9);
            System.out.printf("before by status: %s%nafter by partition: %s%n", byStatus, byPartition);
            System.out.printf("after: sessions=%d messages joined=%d feedback=%d; verify scripts passed=%s (%.1f s)%n", after, messagesAfter, feedbackAfter,
                    verify.stream().allMatch(VerifyResult::passed), verifyTime / 1e9);
            System.out.printf("V3-V7 migration: %.1f s = %.0f sessions/s (%.0f session+message rows/s)%n", seconds, sessions / seconds,
                    (sessions + messages) / seconds);
            if (after != sessions || messagesAfter != messages || feedbackAfter != feedback) {
                throw new IllegalStateException("counts differ after the migration");
            }
        }
    }
}
