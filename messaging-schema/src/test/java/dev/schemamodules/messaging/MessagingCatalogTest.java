package dev.schemamodules.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.Catalog.Column;
import dev.schemamodules.testing.Catalog.ForeignKey;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@SchemaTest(modules = "messaging")
class MessagingCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/messaging.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "messaging");
    }

    private static Column col(String name, String type, boolean nullable, String def) {
        return new Column(name, type, nullable, def);
    }

    @Test
    void schema_holds_exactly_the_partitioned_sessions_messages_and_feedback_tables(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        assertThat(c.tables()).as("tables of messaging (partitions included)")
                .containsExactly("message_feedback", "messages", "sessions", "sessions_active", "sessions_archived", "sessions_deleted");
        assertThat(c.views()).as("views and materialized views").containsExactly("active_sessions", "my_session_stats", "session_stats");
        assertThat(db.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'messaging.sessions'::regclass")).as("sessions is partitioned").isEqualTo("p");
        assertThat(db.scalar("SELECT pg_get_partkeydef('messaging.sessions'::regclass)")).as("partition key").isEqualTo("LIST (status)");
        assertThat(db.query("SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
                + "WHERE i.inhparent = 'messaging.sessions'::regclass ORDER BY 1"))
                .as("one partition per status, no default partition")
                .containsExactly(Map.of("relname", "sessions_active", "bound", "FOR VALUES IN ('active')"),
                        Map.of("relname", "sessions_archived", "bound", "FOR VALUES IN ('archived')"),
                        Map.of("relname", "sessions_deleted", "bound", "FOR VALUES IN ('deleted')"));
        assertThat(db.catalog("messaging_backup").tables()).as("pre-partitioning snapshot tables in the backup schema")
                .containsExactly("messages_before_v3", "sessions_before_v3");
    }

    @Test
    void sessions_columns_have_the_spec_types_nullability_and_defaults(TestDatabase db) throws Exception {
        assertThat(db.catalog("messaging").columns("sessions")).as("sessions columns").containsExactly(
                col("id", "uuid", false, "platform.uuid_generate_v4()"),
                col("user_id", "uuid", false, null),
                col("title", "text", false, "'New Chat Session'::text"),
                col("last_message_at", "timestamp with time zone", true, "now()"),
                col("last_accessed_at", "timestamp with time zone", true, "now()"),
                col("status", "messaging.session_status", false, "'active'::messaging.session_status"),
                col("language", "messaging.session_language", false, "'en'::messaging.session_language"),
                col("level", "messaging.session_level", false, "'beginner'::messaging.session_level"),
                col("created_at", "timestamp with time zone", true, "now()"));
        for (String partition : List.of("sessions_active", "sessions_archived", "sessions_deleted")) {
            assertThat(db.catalog("messaging").columns(partition)).as("partition %s has the parent's columns", partition)
                    .isEqualTo(db.catalog("messaging").columns("sessions"));
        }
    }

    @Test
    void messages_columns_have_the_spec_types_and_no_feedback_json(TestDatabase db) throws Exception {
        assertThat(db.catalog("messaging").columns("messages")).as("messages columns (session_status appended by V3, feedback dropped by V2)").containsExactly(
                col("id", "uuid", false, "platform.uuid_generate_v4()"),
                col("session_id", "uuid", false, null),
                col("user_id", "uuid", false, null),
                col("content", "text", false, null),
                col("type", "messaging.message_type", false, null),
                col("translation", "text", true, null),
                col("sequence_number", "bigint", false, null),
                col("created_at", "timestamp with time zone", true, "now()"),
                col("session_status", "messaging.session_status", false, null));
    }

    @Test
    void message_feedback_columns_have_the_spec_types(TestDatabase db) throws Exception {
        assertThat(db.catalog("messaging").columns("message_feedback")).as("message_feedback columns").containsExactly(
                col("id", "uuid", false, "platform.uuid_generate_v4()"),
                col("message_id", "uuid", false, null),
                col("pronunciation_score", "numeric", true, null),
                col("accuracy_score", "numeric", true, null),
                col("fluency_score", "numeric", true, null),
                col("completeness_score", "numeric", true, null),
                col("created_at", "timestamp with time zone", true, "now()"),
                col("updated_at", "timestamp with time zone", true, "now()"));
    }

    @Test
    void foreign_keys_cascade_and_the_session_key_is_composite_with_on_update_cascade(TestDatabase db) throws Exception {
        assertThat(db.catalog("messaging").foreignKeys(null)).as("every FK of the schema").containsExactlyInAnyOrder(
                new ForeignKey("message_feedback_message_id_fkey", "message_feedback", List.of("message_id"), "messaging", "messages", List.of("id"), "CASCADE", "NO ACTION"),
                new ForeignKey("messages_session_id_session_status_fkey", "messages", List.of("session_id", "session_status"), "messaging", "sessions",
                        List.of("id", "status"), "CASCADE", "CASCADE"),
                new ForeignKey("messages_user_id_fkey", "messages", List.of("user_id"), "auth", "users", List.of("id"), "CASCADE", "NO ACTION"),
                new ForeignKey("sessions_user_id_fkey", "sessions", List.of("user_id"), "auth", "users", List.of("id"), "CASCADE", "NO ACTION"));
    }

    @Test
    void primary_keys_include_the_partition_key_for_sessions(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        assertThat(c.constraints("sessions")).as("sessions primary key")
                .anySatisfy(k -> assertThat(k).isEqualTo(new Catalog.Constraint("sessions_pkey", "sessions", "p", "PRIMARY KEY (id, status)")));
        assertThat(c.constraints("messages")).as("messages primary key")
                .anySatisfy(k -> assertThat(k).isEqualTo(new Catalog.Constraint("messages_pkey", "messages", "p", "PRIMARY KEY (id)")));
        assertThat(c.constraints("message_feedback")).as("message_feedback primary key")
                .anySatisfy(k -> assertThat(k).isEqualTo(new Catalog.Constraint("message_feedback_pkey", "message_feedback", "p", "PRIMARY KEY (id)")));
    }

    @Test
    void score_checks_accept_zero_to_hundred_and_reject_outside(TestDatabase db) throws Exception {
        assertThat(db.catalog("messaging").constraints("message_feedback").stream().filter(k -> k.type().equals("c")).map(Catalog.Constraint::name))
                .as("one CHECK per score")
                .containsExactly("message_feedback_accuracy_score_check", "message_feedback_completeness_score_check",
                        "message_feedback_fluency_score_check", "message_feedback_pronunciation_score_check");
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
    void named_indexes_exist_with_their_definitions(TestDatabase db) throws Exception {
        Map<String, String> idx = db.catalog("messaging").indexes(null);
        assertThat(idx).as("indexes of the schema").containsOnlyKeys(
                "message_feedback_created_at_idx", "message_feedback_message_id_idx", "message_feedback_pkey",
                "messages_content_search_idx", "messages_pkey", "messages_session_created_idx", "messages_session_id_idx", "messages_sequence_number_idx",
                "session_stats_user_status_idx",
                "sessions_pkey", "sessions_active_pkey", "sessions_archived_pkey", "sessions_deleted_pkey",
                "sessions_active_user_id_idx", "sessions_active_last_accessed_idx", "sessions_archived_user_id_idx", "sessions_archived_last_accessed_idx",
                "sessions_user_id_last_accessed_idx", "sessions_active_user_id_last_accessed_idx", "sessions_archived_user_id_last_accessed_idx",
                "sessions_deleted_user_id_last_accessed_idx");
        assertThat(idx.get("sessions_active_user_id_idx")).as("active user index").endsWith("ON messaging.sessions_active USING btree (user_id)");
        assertThat(idx.get("sessions_active_last_accessed_idx")).as("active access index").endsWith("ON messaging.sessions_active USING btree (last_accessed_at DESC)");
        assertThat(idx.get("sessions_archived_user_id_idx")).as("archived user index").endsWith("ON messaging.sessions_archived USING btree (user_id)");
        assertThat(idx.get("sessions_archived_last_accessed_idx")).as("archived access index").endsWith("ON messaging.sessions_archived USING btree (last_accessed_at DESC)");
        assertThat(idx.get("sessions_user_id_last_accessed_idx")).as("parent index replacing the V1/V2 session indexes")
                .endsWith("ON ONLY messaging.sessions USING btree (user_id, last_accessed_at DESC)");
        assertThat(idx.get("sessions_deleted_user_id_last_accessed_idx")).as("the deleted partition is indexed")
                .endsWith("ON messaging.sessions_deleted USING btree (user_id, last_accessed_at DESC)");
        assertThat(idx.get("messages_session_id_idx")).as("messages by session").endsWith("USING btree (session_id)");
        assertThat(idx.get("messages_sequence_number_idx")).as("sequence numbers unique per session")
                .isEqualTo("CREATE UNIQUE INDEX messages_sequence_number_idx ON messaging.messages USING btree (session_id, sequence_number)");
        assertThat(idx.get("messages_session_created_idx")).as("messages by session and time").endsWith("USING btree (session_id, created_at)");
        assertThat(idx.get("messages_content_search_idx")).as("full-text index")
                .endsWith("USING gin (to_tsvector('english'::regconfig, content))");
        assertThat(idx.get("message_feedback_message_id_idx")).as("feedback by message").endsWith("USING btree (message_id)");
        assertThat(idx.get("message_feedback_created_at_idx")).as("feedback by time").endsWith("USING btree (created_at)");
        assertThat(idx.get("session_stats_user_status_idx")).as("unique stats index for concurrent refresh")
                .isEqualTo("CREATE UNIQUE INDEX session_stats_user_status_idx ON messaging.session_stats USING btree (user_id, status)");
    }

    @Test
    void enums_have_their_labels_in_order_and_reject_unknown_labels(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        assertThat(c.enums()).as("enum types").containsExactly("message_type", "session_language", "session_level", "session_status");
        assertThat(c.enumLabels("session_language")).as("session_language").containsExactly("en", "es", "fr", "de");
        assertThat(c.enumLabels("session_level")).as("session_level").containsExactly("beginner", "intermediate", "advanced");
        assertThat(c.enumLabels("session_status")).as("session_status").containsExactly("active", "archived", "deleted");
        assertThat(c.enumLabels("message_type")).as("message_type").containsExactly("text", "audio", "system");
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
    void triggers_functions_and_pinned_search_paths(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        assertThat(c.triggers("messages")).as("message triggers").containsExactly("messages_sequence_number_trigger", "messages_session_status_trigger");
        assertThat(c.triggers("message_feedback")).as("feedback trigger").containsExactly("update_message_feedback_updated_at");
        assertThat(c.triggers("sessions")).as("stats refresh trigger").containsExactly("refresh_session_stats_trigger");
        assertThat(c.functions()).as("functions").containsExactly("archive_old_sessions(days_threshold integer)", "refresh_session_stats()",
                "search_messages(search_query text, session_id_param uuid, user_id_param uuid)", "set_message_session_status()",
                "update_sequence_number()", "update_updated_at_column()");
        assertThat(c.functionsWithoutPinnedSearchPath()).as("functions without pinned search_path").isEmpty();
        assertThat(db.scalar("SELECT prosecdef FROM pg_proc WHERE oid = 'messaging.refresh_session_stats()'::regprocedure"))
                .as("refresh runs as the view's owner").isEqualTo(true);
        assertThat(db.scalar("SELECT prosecdef FROM pg_proc WHERE oid = 'messaging.search_messages(text, uuid, uuid)'::regprocedure"))
                .as("search runs as the caller").isEqualTo(false);
        assertThat(db.scalar("SELECT pg_get_function_result('messaging.search_messages(text, uuid, uuid)'::regprocedure)"))
                .as("search result columns").isEqualTo("TABLE(id uuid, session_id uuid, content text, rank real)");
        assertThat(db.scalar("SELECT pg_get_function_result('messaging.archive_old_sessions(integer)'::regprocedure)"))
                .as("archive returns a count").isEqualTo("integer");
        assertThat(db.column("SELECT grantee FROM information_schema.routine_privileges WHERE routine_schema = 'messaging' "
                + "AND routine_name IN ('search_messages', 'archive_old_sessions', 'refresh_session_stats') AND grantee = 'PUBLIC'"))
                .as("no function executable by PUBLIC").isEmpty();
    }

    @Test
    void rls_is_enabled_on_every_table_and_partition_with_the_application_policy_names(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        for (String t : List.of("sessions", "sessions_active", "sessions_archived", "sessions_deleted", "messages", "message_feedback")) {
            assertThat(c.rowLevelSecurity(t)).as("RLS on %s", t).isTrue();
        }
        assertThat(c.policies(null).stream().map(p -> p.table() + ": " + p.name() + " (" + p.command() + " " + p.roles() + ")"))
                .as("policies").containsExactlyInAnyOrder(
                        "sessions: Users can view their own sessions (SELECT [authenticated])",
                        "sessions: Users can insert their own sessions (INSERT [authenticated])",
                        "sessions: Users can update their own sessions (UPDATE [authenticated])",
                        "sessions_active: Users can view their own sessions (SELECT [authenticated])",
                        "sessions_archived: Users can view their own sessions (SELECT [authenticated])",
                        "sessions_deleted: Users can view their own sessions (SELECT [authenticated])",
                        "messages: Users can view messages in their sessions (SELECT [authenticated])",
                        "messages: Users can insert messages in their sessions (INSERT [authenticated])",
                        "message_feedback: Users can view feedback for their messages (SELECT [authenticated])",
                        "message_feedback: Users can insert feedback for their messages (INSERT [authenticated])");
        assertThat(c.policies("messages").stream().filter(p -> p.command().equals("INSERT")).findFirst().orElseThrow().withCheck())
                .as("a message must carry the caller's id").contains("user_id = ( SELECT auth.uid()");
    }

    @Test
    void views_run_with_the_callers_rights_and_statistics_are_not_granted_to_api_roles(TestDatabase db) throws Exception {
        assertThat(db.scalar("SELECT array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'messaging.active_sessions'::regclass"))
                .as("active_sessions options").isEqualTo("security_invoker=true");
        assertThat(db.scalar("SELECT relkind::text FROM pg_class WHERE oid = 'messaging.session_stats'::regclass")).as("session_stats is materialized").isEqualTo("m");
        assertThat(db.scalar("SELECT relispopulated FROM pg_class WHERE oid = 'messaging.session_stats'::regclass")).as("created WITH DATA").isEqualTo(true);
        assertThat(db.catalog("messaging").columns("session_stats").stream().map(Column::name))
                .as("statistics columns").containsExactly("user_id", "status", "session_count", "last_activity", "languages_used", "levels_used");
        for (String role : List.of("anon", "authenticated")) {
            assertThat(db.scalar("SELECT has_table_privilege(?, 'messaging.session_stats', 'SELECT')", role)).as("%s reads session_stats", role).isEqualTo(false);
            assertThat(db.scalar("SELECT has_schema_privilege(?, 'messaging_backup', 'USAGE')", role)).as("%s reaches the backup schema", role).isEqualTo(false);
        }
        assertThat(db.scalar("SELECT has_schema_privilege('service_role', 'messaging_backup', 'USAGE')")).as("service_role reaches the backup schema").isEqualTo(false);
    }

    @Test
    void comments_describe_sessions_statistics_views_and_archiving(TestDatabase db) throws Exception {
        Catalog c = db.catalog("messaging");
        assertThat(c.tableComment("sessions")).as("sessions comment").hasValueSatisfying(v -> assertThat(v).startsWith("Partitioned table storing all chat sessions"));
        assertThat(c.tableComment("session_stats")).as("session_stats comment").isPresent();
        assertThat(c.tableComment("active_sessions")).as("active_sessions comment").isPresent();
        assertThat(db.scalar("SELECT obj_description('messaging.archive_old_sessions(integer)'::regprocedure, 'pg_proc')"))
                .as("archive_old_sessions comment").asString().contains("archived");
    }
}
