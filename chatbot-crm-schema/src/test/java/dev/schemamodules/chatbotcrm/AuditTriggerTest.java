package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** audit_trigger_function on patients, appointments and users, as PostgREST's service_role would call it. */
@SchemaTest(modules = "chatbot-crm")
class AuditTriggerTest {

    static String newUser(TestDatabase db, String email, String role) throws SQLException {
        return db.scalar("INSERT INTO chatbot_crm.users (email, role, password_hash) VALUES (?, ?, 'secret-hash') RETURNING id::text", email, role).toString();
    }

    static List<Map<String, Object>> auditOf(Connection c, String id) throws SQLException {
        return TestDatabase.query(c, "SELECT action, table_name, record_id::text AS record_id, user_id::text AS user_id, public_id,"
                + " old_values::text AS old_values, new_values::text AS new_values, user_agent, host(ip_address) AS ip"
                + " FROM chatbot_crm.audit_logs WHERE record_id = ?::uuid ORDER BY created_at, action", id);
    }

    @Test
    void insert_update_delete_on_patients_each_add_exactly_one_audit_row(TestDatabase db) throws Exception {
        String actor = newUser(db, "actor1@audit.test", "staff");
        db.asUser("service_role", actor, c -> {
            String id = TestDatabase.query(c, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Sara', 'Ali') RETURNING id::text").get(0).get("id").toString();
            assertThat(auditOf(c, id)).as("audit rows after INSERT").hasSize(1).first().satisfies(r -> {
                assertThat(r.get("action")).as("action").isEqualTo("INSERT");
                assertThat(r.get("table_name")).as("table").isEqualTo("patients");
                assertThat(r.get("user_id")).as("actor from request.jwt.claim.sub").isEqualTo(actor);
                assertThat((String) r.get("public_id")).as("audit public_id").matches("aud_[a-z][a-z0-9]{23}");
                assertThat(r.get("old_values")).as("no old snapshot on INSERT").isNull();
                assertThat((String) r.get("new_values")).as("new snapshot").contains("\"first_name\": \"Sara\"");
            });
            TestDatabase.query(c, "UPDATE chatbot_crm.patients SET last_name = 'Omar' WHERE id = ?::uuid RETURNING id", id);
            assertThat(auditOf(c, id)).as("audit rows after UPDATE").hasSize(2)
                    .anySatisfy(r -> {
                        assertThat(r.get("action")).isEqualTo("UPDATE");
                        assertThat((String) r.get("new_values")).as("new snapshot on UPDATE").contains("\"last_name\": \"Omar\"");
                    });
            TestDatabase.query(c, "DELETE FROM chatbot_crm.patients WHERE id = ?::uuid RETURNING id", id);
            assertThat(auditOf(c, id)).as("audit rows after DELETE").hasSize(3)
                    .anySatisfy(r -> {
                        assertThat(r.get("action")).isEqualTo("DELETE");
                        assertThat(r.get("new_values")).as("no new snapshot on DELETE").isNull();
                        assertThat((String) r.get("old_values")).as("old snapshot on DELETE").contains("\"last_name\": \"Omar\"");
                    });
            return null;
        });
    }

    @Test
    void appointments_are_audited_once_per_operation(TestDatabase db) throws Exception {
        String actor = newUser(db, "actor2@audit.test", "staff");
        db.asUser("service_role", actor, c -> {
            String id = TestDatabase.query(c, "INSERT INTO chatbot_crm.appointments (appointment_date, appointment_time) VALUES (current_date, '10:00') RETURNING id::text")
                    .get(0).get("id").toString();
            TestDatabase.query(c, "UPDATE chatbot_crm.appointments SET status = 'confirmed' WHERE id = ?::uuid RETURNING id", id);
            TestDatabase.query(c, "DELETE FROM chatbot_crm.appointments WHERE id = ?::uuid RETURNING id", id);
            assertThat(auditOf(c, id)).as("audit rows of one appointment").extracting(r -> r.get("action") + " " + r.get("table_name"))
                    .containsExactlyInAnyOrder("INSERT appointments", "UPDATE appointments", "DELETE appointments");
            return null;
        });
    }

    @Test
    void users_snapshots_never_contain_password_hash(TestDatabase db) throws Exception {
        String admin = newUser(db, "admin@audit.test", "admin");
        db.asUser("service_role", admin, c -> {
            String id = TestDatabase.query(c, "INSERT INTO chatbot_crm.users (email, password_hash) VALUES ('u@audit.test', 'hash-value') RETURNING id::text").get(0).get("id").toString();
            TestDatabase.query(c, "UPDATE chatbot_crm.users SET password_hash = 'new-hash' WHERE id = ?::uuid RETURNING id", id);
            TestDatabase.query(c, "DELETE FROM chatbot_crm.users WHERE id = ?::uuid RETURNING id", id);
            List<Map<String, Object>> rows = auditOf(c, id);
            assertThat(rows).as("audit rows of one user").extracting(r -> r.get("action")).containsExactlyInAnyOrder("INSERT", "UPDATE", "DELETE");
            assertThat(rows).as("snapshots without password_hash").allSatisfy(r -> {
                assertThat(String.valueOf(r.get("old_values")) + r.get("new_values")).doesNotContain("password_hash").doesNotContain("hash-value");
                assertThat(r.get("table_name")).isEqualTo("users");
            });
            return null;
        });
    }

    @Test
    void audit_works_without_request_headers_and_reads_them_when_present(TestDatabase db) throws Exception {
        db.asUser("service_role", null, c -> {
            String id = TestDatabase.query(c, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('No', 'Headers') RETURNING id::text").get(0).get("id").toString();
            assertThat(auditOf(c, id)).as("audit without request.headers and without actor").hasSize(1).first().satisfies(r -> {
                assertThat(r.get("user_agent")).as("user agent").isNull();
                assertThat(r.get("user_id")).as("actor").isNull();
            });
            TestDatabase.query(c, "SELECT set_config('request.headers', ?, true)", "{\"user-agent\": \"curl/8\", \"x-forwarded-for\": \"203.0.113.7, 10.0.0.1\"}");
            String id2 = TestDatabase.query(c, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('With', 'Headers') RETURNING id::text").get(0).get("id").toString();
            assertThat(auditOf(c, id2)).as("audit with request.headers").hasSize(1).first().satisfies(r -> {
                assertThat(r.get("user_agent")).as("user agent").isEqualTo("curl/8");
                assertThat(r.get("ip")).as("client address from x-forwarded-for").isEqualTo("203.0.113.7");
            });
            TestDatabase.query(c, "SELECT set_config('request.headers', 'not json', true)");
            String id3 = TestDatabase.query(c, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Bad', 'Headers') RETURNING id::text").get(0).get("id").toString();
            assertThat(auditOf(c, id3)).as("audit with malformed request.headers").hasSize(1);
            return null;
        });
    }

    @Test
    void actor_without_users_row_is_recorded_as_null_and_the_write_succeeds(TestDatabase db) throws Exception {
        String stranger = UUID.randomUUID().toString();
        db.asUser("service_role", stranger, c -> {
            String id = TestDatabase.query(c, "INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('X', 'Y') RETURNING id::text").get(0).get("id").toString();
            assertThat(auditOf(c, id)).as("audit row of an actor without users row").hasSize(1).first()
                    .satisfies(r -> assertThat(r.get("user_id")).as("actor").isNull());
            return null;
        });
    }

    @Test
    void a_user_with_audit_history_can_delete_themselves(TestDatabase db) throws Exception {
        String self = newUser(db, "self@audit.test", "staff");
        db.asUser("service_role", self, c -> {
            TestDatabase.query(c, "UPDATE chatbot_crm.users SET meta = '{\"x\": 1}' WHERE id = ?::uuid RETURNING id", self);
            assertThat(TestDatabase.query(c, "SELECT count(*) AS n FROM chatbot_crm.audit_logs WHERE user_id = ?::uuid", self).get(0).get("n"))
                    .as("audit rows by the user before deleting").isEqualTo(1L);
            TestDatabase.query(c, "DELETE FROM chatbot_crm.users WHERE id = ?::uuid RETURNING id", self);
            assertThat(auditOf(c, self)).as("audit rows about the user").extracting(r -> r.get("action") + " " + r.get("user_id"))
                    .contains("UPDATE null", "DELETE null");
            return null;
        });
    }

    @Test
    void an_audit_failure_never_fails_the_audited_statement(TestDatabase db) throws Exception {
        // audit_logs.public_id must be unique: force a collision for the trigger's insert via a fixed default
        db.execute("ALTER TABLE chatbot_crm.audit_logs ALTER COLUMN public_id SET DEFAULT 'aud_fixed';"
                + "INSERT INTO chatbot_crm.audit_logs (action, table_name) VALUES ('login', 'users')");
        try {
            assertThat(db.update("INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Still', 'Saved')"))
                    .as("patient insert despite the failing audit insert").isEqualTo(1);
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.patients WHERE first_name = 'Still'")).as("patient saved").isEqualTo(1);
        } finally {
            db.execute("ALTER TABLE chatbot_crm.audit_logs ALTER COLUMN public_id SET DEFAULT platform.generate_public_id('aud')");
        }
    }

    /**
     * V32 skips the audit trigger for an UPDATE that only fills a NULL public_id (and stamps updated_at), by a WHEN
     * clause that lists the other columns. This test takes the column list from the catalog: a column added later
     * and forgotten in the WHEN makes it fail.
     */
    @Test
    void filling_a_public_id_alone_is_not_audited_but_with_any_other_column_it_is(TestDatabase db) throws Exception {
        String patient = db.scalar("INSERT INTO chatbot_crm.patients (first_name, last_name) VALUES ('Ref', 'Patient') RETURNING id::text").toString();
        String doctor = db.scalar("INSERT INTO chatbot_crm.doctors (first_name, last_name) VALUES ('Ref', 'Doctor') RETURNING id::text").toString();
        Map<String, String> insert = Map.of("patients", "INSERT INTO chatbot_crm.patients (first_name, last_name, public_id) VALUES ('P', 'L', NULL) RETURNING id::text",
                "appointments", "INSERT INTO chatbot_crm.appointments (appointment_date, appointment_time, public_id) VALUES (current_date, '09:00', NULL) RETURNING id::text");
        for (String table : List.of("patients", "appointments")) {
            String alone = db.scalar(insert.get(table)).toString();
            db.update("UPDATE chatbot_crm." + table + " SET public_id = 'x_' || md5(random()::text), updated_at = LOCALTIMESTAMP WHERE id = ?::uuid", alone);
            assertThat(db.count("SELECT count(*) FROM chatbot_crm.audit_logs WHERE record_id = ?::uuid AND action = 'UPDATE'", alone))
                    .as("%s: audit rows after filling the public id alone", table).isZero();
            List<Map<String, Object>> columns = db.query("SELECT column_name::text AS name, data_type::text AS type FROM information_schema.columns"
                    + " WHERE table_schema = 'chatbot_crm' AND table_name = ? AND column_name NOT IN ('public_id', 'updated_at') ORDER BY ordinal_position", table);
            assertThat(columns).as("%s columns", table).hasSizeGreaterThan(5);
            for (Map<String, Object> column : columns) {
                String name = (String) column.get("name");
                String value = switch ((String) column.get("type")) {
                    case "uuid" -> name.equals("patient_id") ? "'" + patient + "'" : name.equals("doctor_id") ? "'" + doctor + "'" : "gen_random_uuid()";
                    case "character varying", "text" -> "'changed'";
                    case "date" -> "DATE '2001-02-03'";
                    case "time without time zone" -> "TIME '10:11'";
                    case "integer" -> "77";
                    case "timestamp without time zone" -> "TIMESTAMP '2001-02-03 04:05'";
                    default -> throw new AssertionError(table + "." + name + ": a column of type " + column.get("type") + " this test cannot change yet");
                };
                String id = db.scalar(insert.get(table)).toString();
                String after = db.scalar("UPDATE chatbot_crm." + table + " SET public_id = 'x_' || md5(random()::text), " + name + " = " + value
                        + " WHERE id = ?::uuid RETURNING id::text", id).toString();
                assertThat(db.count("SELECT count(*) FROM chatbot_crm.audit_logs WHERE record_id = ?::uuid AND action = 'UPDATE'", after))
                        .as("%s: audit rows after filling the public id together with %s", table, name).isEqualTo(1);
            }
        }
    }
}
