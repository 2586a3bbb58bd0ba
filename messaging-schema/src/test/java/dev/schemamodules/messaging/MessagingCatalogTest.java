package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The catalog of messaging: every object against the reviewed golden file, plus the behaviour and the
 * privileges the catalog file does not show (checks and enums rejecting values, function and schema
 * privileges, a populated statistics view).
 */
@SchemaTest(modules = "messaging")
class MessagingCatalogTest {

    /**
     * Every table and partition, view, column (type, nullability, default), constraint, FK action, index, enum (labels in
     * order), function, trigger, policy, RLS flag and grant of the module's two schemas, against the reviewed file
     * src/test/resources/catalog/messaging.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "messaging");
    }

    @Test
    void score_checks_accept_zero_to_hundred_and_reject_outside(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        UUID m = Fixtures.message(db, Fixtures.session(db, u, "active"), u, "hola");
        for (String score : List.of("pronunciation_score", "accuracy_score", "fluency_score", "completeness_score")) {
            for (int bad : new int[] {-1, 101}) {
                assertThatThrownBy(() -> db.update("INSERT INTO messaging.message_feedback (message_id, " + score + ") VALUES (?, ?)", m, bad))
                        .as("%s = %d rejected", score, bad).isInstanceOf(SQLException.class).hasMessageContaining("message_feedback_" + score + "_check");
            }
            for (Integer ok : new Integer[] {0, 100, null}) {
                assertThat(db.update("INSERT INTO messaging.message_feedback (message_id, " + score + ") VALUES (?, ?::numeric)", m, ok))
                        .as("%s = %s accepted", score, ok).isEqualTo(1);
            }
        }
    }

    @Test
    void enums_reject_unknown_labels(TestDatabase db) throws Exception {
        UUID u = Fixtures.user(db);
        assertThatThrownBy(() -> db.update("INSERT INTO messaging.sessions (user_id, language) VALUES (?, 'it')", u))
                .as("language 'it' rejected").isInstanceOf(SQLException.class).hasMessageContaining("invalid input value for enum");
        assertThatThrownBy(() -> db.update("INSERT INTO messaging.sessions (user_id, level) VALUES (?, 'expert')", u))
                .as("level 'expert' rejected").isInstanceOf(SQLException.class).hasMessageContaining("invalid input value for enum");
        assertThatThrownBy(() -> db.update("INSERT INTO messaging.sessions (user_id, status) VALUES (?, 'paused')", u))
                .as("status 'paused' rejected").isInstanceOf(SQLException.class).hasMessageContaining("invalid input value for enum");
        UUID s = Fixtures.session(db, u, "active");
        assertThatThrownBy(() -> db.update("INSERT INTO messaging.messages (session_id, user_id, content, type) VALUES (?, ?, 'x', 'video')", s, u))
                .as("message type 'video' rejected").isInstanceOf(SQLException.class).hasMessageContaining("invalid input value for enum");
    }

    @Test
    void every_function_pins_search_path_and_none_is_executable_by_public(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        assertThat(c.functions()).as("functions").isNotEmpty();
        assertThat(c.functionsWithoutPinnedSearchPath()).as("functions without pinned search_path").isEmpty();
        assertThat(db.column("SELECT grantee FROM information_schema.routine_privileges WHERE routine_schema = 'messaging' "
                + "AND routine_name IN ('search_messages', 'archive_old_sessions', 'refresh_session_stats') AND grantee = 'PUBLIC'"))
                .as("no function executable by PUBLIC").isEmpty();
    }

    @Test
    void rls_is_enabled_on_every_table_and_partition(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        assertThat(c.tables()).as("tables and partitions").isNotEmpty();
        for (String t : c.tables()) {
            assertThat(c.rowLevelSecurity(t)).as("RLS on %s", t).isTrue();
        }
    }

    @Test
    void statistics_are_populated_and_not_reachable_by_api_roles(TestDatabase db) throws Exception {
        assertThat(db.scalar("SELECT relispopulated FROM pg_class WHERE oid = 'messaging.session_stats'::regclass")).as("created WITH DATA").isEqualTo(true);
        for (String role : List.of("anon", "authenticated")) {
            assertThat(db.scalar("SELECT has_table_privilege(?, 'messaging.session_stats', 'SELECT')", role)).as("%s reads session_stats", role).isEqualTo(false);
            assertThat(db.scalar("SELECT has_schema_privilege(?, 'messaging_backup', 'USAGE')", role)).as("%s reaches the backup schema", role).isEqualTo(false);
        }
        assertThat(db.scalar("SELECT has_schema_privilege('service_role', 'messaging_backup', 'USAGE')")).as("service_role reaches the backup schema").isEqualTo(false);
    }
}
