package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.testing.TestDatabase;
import org.junit.jupiter.api.Test;

/**
 * The proof that {@link MessagingOnlinePartitioningTest} can fail: the trigger V3 installs
 * ({@code sessions_sync_partitioned_trigger}) is what carries the writes made after V4's copy pass into the
 * partitioned table. With it disabled, sessions a writer commits between the copy and the swap are missing
 * from the partitioned table (the counts differ by exactly those rows), and the swap (V5) refuses to run on
 * the differing counts, so the online test's writer would see its migration fail and its rows absent.
 */
class MessagingSyncTriggerProofTest {

    private static final String USER = "00000000-0000-0000-0000-00000000000b";

    @Test
    void without_the_sync_trigger_writes_after_the_copy_are_lost_and_the_swap_refuses() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            Plan plan = MessagingUpgradeTest.migrateTo(db, "2");
            db.execute("""
                    INSERT INTO auth.users (id, email) VALUES ('%1$s', 'b@example.test');
                    INSERT INTO messaging.sessions (id, user_id, title, status)
                    SELECT gen_random_uuid(), '%1$s', 'seeded ' || g, 'active' FROM generate_series(1, 1500) g;
                    """.formatted(USER));
            MessagingUpgradeTest.migrateTo(db, "4");
            assertThat(db.count("SELECT count(*) FROM messaging.sessions_partitioned")).as("V4 copied every session").isEqualTo(1500);

            db.execute("ALTER TABLE messaging.sessions DISABLE TRIGGER sessions_sync_partitioned_trigger");
            db.execute("""
                    INSERT INTO messaging.sessions (id, user_id, title, status)
                    SELECT gen_random_uuid(), '%1$s', 'written after the copy ' || g, 'archived' FROM generate_series(1, 10) g;
                    """.formatted(USER));

            assertThat(db.count("SELECT count(*) FROM messaging.sessions") - db.count("SELECT count(*) FROM messaging.sessions_partitioned"))
                    .as("sessions written after the copy, missing from the partitioned table without the trigger").isEqualTo(10);
            assertThat(db.count("SELECT count(*) FROM messaging.sessions s WHERE NOT EXISTS "
                    + "(SELECT 1 FROM messaging.sessions_partitioned p WHERE p.id = s.id AND p.status = s.status)"))
                    .as("the lost rows are the ones written after the copy").isEqualTo(10);

            assertThatThrownBy(() -> db.engine().migrate(plan, MigrationListener.NONE)).as("V5 swap on differing counts")
                    .hasStackTraceContaining("1510 sessions before, 1500 after");
            assertThat(db.scalar("SELECT version FROM messaging.flyway_schema_history WHERE success ORDER BY installed_rank DESC LIMIT 1"))
                    .as("messaging stays at V4: the swap changed nothing").isEqualTo("4");
            assertThat(db.count("SELECT count(*) FROM messaging.sessions")).as("the live table keeps every row").isEqualTo(1510);
        }
    }
}
