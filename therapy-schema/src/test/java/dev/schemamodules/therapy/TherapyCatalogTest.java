package dev.schemamodules.therapy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalog of the therapy schema against the domain facts: tables, columns, keys, checks, indexes, comments, triggers. */
@SchemaTest(modules = "therapy")
class TherapyCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/therapy.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "therapy");
    }

    static final List<String> TABLES_IN_CREATION_ORDER = List.of(
            "admins", "organizations", "users", "auth_credentials",
            "partners", "password_reset_tokens",
            "appointments", "video_sessions",
            "questionnaires", "questionnaire_questions", "questionnaire_answer_options",
            "user_partner_assignments", "user_questionnaire_assignments",
            "therapy_sessions",
            "user_questionnaire_responses", "user_questionnaire_text_responses", "session_questionnaire_assignments",
            "shared_charts");

    /**
     * table | column | type | NULL or NOT NULL | default ("serial" = nextval of the table's own id sequence, empty = none).
     * color_coding_scheme keeps the application's explicit DEFAULT NULL, which PostgreSQL stores as NULL::character varying.
     */
    private static final String COLUMNS = """
            admins | id | integer | NOT NULL | serial
            admins | name | character varying(255) | NOT NULL |
            admins | email | character varying(255) | NOT NULL |
            admins | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            organizations | id | integer | NOT NULL | serial
            organizations | name | character varying(255) | NOT NULL |
            organizations | date_of_creation | date | NOT NULL | CURRENT_DATE
            organizations | email | character varying(255) | NOT NULL |
            organizations | contact | character varying(50) | NOT NULL |
            organizations | address | text | NULL |
            organizations | photo_url | text | NULL |
            organizations | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            organizations | gst_no | character varying(50) | NULL |
            organizations | subscription_plan | character varying(50) | NULL |
            organizations | is_active | boolean | NULL | true
            organizations | deactivated_at | timestamp without time zone | NULL |
            organizations | deactivated_by | integer | NULL |
            organizations | video_sessions_enabled | boolean | NULL | true
            users | id | integer | NOT NULL | serial
            users | name | character varying(255) | NOT NULL |
            users | sex | character varying(20) | NOT NULL |
            users | age | integer | NOT NULL |
            users | email | character varying(255) | NULL |
            users | contact | character varying(50) | NOT NULL |
            users | address | text | NULL |
            users | photo_url | text | NULL |
            users | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            auth_credentials | id | integer | NOT NULL | serial
            auth_credentials | user_type | character varying(20) | NOT NULL |
            auth_credentials | reference_id | integer | NOT NULL |
            auth_credentials | email | character varying(255) | NOT NULL |
            auth_credentials | password_hash | text | NOT NULL |
            auth_credentials | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            partners | id | integer | NOT NULL | serial
            partners | partner_id | character varying(7) | NOT NULL |
            partners | name | character varying(255) | NOT NULL |
            partners | sex | character varying(20) | NOT NULL |
            partners | age | integer | NOT NULL |
            partners | email | character varying(255) | NULL |
            partners | contact | character varying(50) | NOT NULL |
            partners | address | text | NULL |
            partners | photo_url | text | NULL |
            partners | organization_id | integer | NOT NULL |
            partners | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            partners | is_active | boolean | NULL | true
            partners | email_verified | boolean | NULL | false
            partners | verification_token | character varying(255) | NULL |
            partners | verification_token_expires | timestamp without time zone | NULL |
            partners | deactivated_at | timestamp without time zone | NULL |
            partners | deactivated_by | integer | NULL |
            password_reset_tokens | id | integer | NOT NULL | serial
            password_reset_tokens | email | character varying(255) | NOT NULL |
            password_reset_tokens | token | character varying(255) | NOT NULL |
            password_reset_tokens | expires_at | timestamp without time zone | NOT NULL |
            password_reset_tokens | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            appointments | id | integer | NOT NULL | serial
            appointments | partner_id | integer | NOT NULL |
            appointments | user_id | integer | NOT NULL |
            appointments | title | character varying(255) | NOT NULL |
            appointments | appointment_date | timestamp without time zone | NOT NULL |
            appointments | end_date | timestamp without time zone | NOT NULL |
            appointments | duration_minutes | integer | NULL | 60
            appointments | status | character varying(20) | NULL | 'scheduled'::character varying
            appointments | notes | text | NULL |
            appointments | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            appointments | updated_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            video_sessions | id | integer | NOT NULL | serial
            video_sessions | partner_id | integer | NOT NULL |
            video_sessions | user_id | integer | NOT NULL |
            video_sessions | title | character varying(255) | NOT NULL |
            video_sessions | session_date | timestamp without time zone | NOT NULL |
            video_sessions | end_date | timestamp without time zone | NOT NULL |
            video_sessions | duration_minutes | integer | NULL | 60
            video_sessions | meeting_room_id | character varying(255) | NOT NULL |
            video_sessions | password | character varying(255) | NULL |
            video_sessions | password_enabled | boolean | NULL | true
            video_sessions | status | character varying(20) | NULL | 'scheduled'::character varying
            video_sessions | notes | text | NULL |
            video_sessions | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            video_sessions | updated_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            questionnaires | id | integer | NOT NULL | serial
            questionnaires | partner_id | integer | NOT NULL |
            questionnaires | name | character varying(255) | NOT NULL |
            questionnaires | description | text | NULL |
            questionnaires | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            questionnaires | updated_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            questionnaires | has_text_field | boolean | NULL | false
            questionnaires | text_field_label | character varying(500) | NULL |
            questionnaires | text_field_placeholder | text | NULL |
            questionnaires | color_coding_scheme | character varying(10) | NULL | NULL::character varying
            questionnaire_questions | id | integer | NOT NULL | serial
            questionnaire_questions | questionnaire_id | integer | NOT NULL |
            questionnaire_questions | question_text | text | NOT NULL |
            questionnaire_questions | question_order | integer | NOT NULL | 0
            questionnaire_questions | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            questionnaire_questions | sub_heading | character varying(255) | NULL |
            questionnaire_answer_options | id | integer | NOT NULL | serial
            questionnaire_answer_options | question_id | integer | NOT NULL |
            questionnaire_answer_options | option_text | character varying(255) | NOT NULL |
            questionnaire_answer_options | option_value | integer | NOT NULL |
            questionnaire_answer_options | option_order | integer | NOT NULL | 0
            user_partner_assignments | user_id | integer | NOT NULL |
            user_partner_assignments | partner_id | integer | NOT NULL |
            user_partner_assignments | assigned_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            user_questionnaire_assignments | id | integer | NOT NULL | serial
            user_questionnaire_assignments | questionnaire_id | integer | NOT NULL |
            user_questionnaire_assignments | user_id | integer | NOT NULL |
            user_questionnaire_assignments | partner_id | integer | NOT NULL |
            user_questionnaire_assignments | assigned_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            user_questionnaire_assignments | status | character varying(20) | NULL | 'pending'::character varying
            user_questionnaire_assignments | completed_at | timestamp without time zone | NULL |
            therapy_sessions | id | integer | NOT NULL | serial
            therapy_sessions | appointment_id | integer | NULL |
            therapy_sessions | partner_id | integer | NOT NULL |
            therapy_sessions | user_id | integer | NOT NULL |
            therapy_sessions | session_title | character varying(255) | NOT NULL |
            therapy_sessions | session_notes | text | NULL |
            therapy_sessions | payment_notes | text | NULL |
            therapy_sessions | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            therapy_sessions | updated_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            therapy_sessions | session_date | timestamp without time zone | NOT NULL |
            therapy_sessions | session_duration | integer | NULL |
            therapy_sessions | video_session_id | integer | NULL |
            user_questionnaire_responses | id | integer | NOT NULL | serial
            user_questionnaire_responses | assignment_id | integer | NOT NULL |
            user_questionnaire_responses | question_id | integer | NOT NULL |
            user_questionnaire_responses | answer_option_id | integer | NOT NULL |
            user_questionnaire_responses | response_value | integer | NOT NULL |
            user_questionnaire_responses | session_id | integer | NULL |
            user_questionnaire_responses | responded_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            user_questionnaire_text_responses | id | integer | NOT NULL | serial
            user_questionnaire_text_responses | assignment_id | integer | NOT NULL |
            user_questionnaire_text_responses | text_response | text | NULL |
            user_questionnaire_text_responses | responded_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            session_questionnaire_assignments | id | integer | NOT NULL | serial
            session_questionnaire_assignments | therapy_session_id | integer | NOT NULL |
            session_questionnaire_assignments | user_questionnaire_assignment_id | integer | NOT NULL |
            session_questionnaire_assignments | assigned_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            shared_charts | id | integer | NOT NULL | serial
            shared_charts | partner_id | integer | NOT NULL |
            shared_charts | user_id | integer | NOT NULL |
            shared_charts | chart_type | character varying(50) | NOT NULL |
            shared_charts | selected_sessions | text | NULL |
            shared_charts | sent_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            shared_charts | created_at | timestamp without time zone | NULL | CURRENT_TIMESTAMP
            shared_charts | questionnaire_id | integer | NULL |
            shared_charts | selected_assignments | text | NULL |
            shared_charts | chart_display_type | character varying(20) | NULL | 'radar'::character varying
            """;

    /** name | table(columns) -> referenced(columns) | ON DELETE | ON UPDATE. */
    private static final String FOREIGN_KEYS = """
            organizations_deactivated_by_fkey | organizations(deactivated_by) -> admins(id) | SET NULL | NO ACTION
            partners_organization_id_fkey | partners(organization_id) -> organizations(id) | CASCADE | NO ACTION
            partners_deactivated_by_fkey | partners(deactivated_by) -> organizations(id) | SET NULL | NO ACTION
            fk_password_reset_email | password_reset_tokens(email) -> auth_credentials(email) | CASCADE | CASCADE
            appointments_partner_id_fkey | appointments(partner_id) -> partners(id) | CASCADE | NO ACTION
            appointments_user_id_fkey | appointments(user_id) -> users(id) | CASCADE | NO ACTION
            video_sessions_partner_id_fkey | video_sessions(partner_id) -> partners(id) | CASCADE | NO ACTION
            video_sessions_user_id_fkey | video_sessions(user_id) -> users(id) | CASCADE | NO ACTION
            questionnaires_partner_id_fkey | questionnaires(partner_id) -> partners(id) | CASCADE | NO ACTION
            questionnaire_questions_questionnaire_id_fkey | questionnaire_questions(questionnaire_id) -> questionnaires(id) | CASCADE | NO ACTION
            questionnaire_answer_options_question_id_fkey | questionnaire_answer_options(question_id) -> questionnaire_questions(id) | CASCADE | NO ACTION
            user_partner_assignments_user_id_fkey | user_partner_assignments(user_id) -> users(id) | CASCADE | NO ACTION
            user_partner_assignments_partner_id_fkey | user_partner_assignments(partner_id) -> partners(id) | CASCADE | NO ACTION
            user_questionnaire_assignments_questionnaire_id_fkey | user_questionnaire_assignments(questionnaire_id) -> questionnaires(id) | CASCADE | NO ACTION
            user_questionnaire_assignments_user_id_fkey | user_questionnaire_assignments(user_id) -> users(id) | CASCADE | NO ACTION
            user_questionnaire_assignments_partner_id_fkey | user_questionnaire_assignments(partner_id) -> partners(id) | CASCADE | NO ACTION
            therapy_sessions_appointment_id_fkey | therapy_sessions(appointment_id) -> appointments(id) | SET NULL | NO ACTION
            therapy_sessions_partner_id_fkey | therapy_sessions(partner_id) -> partners(id) | CASCADE | NO ACTION
            therapy_sessions_user_id_fkey | therapy_sessions(user_id) -> users(id) | CASCADE | NO ACTION
            therapy_sessions_video_session_id_fkey | therapy_sessions(video_session_id) -> video_sessions(id) | SET NULL | NO ACTION
            user_questionnaire_responses_assignment_id_fkey | user_questionnaire_responses(assignment_id) -> user_questionnaire_assignments(id) | CASCADE | NO ACTION
            user_questionnaire_responses_question_id_fkey | user_questionnaire_responses(question_id) -> questionnaire_questions(id) | CASCADE | NO ACTION
            user_questionnaire_responses_answer_option_id_fkey | user_questionnaire_responses(answer_option_id) -> questionnaire_answer_options(id) | CASCADE | NO ACTION
            user_questionnaire_responses_session_id_fkey | user_questionnaire_responses(session_id) -> therapy_sessions(id) | SET NULL | NO ACTION
            user_questionnaire_text_responses_assignment_id_fkey | user_questionnaire_text_responses(assignment_id) -> user_questionnaire_assignments(id) | CASCADE | NO ACTION
            session_questionnaire_assignments_therapy_session_id_fkey | session_questionnaire_assignments(therapy_session_id) -> therapy_sessions(id) | CASCADE | NO ACTION
            session_questionnaire_assignm_user_questionnaire_assignmen_fkey | session_questionnaire_assignments(user_questionnaire_assignment_id) -> user_questionnaire_assignments(id) | CASCADE | NO ACTION
            shared_charts_partner_id_fkey | shared_charts(partner_id) -> partners(id) | CASCADE | NO ACTION
            shared_charts_user_id_fkey | shared_charts(user_id) -> users(id) | CASCADE | NO ACTION
            shared_charts_questionnaire_id_fkey | shared_charts(questionnaire_id) -> questionnaires(id) | CASCADE | NO ACTION
            """;

    /** index name | table | indexed columns (and predicate), as pg_get_indexdef prints them after USING. */
    private static final String INDEXES = """
            idx_admins_email | admins | btree (email)
            idx_organizations_is_active | organizations | btree (is_active)
            idx_organizations_video_sessions_enabled | organizations | btree (video_sessions_enabled)
            idx_organizations_deactivated_by | organizations | btree (deactivated_by)
            idx_auth_credentials_email | auth_credentials | btree (email)
            idx_partners_organization | partners | btree (organization_id)
            idx_partners_partner_id | partners | btree (partner_id)
            idx_partners_is_active | partners | btree (is_active)
            idx_partners_email_verified | partners | btree (email_verified)
            idx_partners_verification_token | partners | btree (verification_token)
            idx_partners_deactivated_by | partners | btree (deactivated_by)
            idx_password_reset_token | password_reset_tokens | btree (token)
            idx_password_reset_email | password_reset_tokens | btree (email)
            idx_appointments_partner | appointments | btree (partner_id)
            idx_appointments_user | appointments | btree (user_id)
            idx_appointments_date | appointments | btree (appointment_date)
            idx_appointments_status | appointments | btree (status)
            idx_video_sessions_partner | video_sessions | btree (partner_id)
            idx_video_sessions_user | video_sessions | btree (user_id)
            idx_video_sessions_date | video_sessions | btree (session_date)
            idx_video_sessions_status | video_sessions | btree (status)
            idx_video_sessions_meeting_room | video_sessions | btree (meeting_room_id)
            idx_video_sessions_partner_user | video_sessions | btree (partner_id, user_id)
            idx_questionnaires_partner_id | questionnaires | btree (partner_id)
            idx_questionnaires_created_at | questionnaires | btree (created_at)
            idx_questionnaire_questions_questionnaire_id | questionnaire_questions | btree (questionnaire_id)
            idx_questionnaire_questions_order | questionnaire_questions | btree (questionnaire_id, question_order)
            idx_questionnaire_questions_sub_heading | questionnaire_questions | btree (questionnaire_id, sub_heading)
            idx_questionnaire_answer_options_question_id | questionnaire_answer_options | btree (question_id)
            idx_questionnaire_answer_options_order | questionnaire_answer_options | btree (question_id, option_order)
            idx_user_partner_assignments_partner_id | user_partner_assignments | btree (partner_id)
            idx_user_questionnaire_assignments_user_id | user_questionnaire_assignments | btree (user_id)
            idx_user_questionnaire_assignments_partner_id | user_questionnaire_assignments | btree (partner_id)
            idx_user_questionnaire_assignments_questionnaire_id | user_questionnaire_assignments | btree (questionnaire_id)
            idx_user_questionnaire_assignments_status | user_questionnaire_assignments | btree (status)
            idx_user_questionnaire_assignments_assigned_at | user_questionnaire_assignments | btree (assigned_at)
            idx_therapy_sessions_appointment | therapy_sessions | btree (appointment_id)
            idx_therapy_sessions_partner | therapy_sessions | btree (partner_id)
            idx_therapy_sessions_user | therapy_sessions | btree (user_id)
            idx_therapy_sessions_created | therapy_sessions | btree (created_at)
            idx_therapy_sessions_video_session | therapy_sessions | btree (video_session_id)
            idx_therapy_sessions_unique_appointment | therapy_sessions | btree (appointment_id) WHERE (appointment_id IS NOT NULL)
            idx_user_questionnaire_responses_assignment_id | user_questionnaire_responses | btree (assignment_id)
            idx_user_questionnaire_responses_question_id | user_questionnaire_responses | btree (question_id)
            idx_user_questionnaire_responses_session_id | user_questionnaire_responses | btree (session_id)
            idx_user_questionnaire_responses_responded_at | user_questionnaire_responses | btree (responded_at)
            idx_user_questionnaire_responses_answer_option_id | user_questionnaire_responses | btree (answer_option_id)
            idx_user_questionnaire_text_responses_assignment_id | user_questionnaire_text_responses | btree (assignment_id)
            idx_session_questionnaire_session | session_questionnaire_assignments | btree (therapy_session_id)
            idx_session_questionnaire_assignment | session_questionnaire_assignments | btree (user_questionnaire_assignment_id)
            idx_shared_charts_user | shared_charts | btree (user_id)
            idx_shared_charts_partner | shared_charts | btree (partner_id)
            idx_shared_charts_partner_user | shared_charts | btree (partner_id, user_id)
            idx_shared_charts_questionnaire | shared_charts | btree (questionnaire_id)
            """;

    private static List<String[]> rows(String text) {
        List<String[]> out = new ArrayList<>();
        for (String line : text.strip().split("\n")) {
            String[] parts = line.split("\\|", -1);
            for (int i = 0; i < parts.length; i++) {
                parts[i] = parts[i].strip();
            }
            out.add(parts);
        }
        return out;
    }

    @Test
    void schema_holds_exactly_the_18_tables_and_nothing_else(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        assertThat(catalog.tables()).as("the 18 tables of the document").hasSize(18)
                .containsExactlyInAnyOrderElementsOf(TABLES_IN_CREATION_ORDER);
        assertThat(catalog.views()).as("no views").isEmpty();
        assertThat(catalog.enums()).as("no enums: CHECK lists on text columns").isEmpty();
        for (String table : TABLES_IN_CREATION_ORDER) {
            assertThat(catalog.rowLevelSecurity(table)).as("no RLS on %s", table).isFalse();
        }
    }

    @Test
    void every_table_has_exactly_the_specified_columns_types_nullability_and_defaults(TestDatabase db) throws Exception {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String[] r : rows(COLUMNS)) {
            expected.computeIfAbsent(r[0], t -> new ArrayList<>()).add(r[1] + " | " + r[2] + " | " + r[3] + " | " + r[4]);
        }
        assertThat(expected.keySet()).as("the column list covers every table").containsExactlyElementsOf(TABLES_IN_CREATION_ORDER);
        Catalog catalog = db.catalog("therapy");
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            String table = e.getKey();
            List<String> actual = new ArrayList<>();
            for (Catalog.Column c : catalog.columns(table)) {
                String def = c.defaultExpression();
                if (def == null) {
                    def = "";
                } else if (def.startsWith("nextval(") && def.contains(table + "_id_seq")) {
                    def = "serial";
                }
                actual.add(c.name() + " | " + c.type() + " | " + (c.nullable() ? "NULL" : "NOT NULL") + " | " + def);
            }
            assertThat(actual).as("columns of %s in order: name | type | nullability | default", table).containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void serial_ids_own_their_sequences(TestDatabase db) throws Exception {
        for (String table : TABLES_IN_CREATION_ORDER) {
            if (table.equals("user_partner_assignments")) {
                assertThat(db.catalog("therapy").column(table, "id")).as("user_partner_assignments has a composite key, no id").isEmpty();
            } else {
                assertThat(db.scalar("SELECT pg_get_serial_sequence(?, 'id')", "therapy." + table)).as("sequence owned by %s.id", table).isEqualTo("therapy." + table + "_id_seq");
            }
        }
    }

    @Test
    void primary_keys_carry_the_default_names_and_columns(TestDatabase db) throws Exception {
        List<String> actual = db.catalog("therapy").constraints(null).stream().filter(c -> c.type().equals("p"))
                .map(c -> c.name() + " " + c.definition()).toList();
        List<String> expected = TABLES_IN_CREATION_ORDER.stream()
                .map(t -> t + "_pkey " + (t.equals("user_partner_assignments") ? "PRIMARY KEY (user_id, partner_id)" : "PRIMARY KEY (id)")).toList();
        assertThat(actual).as("one primary key per table, named <table>_pkey").containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void every_foreign_key_has_its_columns_target_and_delete_action(TestDatabase db) throws Exception {
        List<String> expected = rows(FOREIGN_KEYS).stream().map(r -> String.join(" | ", r)).toList();
        List<String> actual = db.catalog("therapy").foreignKeys(null).stream()
                .map(f -> f.name() + " | " + f.table() + "(" + String.join(", ", f.columns()) + ") -> " + f.referencedTable() + "("
                        + String.join(", ", f.referencedColumns()) + ") | " + f.onDelete() + " | " + f.onUpdate())
                .toList();
        assertThat(actual).as("every foreign key: name | columns -> target | ON DELETE | ON UPDATE").containsExactlyInAnyOrderElementsOf(expected);
        assertThat(db.catalog("therapy").foreignKeys(null)).as("every foreign key stays inside the module's schema")
                .allSatisfy(f -> assertThat(f.referencedSchema()).isEqualTo("therapy"));
    }

    @Test
    void no_foreign_key_is_left_without_a_deliberate_delete_action(TestDatabase db) throws Exception {
        assertThat(db.catalog("therapy").foreignKeys(null)).as("CASCADE or SET NULL everywhere (deactivated_by fixed to SET NULL)")
                .allSatisfy(f -> assertThat(f.onDelete()).as(f.name()).isIn("CASCADE", "SET NULL"));
    }

    @Test
    void auth_credentials_reference_id_has_no_foreign_key_by_design(TestDatabase db) throws Exception {
        assertThat(db.catalog("therapy").foreignKeys("auth_credentials")).as("polymorphic reference_id, no FK").isEmpty();
    }

    @Test
    void unique_constraints_carry_the_default_names(TestDatabase db) throws Exception {
        List<String> actual = db.catalog("therapy").constraints(null).stream().filter(c -> c.type().equals("u"))
                .map(c -> c.name() + " " + c.definition()).toList();
        assertThat(actual).as("every UNIQUE constraint").containsExactlyInAnyOrder(
                "admins_email_key UNIQUE (email)",
                "organizations_email_key UNIQUE (email)",
                "auth_credentials_email_key UNIQUE (email)",
                "partners_partner_id_key UNIQUE (partner_id)",
                "password_reset_tokens_token_key UNIQUE (token)",
                "video_sessions_meeting_room_id_key UNIQUE (meeting_room_id)",
                "session_questionnaire_assignm_therapy_session_id_user_quest_key UNIQUE (therapy_session_id, user_questionnaire_assignment_id)");
    }

    @Test
    void check_constraints_exist_under_their_default_names(TestDatabase db) throws Exception {
        List<String> actual = db.catalog("therapy").constraints(null).stream().filter(c -> c.type().equals("c"))
                .map(c -> c.table() + "." + c.name()).toList();
        assertThat(actual).as("every CHECK constraint").containsExactlyInAnyOrder(
                "organizations.organizations_subscription_plan_check",
                "users.users_sex_check",
                "users.users_age_check",
                "auth_credentials.auth_credentials_user_type_check",
                "partners.partners_sex_check",
                "partners.partners_age_check",
                "appointments.appointments_status_check",
                "video_sessions.video_sessions_status_check",
                "questionnaires.questionnaires_color_coding_scheme_check",
                "user_questionnaire_assignments.user_questionnaire_assignments_status_check",
                "shared_charts.shared_charts_chart_type_check",
                "shared_charts.shared_charts_chart_display_type_check");
    }

    @Test
    void color_coding_scheme_check_allows_null_explicitly_instead_of_listing_it(TestDatabase db) throws Exception {
        String def = db.catalog("therapy").constraints("questionnaires").stream()
                .filter(c -> c.name().equals("questionnaires_color_coding_scheme_check")).findFirst().orElseThrow().definition();
        assertThat(def).as("NULL or one of the two schemes").contains("color_coding_scheme IS NULL").contains("'4-point'").contains("'5-point'")
                .doesNotContain("NULL::character varying");
    }

    @Test
    void every_listed_index_exists_under_its_name_on_its_table(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        Map<String, String> all = catalog.indexes(null);
        for (String[] r : rows(INDEXES)) {
            assertThat(catalog.indexes(r[1])).as("index %s on %s", r[0], r[1]).containsKey(r[0]);
            assertThat(all.get(r[0])).as("definition of %s", r[0]).endsWith(" USING " + r[2]);
        }
        assertThat(all.get("idx_therapy_sessions_unique_appointment")).as("partial unique index")
                .startsWith("CREATE UNIQUE INDEX idx_therapy_sessions_unique_appointment ON therapy.therapy_sessions");
        List<String> constraintIndexes = catalog.constraints(null).stream().filter(c -> c.type().equals("p") || c.type().equals("u"))
                .map(Catalog.Constraint::name).toList();
        List<String> listed = rows(INDEXES).stream().map(r -> r[0]).toList();
        assertThat(all.keySet()).as("no index beyond the listed ones and those of primary keys and unique constraints")
                .containsExactlyInAnyOrderElementsOf(concat(listed, constraintIndexes));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    @Test
    void every_table_has_a_comment(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        for (String table : TABLES_IN_CREATION_ORDER) {
            assertThat(catalog.tableComment(table)).as("comment on table %s", table).isPresent().get(org.assertj.core.api.InstanceOfAssertFactories.STRING)
                    .isNotBlank();
        }
    }

    @Test
    void important_columns_carry_comments(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        List<String> commented = new ArrayList<>(List.of(
                "organizations.is_active", "organizations.deactivated_at", "organizations.deactivated_by", "organizations.gst_no",
                "organizations.subscription_plan", "organizations.video_sessions_enabled",
                "partners.is_active", "partners.email_verified", "partners.verification_token", "partners.verification_token_expires",
                "partners.deactivated_at", "partners.deactivated_by",
                "video_sessions.meeting_room_id", "video_sessions.password", "video_sessions.password_enabled",
                "questionnaires.color_coding_scheme", "questionnaire_questions.sub_heading",
                "auth_credentials.reference_id",
                "session_questionnaire_assignments.therapy_session_id", "session_questionnaire_assignments.user_questionnaire_assignment_id",
                "session_questionnaire_assignments.assigned_at",
                "shared_charts.questionnaire_id", "shared_charts.selected_assignments", "shared_charts.chart_display_type"));
        for (Catalog.Column c : catalog.columns("therapy_sessions")) {
            commented.add("therapy_sessions." + c.name());
        }
        for (String tc : commented) {
            String[] p = tc.split("\\.");
            assertThat(catalog.columnComment(p[0], p[1])).as("comment on column %s", tc).isPresent();
        }
        assertThat(db.scalar("SELECT obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'fk_password_reset_email'"))
                .as("the reset-token FK carries a comment").isNotNull();
    }

    @Test
    void updated_at_triggers_exist_on_questionnaires_appointments_video_and_therapy_sessions(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        assertThat(catalog.triggers("questionnaires")).as("application trigger").contains("trigger_update_questionnaires_updated_at");
        assertThat(catalog.triggers("appointments")).as("module addition").contains("trigger_update_appointments_updated_at");
        assertThat(catalog.triggers("video_sessions")).as("module addition").contains("trigger_update_video_sessions_updated_at");
        assertThat(catalog.triggers("therapy_sessions")).as("module addition").contains("trigger_update_therapy_sessions_updated_at");
        assertThat(db.column("""
                SELECT g.tgname || ' ' || pn.nspname || '.' || p.proname || ' ' || g.tgtype FROM pg_trigger g
                JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace
                WHERE c.relnamespace = 'therapy'::regnamespace AND NOT g.tgisinternal ORDER BY 1"""))
                .as("BEFORE UPDATE FOR EACH ROW (tgtype 19) triggers and their functions").containsExactly(
                        "trigger_update_appointments_updated_at platform.set_updated_at 19",
                        "trigger_update_questionnaires_updated_at therapy.update_questionnaires_updated_at 19",
                        "trigger_update_therapy_sessions_updated_at platform.set_updated_at 19",
                        "trigger_update_video_sessions_updated_at platform.set_updated_at 19");
    }

    @Test
    void the_named_trigger_function_exists_and_pins_search_path(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("therapy");
        assertThat(catalog.functions()).as("the module's only function").hasSize(1).allMatch(f -> f.contains("update_questionnaires_updated_at"));
        assertThat(catalog.functionsWithoutPinnedSearchPath()).as("every function pins search_path").isEmpty();
        assertThat(db.scalar("SELECT prorettype::regtype::text FROM pg_proc WHERE oid = 'therapy.update_questionnaires_updated_at()'::regprocedure"))
                .as("returns trigger, no arguments").isEqualTo("trigger");
    }
}
