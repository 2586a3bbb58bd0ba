package dev.schemamodules.therapy;

import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates rows of the therapy schema with raw SQL (the module ships no seed data). Every value that must
 * be unique gets a fresh suffix, so tests sharing one database never collide.
 */
final class TherapyFixture {

    private static final AtomicInteger SEQ = new AtomicInteger();

    private final TestDatabase db;

    TherapyFixture(TestDatabase db) {
        this.db = db;
    }

    static int next() {
        return SEQ.incrementAndGet();
    }

    private int id(String sql, Object... params) throws SQLException {
        return ((Number) db.scalar(sql, params)).intValue();
    }

    int admin() throws SQLException {
        return id("INSERT INTO therapy.admins (name, email) VALUES ('Admin', ?) RETURNING id", "admin" + next() + "@example.org");
    }

    int organization() throws SQLException {
        return id("INSERT INTO therapy.organizations (name, email, contact) VALUES ('Practice', ?, '555-0100') RETURNING id",
                "org" + next() + "@example.org");
    }

    int user() throws SQLException {
        return id("INSERT INTO therapy.users (name, sex, age, contact) VALUES ('Client', 'Female', 34, '555-0101') RETURNING id");
    }

    int partner(int organizationId) throws SQLException {
        return id("INSERT INTO therapy.partners (partner_id, name, sex, age, contact, organization_id) VALUES (?, 'Therapist', 'Male', 45, '555-0102', ?) RETURNING id",
                partnerCode(), organizationId);
    }

    static String partnerCode() {
        return "P" + String.format("%06d", next());
    }

    int credential(String email) throws SQLException {
        return id("INSERT INTO therapy.auth_credentials (user_type, reference_id, email, password_hash) VALUES ('partner', 1, ?, 'hash') RETURNING id", email);
    }

    int resetToken(String email) throws SQLException {
        return id("INSERT INTO therapy.password_reset_tokens (email, token, expires_at) VALUES (?, ?, localtimestamp + interval '1 hour') RETURNING id",
                email, "token-" + next());
    }

    int appointment(int partnerId, int userId) throws SQLException {
        return id("INSERT INTO therapy.appointments (partner_id, user_id, title, appointment_date, end_date) "
                + "VALUES (?, ?, 'Intake', '2030-01-01 10:00', '2030-01-01 11:00') RETURNING id", partnerId, userId);
    }

    int videoSession(int partnerId, int userId) throws SQLException {
        return id("INSERT INTO therapy.video_sessions (partner_id, user_id, title, session_date, end_date, meeting_room_id) "
                + "VALUES (?, ?, 'Video', '2030-01-02 10:00', '2030-01-02 11:00', ?) RETURNING id", partnerId, userId, "room-" + next());
    }

    int questionnaire(int partnerId) throws SQLException {
        return id("INSERT INTO therapy.questionnaires (partner_id, name) VALUES (?, 'PHQ') RETURNING id", partnerId);
    }

    int question(int questionnaireId) throws SQLException {
        return id("INSERT INTO therapy.questionnaire_questions (questionnaire_id, question_text, question_order) VALUES (?, 'How are you?', 1) RETURNING id",
                questionnaireId);
    }

    int answerOption(int questionId) throws SQLException {
        return id("INSERT INTO therapy.questionnaire_answer_options (question_id, option_text, option_value, option_order) VALUES (?, 'Fine', 3, 1) RETURNING id",
                questionId);
    }

    void assignUserToPartner(int userId, int partnerId) throws SQLException {
        db.update("INSERT INTO therapy.user_partner_assignments (user_id, partner_id) VALUES (?, ?)", userId, partnerId);
    }

    int questionnaireAssignment(int questionnaireId, int userId, int partnerId) throws SQLException {
        return id("INSERT INTO therapy.user_questionnaire_assignments (questionnaire_id, user_id, partner_id) VALUES (?, ?, ?) RETURNING id",
                questionnaireId, userId, partnerId);
    }

    int therapySession(int partnerId, int userId, Integer appointmentId, Integer videoSessionId) throws SQLException {
        return id("INSERT INTO therapy.therapy_sessions (appointment_id, partner_id, user_id, session_title, session_notes, session_date, video_session_id) "
                + "VALUES (?, ?, ?, 'Session', 'clinical notes', '2030-01-01 10:00', ?) RETURNING id", appointmentId, partnerId, userId, videoSessionId);
    }

    int response(int assignmentId, int questionId, int optionId, Integer sessionId) throws SQLException {
        return id("INSERT INTO therapy.user_questionnaire_responses (assignment_id, question_id, answer_option_id, response_value, session_id) "
                + "VALUES (?, ?, ?, 3, ?) RETURNING id", assignmentId, questionId, optionId, sessionId);
    }

    int textResponse(int assignmentId) throws SQLException {
        return id("INSERT INTO therapy.user_questionnaire_text_responses (assignment_id, text_response) VALUES (?, 'feeling better') RETURNING id",
                assignmentId);
    }

    int sessionQuestionnaireLink(int therapySessionId, int assignmentId) throws SQLException {
        return id("INSERT INTO therapy.session_questionnaire_assignments (therapy_session_id, user_questionnaire_assignment_id) VALUES (?, ?) RETURNING id",
                therapySessionId, assignmentId);
    }

    int sharedChart(int partnerId, int userId, Integer questionnaireId) throws SQLException {
        return id("INSERT INTO therapy.shared_charts (partner_id, user_id, chart_type, questionnaire_id) VALUES (?, ?, 'radar_default', ?) RETURNING id",
                partnerId, userId, questionnaireId);
    }

    /** One of everything around one partner and one user. */
    record World(int organization, int partner, int user, int appointment, int videoSession, int questionnaire, int question, int option,
                 int assignment, int therapySession, int response, int textResponse, int sessionLink, int chart) {
    }

    World world() throws SQLException {
        int org = organization();
        int partner = partner(org);
        int user = user();
        int appointment = appointment(partner, user);
        int video = videoSession(partner, user);
        int questionnaire = questionnaire(partner);
        int question = question(questionnaire);
        int option = answerOption(question);
        assignUserToPartner(user, partner);
        int assignment = questionnaireAssignment(questionnaire, user, partner);
        int session = therapySession(partner, user, appointment, video);
        int response = response(assignment, question, option, session);
        int text = textResponse(assignment);
        int link = sessionQuestionnaireLink(session, assignment);
        int chart = sharedChart(partner, user, questionnaire);
        return new World(org, partner, user, appointment, video, questionnaire, question, option, assignment, session, response, text, link, chart);
    }

    long count(String table, String where, Object... params) throws SQLException {
        return db.count("SELECT count(*) FROM therapy." + table + " WHERE " + where, params);
    }
}
