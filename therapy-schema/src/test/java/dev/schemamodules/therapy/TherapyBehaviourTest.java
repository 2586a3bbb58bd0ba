package dev.schemamodules.therapy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The "behaviour to prove" of the therapy domain, on real rows. */
@SchemaTest(modules = "therapy")
class TherapyBehaviourTest {

    private static final String CHECK_VIOLATION = "23514";
    private static final String UNIQUE_VIOLATION = "23505";
    private static final String VALUE_TOO_LONG = "22001";

    private static void assertRejected(TestDatabase db, String sqlState, String constraint, String sql, Object... params) {
        assertThatThrownBy(() -> db.update(sql, params)).as("%s rejects: %s %s", constraint, sql, java.util.Arrays.toString(params))
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).as("SQLSTATE").isEqualTo(sqlState))
                .hasMessageContaining(constraint);
    }

    private static void assertAccepted(TestDatabase db, String sql, Object... params) {
        assertThatCode(() -> db.update(sql, params)).as("accepted: %s %s", sql, java.util.Arrays.toString(params)).doesNotThrowAnyException();
    }

    // ---- cascades and SET NULL -------------------------------------------------------------------

    @Test
    void deleting_partner_cascades_to_everything_the_partner_owns(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();

        assertThat(db.update("DELETE FROM therapy.partners WHERE id = ?", w.partner())).isEqualTo(1);

        assertThat(f.count("appointments", "partner_id = ?", w.partner())).as("appointments").isZero();
        assertThat(f.count("video_sessions", "partner_id = ?", w.partner())).as("video_sessions").isZero();
        assertThat(f.count("questionnaires", "partner_id = ?", w.partner())).as("questionnaires").isZero();
        assertThat(f.count("questionnaire_questions", "id = ?", w.question())).as("questions of the questionnaires").isZero();
        assertThat(f.count("questionnaire_answer_options", "id = ?", w.option())).as("answer options of the questions").isZero();
        assertThat(f.count("user_partner_assignments", "partner_id = ?", w.partner())).as("user_partner_assignments").isZero();
        assertThat(f.count("user_questionnaire_assignments", "partner_id = ?", w.partner())).as("questionnaire assignments").isZero();
        assertThat(f.count("user_questionnaire_responses", "id = ?", w.response())).as("responses").isZero();
        assertThat(f.count("user_questionnaire_text_responses", "id = ?", w.textResponse())).as("text responses").isZero();
        assertThat(f.count("therapy_sessions", "partner_id = ?", w.partner())).as("therapy_sessions").isZero();
        assertThat(f.count("session_questionnaire_assignments", "id = ?", w.sessionLink())).as("session links").isZero();
        assertThat(f.count("shared_charts", "partner_id = ?", w.partner())).as("shared_charts").isZero();
        assertThat(f.count("users", "id = ?", w.user())).as("the client stays").isOne();
        assertThat(f.count("organizations", "id = ?", w.organization())).as("the organization stays").isOne();
    }

    @Test
    void deleting_organization_removes_its_partners_and_everything_under_them(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();
        int secondPartner = f.partner(w.organization());
        f.appointment(secondPartner, w.user());

        assertThat(db.update("DELETE FROM therapy.organizations WHERE id = ?", w.organization())).isEqualTo(1);

        assertThat(f.count("partners", "organization_id = ?", w.organization())).as("partners of the organization").isZero();
        assertThat(f.count("appointments", "partner_id IN (?, ?)", w.partner(), secondPartner)).as("appointments").isZero();
        assertThat(f.count("video_sessions", "id = ?", w.videoSession())).as("video_sessions").isZero();
        assertThat(f.count("questionnaires", "id = ?", w.questionnaire())).as("questionnaires").isZero();
        assertThat(f.count("questionnaire_answer_options", "id = ?", w.option())).as("answer options").isZero();
        assertThat(f.count("user_questionnaire_assignments", "id = ?", w.assignment())).as("assignments").isZero();
        assertThat(f.count("therapy_sessions", "id = ?", w.therapySession())).as("therapy sessions").isZero();
        assertThat(f.count("shared_charts", "id = ?", w.chart())).as("shared charts").isZero();
        assertThat(f.count("users", "id = ?", w.user())).as("the client stays").isOne();
    }

    @Test
    void deleting_user_cascades_to_everything_about_the_user(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();

        assertThat(db.update("DELETE FROM therapy.users WHERE id = ?", w.user())).isEqualTo(1);

        assertThat(f.count("appointments", "user_id = ?", w.user())).as("appointments").isZero();
        assertThat(f.count("video_sessions", "user_id = ?", w.user())).as("video_sessions").isZero();
        assertThat(f.count("user_partner_assignments", "user_id = ?", w.user())).as("user_partner_assignments").isZero();
        assertThat(f.count("user_questionnaire_assignments", "user_id = ?", w.user())).as("questionnaire assignments").isZero();
        assertThat(f.count("user_questionnaire_responses", "assignment_id = ?", w.assignment())).as("responses").isZero();
        assertThat(f.count("user_questionnaire_text_responses", "assignment_id = ?", w.assignment())).as("text responses").isZero();
        assertThat(f.count("therapy_sessions", "user_id = ?", w.user())).as("therapy_sessions").isZero();
        assertThat(f.count("session_questionnaire_assignments", "id = ?", w.sessionLink())).as("session links").isZero();
        assertThat(f.count("shared_charts", "user_id = ?", w.user())).as("shared_charts").isZero();
        assertThat(f.count("partners", "id = ?", w.partner())).as("the partner stays").isOne();
        assertThat(f.count("questionnaires", "id = ?", w.questionnaire())).as("the partner's questionnaire stays").isOne();
    }

    @Test
    void deleting_appointment_sets_therapy_session_appointment_to_null_and_keeps_the_session(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();

        db.update("DELETE FROM therapy.appointments WHERE id = ?", w.appointment());

        Map<String, Object> session = db.query("SELECT appointment_id, session_notes FROM therapy.therapy_sessions WHERE id = ?", w.therapySession()).get(0);
        assertThat(session.get("appointment_id")).as("appointment_id set to NULL").isNull();
        assertThat(session.get("session_notes")).as("clinical notes survive").isEqualTo("clinical notes");
    }

    @Test
    void deleting_video_session_sets_therapy_session_video_session_to_null(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();

        db.update("DELETE FROM therapy.video_sessions WHERE id = ?", w.videoSession());

        assertThat(f.count("therapy_sessions", "id = ?", w.therapySession())).as("the session remains").isOne();
        assertThat(db.scalar("SELECT video_session_id FROM therapy.therapy_sessions WHERE id = ?", w.therapySession())).as("video_session_id").isNull();
    }

    @Test
    void deleting_therapy_session_nulls_response_session_and_deletes_its_questionnaire_links(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();

        db.update("DELETE FROM therapy.therapy_sessions WHERE id = ?", w.therapySession());

        assertThat(f.count("user_questionnaire_responses", "id = ?", w.response())).as("the response remains").isOne();
        assertThat(db.scalar("SELECT session_id FROM therapy.user_questionnaire_responses WHERE id = ?", w.response())).as("session_id").isNull();
        assertThat(f.count("session_questionnaire_assignments", "id = ?", w.sessionLink())).as("the link is deleted").isZero();
        assertThat(f.count("user_questionnaire_assignments", "id = ?", w.assignment())).as("the assignment itself remains").isOne();
    }

    @Test
    void deleting_auth_credential_deletes_its_reset_tokens(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        String email = "cred" + TherapyFixture.next() + "@example.org";
        int credential = f.credential(email);
        f.resetToken(email);
        f.resetToken(email);

        db.update("DELETE FROM therapy.auth_credentials WHERE id = ?", credential);

        assertThat(f.count("password_reset_tokens", "email = ?", email)).as("tokens of the deleted credential").isZero();
    }

    @Test
    void changing_credential_email_carries_its_reset_tokens_along(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        String email = "old" + TherapyFixture.next() + "@example.org";
        String newEmail = "new" + TherapyFixture.next() + "@example.org";
        int credential = f.credential(email);
        int token = f.resetToken(email);

        db.update("UPDATE therapy.auth_credentials SET email = ? WHERE id = ?", newEmail, credential);

        assertThat(db.scalar("SELECT email FROM therapy.password_reset_tokens WHERE id = ?", token)).as("token follows the new e-mail").isEqualTo(newEmail);
    }

    @Test
    void deleting_admin_who_deactivated_an_organization_succeeds_and_nulls_deactivated_by(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int admin = f.admin();
        int org = f.organization();
        db.update("UPDATE therapy.organizations SET is_active = false, deactivated_at = localtimestamp, deactivated_by = ? WHERE id = ?", admin, org);

        assertThat(db.update("DELETE FROM therapy.admins WHERE id = ?", admin)).as("admin deleted").isEqualTo(1);

        Map<String, Object> row = db.query("SELECT is_active, deactivated_by FROM therapy.organizations WHERE id = ?", org).get(0);
        assertThat(row.get("deactivated_by")).as("deactivated_by").isNull();
        assertThat(row.get("is_active")).as("the organization stays deactivated").isEqualTo(false);
    }

    @Test
    void deleting_organization_that_deactivated_a_partner_succeeds_and_nulls_deactivated_by(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int employer = f.organization();
        int deactivator = f.organization();
        int partner = f.partner(employer);
        db.update("UPDATE therapy.partners SET is_active = false, deactivated_at = localtimestamp, deactivated_by = ? WHERE id = ?", deactivator, partner);

        assertThat(db.update("DELETE FROM therapy.organizations WHERE id = ?", deactivator)).as("organization deleted").isEqualTo(1);

        assertThat(f.count("partners", "id = ?", partner)).as("the partner of another organization stays").isOne();
        assertThat(db.scalar("SELECT deactivated_by FROM therapy.partners WHERE id = ?", partner)).as("deactivated_by").isNull();
    }

    // ---- CHECK constraints ------------------------------------------------------------------------

    @Test
    void sex_accepts_the_three_values_and_rejects_m(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int org = f.organization();
        for (String sex : new String[] {"Male", "Female", "Others"}) {
            assertAccepted(db, "INSERT INTO therapy.users (name, sex, age, contact) VALUES ('u', ?, 30, 'c')", sex);
            assertAccepted(db, "INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES (?, 'p', ?, 30, 'c', ?)",
                    TherapyFixture.partnerCode(), sex, org);
        }
        assertRejected(db, CHECK_VIOLATION, "users_sex_check", "INSERT INTO therapy.users (name, sex, age, contact) VALUES ('u', 'M', 30, 'c')");
        assertRejected(db, CHECK_VIOLATION, "partners_sex_check",
                "INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES (?, 'p', 'M', 30, 'c', ?)",
                TherapyFixture.partnerCode(), org);
    }

    @Test
    void age_must_be_greater_than_zero(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int org = f.organization();
        assertAccepted(db, "INSERT INTO therapy.users (name, sex, age, contact) VALUES ('u', 'Male', 1, 'c')");
        for (int age : new int[] {0, -1}) {
            assertRejected(db, CHECK_VIOLATION, "users_age_check", "INSERT INTO therapy.users (name, sex, age, contact) VALUES ('u', 'Male', ?, 'c')", age);
            assertRejected(db, CHECK_VIOLATION, "partners_age_check",
                    "INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES (?, 'p', 'Male', ?, 'c', ?)",
                    TherapyFixture.partnerCode(), age, org);
        }
    }

    @Test
    void user_type_accepts_the_four_principal_kinds_and_rejects_guest(TestDatabase db) throws Exception {
        for (String type : new String[] {"user", "partner", "organization", "admin"}) {
            assertAccepted(db, "INSERT INTO therapy.auth_credentials (user_type, reference_id, email, password_hash) VALUES (?, 1, ?, 'h')",
                    type, type + TherapyFixture.next() + "@example.org");
        }
        assertRejected(db, CHECK_VIOLATION, "auth_credentials_user_type_check",
                "INSERT INTO therapy.auth_credentials (user_type, reference_id, email, password_hash) VALUES ('guest', 1, ?, 'h')",
                "guest" + TherapyFixture.next() + "@example.org");
    }

    @Test
    void subscription_plan_accepts_the_six_plans_and_null_and_rejects_gold(TestDatabase db) throws Exception {
        for (String plan : new String[] {"basic", "basic_silver", "basic_gold", "pro_silver", "pro_gold", "pro_platinum", null}) {
            assertAccepted(db, "INSERT INTO therapy.organizations (name, email, contact, subscription_plan) VALUES ('o', ?, 'c', ?)",
                    "plan" + TherapyFixture.next() + "@example.org", plan);
        }
        assertRejected(db, CHECK_VIOLATION, "organizations_subscription_plan_check",
                "INSERT INTO therapy.organizations (name, email, contact, subscription_plan) VALUES ('o', ?, 'c', 'gold')",
                "gold" + TherapyFixture.next() + "@example.org");
    }

    @Test
    void appointment_status_accepts_its_three_values_and_rejects_done(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int appointment = f.appointment(f.partner(f.organization()), f.user());
        for (String status : new String[] {"scheduled", "completed", "cancelled"}) {
            assertAccepted(db, "UPDATE therapy.appointments SET status = ? WHERE id = ?", status, appointment);
        }
        assertRejected(db, CHECK_VIOLATION, "appointments_status_check", "UPDATE therapy.appointments SET status = 'done' WHERE id = ?", appointment);
    }

    @Test
    void video_session_status_accepts_its_four_values_and_rejects_paused(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int video = f.videoSession(f.partner(f.organization()), f.user());
        for (String status : new String[] {"scheduled", "in_progress", "completed", "cancelled"}) {
            assertAccepted(db, "UPDATE therapy.video_sessions SET status = ? WHERE id = ?", status, video);
        }
        assertRejected(db, CHECK_VIOLATION, "video_sessions_status_check", "UPDATE therapy.video_sessions SET status = 'paused' WHERE id = ?", video);
    }

    @Test
    void questionnaire_assignment_status_accepts_pending_and_completed_and_rejects_in_progress(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int partner = f.partner(f.organization());
        int assignment = f.questionnaireAssignment(f.questionnaire(partner), f.user(), partner);
        for (String status : new String[] {"pending", "completed"}) {
            assertAccepted(db, "UPDATE therapy.user_questionnaire_assignments SET status = ? WHERE id = ?", status, assignment);
        }
        assertRejected(db, CHECK_VIOLATION, "user_questionnaire_assignments_status_check",
                "UPDATE therapy.user_questionnaire_assignments SET status = 'in_progress' WHERE id = ?", assignment);
    }

    @Test
    void chart_type_and_display_type_accept_their_lists_and_reject_pie(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int partner = f.partner(f.organization());
        int chart = f.sharedChart(partner, f.user(), null);
        for (String type : new String[] {"radar_default", "comparison", "questionnaire_comparison"}) {
            assertAccepted(db, "UPDATE therapy.shared_charts SET chart_type = ? WHERE id = ?", type, chart);
        }
        for (String display : new String[] {"radar", "line", "bar"}) {
            assertAccepted(db, "UPDATE therapy.shared_charts SET chart_display_type = ? WHERE id = ?", display, chart);
        }
        assertRejected(db, CHECK_VIOLATION, "shared_charts_chart_type_check", "UPDATE therapy.shared_charts SET chart_type = 'pie' WHERE id = ?", chart);
        assertRejected(db, CHECK_VIOLATION, "shared_charts_chart_display_type_check",
                "UPDATE therapy.shared_charts SET chart_display_type = 'pie' WHERE id = ?", chart);
    }

    @Test
    void color_coding_scheme_rejects_banana_and_3_point_but_accepts_null_4_point_and_5_point(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int questionnaire = f.questionnaire(f.partner(f.organization()));
        for (String scheme : new String[] {null, "4-point", "5-point"}) {
            assertAccepted(db, "UPDATE therapy.questionnaires SET color_coding_scheme = ? WHERE id = ?", scheme, questionnaire);
        }
        for (String scheme : new String[] {"banana", "3-point"}) {
            assertRejected(db, CHECK_VIOLATION, "questionnaires_color_coding_scheme_check",
                    "UPDATE therapy.questionnaires SET color_coding_scheme = ? WHERE id = ?", scheme, questionnaire);
        }
    }

    // ---- UNIQUE -----------------------------------------------------------------------------------

    @Test
    void duplicate_admin_organization_and_credential_emails_are_rejected(TestDatabase db) throws Exception {
        String email = "dup" + TherapyFixture.next() + "@example.org";
        db.update("INSERT INTO therapy.admins (name, email) VALUES ('a', ?)", email);
        assertRejected(db, UNIQUE_VIOLATION, "admins_email_key", "INSERT INTO therapy.admins (name, email) VALUES ('b', ?)", email);
        db.update("INSERT INTO therapy.organizations (name, email, contact) VALUES ('o', ?, 'c')", email);
        assertRejected(db, UNIQUE_VIOLATION, "organizations_email_key", "INSERT INTO therapy.organizations (name, email, contact) VALUES ('p', ?, 'c')", email);
        new TherapyFixture(db).credential(email);
        assertRejected(db, UNIQUE_VIOLATION, "auth_credentials_email_key",
                "INSERT INTO therapy.auth_credentials (user_type, reference_id, email, password_hash) VALUES ('admin', 2, ?, 'h')", email);
    }

    @Test
    void user_and_partner_emails_are_not_unique(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int org = f.organization();
        String email = "shared" + TherapyFixture.next() + "@example.org";
        for (int i = 0; i < 2; i++) {
            assertAccepted(db, "INSERT INTO therapy.users (name, sex, age, contact, email) VALUES ('u', 'Male', 30, 'c', ?)", email);
            assertAccepted(db, "INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id, email) VALUES (?, 'p', 'Male', 30, 'c', ?, ?)",
                    TherapyFixture.partnerCode(), org, email);
        }
        assertThat(f.count("users", "email = ?", email)).as("two users with one e-mail").isEqualTo(2);
    }

    @Test
    void duplicate_partner_code_is_rejected(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int org = f.organization();
        String code = TherapyFixture.partnerCode();
        db.update("INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES (?, 'p', 'Male', 30, 'c', ?)", code, org);
        assertRejected(db, UNIQUE_VIOLATION, "partners_partner_id_key",
                "INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES (?, 'q', 'Female', 31, 'c', ?)", code, org);
    }

    @Test
    void partner_code_longer_than_7_characters_is_rejected(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int org = f.organization();
        assertAccepted(db, "INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES (?, 'p', 'Male', 30, 'c', ?)",
                "L" + String.format("%06d", TherapyFixture.next()), org);
        assertRejected(db, VALUE_TOO_LONG, "character varying(7)",
                "INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES ('ABCDEFGH', 'p', 'Male', 30, 'c', ?)", org);
    }

    @Test
    void duplicate_reset_token_is_rejected(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        String email = "tok" + TherapyFixture.next() + "@example.org";
        f.credential(email);
        String token = "tok-" + TherapyFixture.next();
        db.update("INSERT INTO therapy.password_reset_tokens (email, token, expires_at) VALUES (?, ?, localtimestamp)", email, token);
        assertRejected(db, UNIQUE_VIOLATION, "password_reset_tokens_token_key",
                "INSERT INTO therapy.password_reset_tokens (email, token, expires_at) VALUES (?, ?, localtimestamp)", email, token);
    }

    @Test
    void duplicate_meeting_room_is_rejected(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int partner = f.partner(f.organization());
        int user = f.user();
        String room = "room-dup-" + TherapyFixture.next();
        String sql = "INSERT INTO therapy.video_sessions (partner_id, user_id, title, session_date, end_date, meeting_room_id) "
                + "VALUES (?, ?, 'v', '2030-01-01 10:00', '2030-01-01 11:00', ?)";
        db.update(sql, partner, user, room);
        assertRejected(db, UNIQUE_VIOLATION, "video_sessions_meeting_room_id_key", sql, partner, user, room);
    }

    @Test
    void duplicate_user_partner_pair_is_rejected(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int partner = f.partner(f.organization());
        int user = f.user();
        f.assignUserToPartner(user, partner);
        assertRejected(db, UNIQUE_VIOLATION, "user_partner_assignments_pkey",
                "INSERT INTO therapy.user_partner_assignments (user_id, partner_id) VALUES (?, ?)", user, partner);
        assertAccepted(db, "INSERT INTO therapy.user_partner_assignments (user_id, partner_id) VALUES (?, ?)", user, f.partner(f.organization()));
    }

    @Test
    void duplicate_session_questionnaire_link_is_rejected(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();
        assertRejected(db, UNIQUE_VIOLATION, "session_questionnaire_assignm_therapy_session_id_user_quest_key",
                "INSERT INTO therapy.session_questionnaire_assignments (therapy_session_id, user_questionnaire_assignment_id) VALUES (?, ?)",
                w.therapySession(), w.assignment());
    }

    @Test
    void second_therapy_session_for_one_appointment_is_rejected_but_many_without_appointment_are_fine(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int partner = f.partner(f.organization());
        int user = f.user();
        int appointment = f.appointment(partner, user);
        f.therapySession(partner, user, appointment, null);
        assertRejected(db, UNIQUE_VIOLATION, "idx_therapy_sessions_unique_appointment",
                "INSERT INTO therapy.therapy_sessions (appointment_id, partner_id, user_id, session_title, session_date) VALUES (?, ?, ?, 's', localtimestamp)",
                appointment, partner, user);
        f.therapySession(partner, user, null, null);
        f.therapySession(partner, user, null, null);
        assertThat(f.count("therapy_sessions", "partner_id = ? AND appointment_id IS NULL", partner)).as("sessions without appointment").isEqualTo(2);
    }

    // ---- defaults and updated_at ------------------------------------------------------------------

    @Test
    void defaults_fill_duration_status_flags_chart_display_and_creation_date(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();
        Map<String, Object> appointment = db.query("SELECT duration_minutes, status, created_at IS NOT NULL AS stamped, updated_at IS NOT NULL AS updated "
                + "FROM therapy.appointments WHERE id = ?", w.appointment()).get(0);
        assertThat(appointment).as("appointment defaults").containsEntry("duration_minutes", 60).containsEntry("status", "scheduled")
                .containsEntry("stamped", true).containsEntry("updated", true);
        Map<String, Object> video = db.query("SELECT duration_minutes, status, password_enabled FROM therapy.video_sessions WHERE id = ?", w.videoSession()).get(0);
        assertThat(video).as("video session defaults").containsEntry("duration_minutes", 60).containsEntry("status", "scheduled")
                .containsEntry("password_enabled", true);
        Map<String, Object> questionnaire = db.query("SELECT has_text_field, color_coding_scheme FROM therapy.questionnaires WHERE id = ?", w.questionnaire()).get(0);
        assertThat(questionnaire).as("questionnaire defaults").containsEntry("has_text_field", false).containsEntry("color_coding_scheme", null);
        assertThat(db.scalar("SELECT chart_display_type FROM therapy.shared_charts WHERE id = ?", w.chart())).as("chart_display_type").isEqualTo("radar");
        Map<String, Object> org = db.query("SELECT date_of_creation = CURRENT_DATE AS today, is_active, video_sessions_enabled FROM therapy.organizations WHERE id = ?",
                w.organization()).get(0);
        assertThat(org).as("organization defaults").containsEntry("today", true).containsEntry("is_active", true).containsEntry("video_sessions_enabled", true);
        Map<String, Object> partner = db.query("SELECT is_active, email_verified FROM therapy.partners WHERE id = ?", w.partner()).get(0);
        assertThat(partner).as("partner defaults").containsEntry("is_active", true).containsEntry("email_verified", false);
        assertThat(db.scalar("SELECT status FROM therapy.user_questionnaire_assignments WHERE id = ?", w.assignment())).as("assignment status").isEqualTo("pending");
    }

    @Test
    void question_and_option_order_default_to_zero(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        int questionnaire = f.questionnaire(f.partner(f.organization()));
        int question = ((Number) db.scalar("INSERT INTO therapy.questionnaire_questions (questionnaire_id, question_text) VALUES (?, 'q') RETURNING id",
                questionnaire)).intValue();
        int option = ((Number) db.scalar("INSERT INTO therapy.questionnaire_answer_options (question_id, option_text, option_value) VALUES (?, 'o', 1) RETURNING id",
                question)).intValue();
        assertThat(db.scalar("SELECT question_order FROM therapy.questionnaire_questions WHERE id = ?", question)).as("question_order").isEqualTo(0);
        assertThat(db.scalar("SELECT option_order FROM therapy.questionnaire_answer_options WHERE id = ?", option)).as("option_order").isEqualTo(0);
    }

    @Test
    void updating_questionnaire_appointment_video_and_therapy_session_moves_updated_at_forward(TestDatabase db) throws Exception {
        TherapyFixture f = new TherapyFixture(db);
        TherapyFixture.World w = f.world();
        Map<String, Integer> rows = Map.of(
                "questionnaires", w.questionnaire(),
                "appointments", w.appointment(),
                "video_sessions", w.videoSession(),
                "therapy_sessions", w.therapySession());
        for (Map.Entry<String, Integer> e : rows.entrySet()) {
            String table = e.getKey();
            assertThat(db.scalar("SELECT updated_at IS NOT NULL FROM therapy." + table + " WHERE id = ?", e.getValue()))
                    .as("insert without updated_at fills it on %s", table).isEqualTo(true);
            db.update("UPDATE therapy." + table + " SET updated_at = '2000-01-01', created_at = '2000-01-01' WHERE id = ?", e.getValue());
            assertThat(db.scalar("SELECT updated_at > '2001-01-01' FROM therapy." + table + " WHERE id = ?", e.getValue()))
                    .as("the trigger overrides even an explicit old updated_at on %s", table).isEqualTo(true);
            db.execute("ALTER TABLE therapy." + table + " DISABLE TRIGGER USER");
            db.update("UPDATE therapy." + table + " SET updated_at = '2000-01-01' WHERE id = ?", e.getValue());
            db.execute("ALTER TABLE therapy." + table + " ENABLE TRIGGER USER");
            db.update("UPDATE therapy." + table + " SET " + (table.equals("therapy_sessions") ? "session_notes = 'edited'"
                    : table.equals("questionnaires") ? "description = 'edited'" : "notes = 'edited'") + " WHERE id = ?", e.getValue());
            Map<String, Object> r = db.query("SELECT updated_at > '2001-01-01' AS moved, updated_at >= created_at AS after_creation, "
                    + "updated_at BETWEEN localtimestamp - interval '1 hour' AND localtimestamp + interval '1 hour' AS current "
                    + "FROM therapy." + table + " WHERE id = ?", e.getValue()).get(0);
            assertThat(r).as("updated_at of %s after an ordinary update", table).containsEntry("moved", true).containsEntry("after_creation", true)
                    .containsEntry("current", true);
        }
    }

    @Test
    void auth_credential_reference_id_accepts_any_id_without_foreign_key(TestDatabase db) throws Exception {
        assertAccepted(db, "INSERT INTO therapy.auth_credentials (user_type, reference_id, email, password_hash) VALUES ('user', 987654, ?, 'h')",
                "poly" + TherapyFixture.next() + "@example.org");
    }
}
