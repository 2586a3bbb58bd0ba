package dev.schemamodules.medication;

import static dev.schemamodules.medication.MedicationFixtures.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every bullet of the spec's "behaviour tests should prove", on real PostgreSQL with raw SQL. */
@SchemaTest(modules = "medication")
class MedicationBehaviourTest {

    // ---- time: precision and zone ----------------------------------------------------------------

    @Test
    void timestamp_with_microseconds_reads_back_rounded_to_milliseconds(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID user = f.user("PATIENT");
        db.update("UPDATE " + S + ".users SET \"lockedUntil\" = '2026-02-08 08:00:00.123789+07' WHERE \"id\" = ?", user);
        Object micros = db.scalar("SELECT to_char(\"lockedUntil\" AT TIME ZONE 'UTC', 'HH24:MI:SS.US') FROM " + S + ".users WHERE \"id\" = ?", user);
        assertThat(micros).as("123789 microseconds stored in timestamptz(3)").isEqualTo("01:00:00.124000");
    }

    @Test
    void dose_scheduled_at_eight_in_phnom_penh_reads_back_as_one_utc(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID prescription = f.prescription(patient, null);
        UUID medication = f.medication(prescription, 1);
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                try (Statement st = c.createStatement()) {
                    st.execute("SET LOCAL TIME ZONE 'Asia/Phnom_Penh'");
                }
                UUID dose = (UUID) TestDatabase.query(c, "INSERT INTO " + S + ".dose_events (\"prescriptionId\", \"medicationId\", \"patientId\", "
                        + "\"scheduledTime\", \"timePeriod\", \"reminderTime\") VALUES (?, ?, ?, '2026-02-09 08:00', 'DAYTIME', '08:00') RETURNING \"id\"",
                        prescription, medication, patient).get(0).get("id");
                Map<String, Object> row = TestDatabase.query(c, "SELECT to_char(\"scheduledTime\" AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS utc, "
                        + "to_char(\"scheduledTime\", 'HH24:MI TZH') AS local FROM " + S + ".dose_events WHERE \"id\" = ?", dose).get(0);
                assertThat(row.get("utc")).as("08:00 Asia/Phnom_Penh in UTC").isEqualTo("2026-02-09 01:00");
                assertThat(row.get("local")).as("read back in the session zone Asia/Phnom_Penh").isEqualTo("08:00 +07");
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        }
    }

    // ---- cascades -------------------------------------------------------------------------------

    @Test
    void deleting_patient_cascades_to_everything_that_belongs_to_the_patient(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID doctor = f.user("DOCTOR");
        UUID relative = f.user("FAMILY_MEMBER");
        UUID outgoing = f.connection(patient, relative);
        UUID incoming = f.connection(doctor, patient);
        UUID prescription = f.prescription(patient, doctor);
        UUID version = f.version(prescription, 1, doctor);
        UUID medication = f.medication(prescription, 1);
        UUID dose = f.doseEvent(prescription, medication, patient);
        UUID notification = f.notification(patient);
        UUID subscription = f.subscription(patient, "FAMILY_PREMIUM");
        UUID relativeInPatientsFamily = f.familyMember(subscription, relative);
        UUID relativesSubscription = f.subscription(relative, "FAMILY_PREMIUM");
        UUID patientInRelativesFamily = f.familyMember(relativesSubscription, patient);
        UUID meals = f.mealTimes(patient);

        assertThat(db.update("DELETE FROM " + S + ".users WHERE \"id\" = ?", patient)).as("patient deleted").isEqualTo(1);

        assertThat(f.rows("connections", "\"id\" IN (?, ?)", outgoing, incoming)).as("connections on both sides").isZero();
        assertThat(f.rows("prescriptions", "\"id\" = ?", prescription)).as("prescriptions of the patient").isZero();
        assertThat(f.rows("prescription_versions", "\"id\" = ?", version)).as("their versions").isZero();
        assertThat(f.rows("medications", "\"id\" = ?", medication)).as("their medications").isZero();
        assertThat(f.rows("dose_events", "\"id\" = ?", dose)).as("their dose events").isZero();
        assertThat(f.rows("notifications", "\"id\" = ?", notification)).as("notifications to the patient").isZero();
        assertThat(f.rows("subscriptions", "\"id\" = ?", subscription)).as("the patient's subscription").isZero();
        assertThat(f.rows("family_members", "\"id\" = ?", relativeInPatientsFamily)).as("members of the patient's subscription").isZero();
        assertThat(f.rows("family_members", "\"id\" = ?", patientInRelativesFamily)).as("the patient's family memberships").isZero();
        assertThat(f.rows("meal_time_preferences", "\"id\" = ?", meals)).as("the patient's meal preferences").isZero();
        assertThat(f.rows("users", "\"id\" IN (?, ?)", doctor, relative)).as("doctor and relative remain").isEqualTo(2);
        assertThat(f.rows("subscriptions", "\"id\" = ?", relativesSubscription)).as("the relative's own subscription remains").isEqualTo(1);
    }

    @Test
    void deleting_doctor_nulls_authorship_but_keeps_prescriptions_versions_and_audit_rows(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID doctor = f.user("DOCTOR");
        UUID prescription = f.prescription(patient, doctor);
        UUID version = f.version(prescription, 1, doctor);
        UUID audit = f.auditLog(doctor);

        db.update("DELETE FROM " + S + ".users WHERE \"id\" = ?", doctor);

        assertThat(db.query("SELECT \"doctorId\" FROM " + S + ".prescriptions WHERE \"id\" = ?", prescription))
                .as("prescription kept, doctorId NULL").singleElement().satisfies(r -> assertThat(r.get("doctorId")).isNull());
        assertThat(db.query("SELECT \"authorId\" FROM " + S + ".prescription_versions WHERE \"id\" = ?", version))
                .as("version kept, authorId NULL").singleElement().satisfies(r -> assertThat(r.get("authorId")).isNull());
        assertThat(db.query("SELECT \"actorId\", \"actorRole\"::text AS role FROM " + S + ".audit_logs WHERE \"id\" = ?", audit))
                .as("audit row kept, actorId NULL, actorRole kept").singleElement().satisfies(r -> {
                    assertThat(r.get("actorId")).isNull();
                    assertThat(r.get("role")).isEqualTo("DOCTOR");
                });
    }

    @Test
    void deleting_medication_removes_its_dose_events_only(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID prescription = f.prescription(patient, null);
        UUID first = f.medication(prescription, 1);
        UUID second = f.medication(prescription, 2);
        UUID doseOfFirst = f.doseEvent(prescription, first, patient);
        UUID doseOfSecond = f.doseEvent(prescription, second, patient);

        db.update("DELETE FROM " + S + ".medications WHERE \"id\" = ?", first);

        assertThat(f.rows("dose_events", "\"id\" = ?", doseOfFirst)).as("dose event of the deleted medication").isZero();
        assertThat(f.rows("dose_events", "\"id\" = ?", doseOfSecond)).as("dose event of the other medication").isEqualTo(1);
        assertThat(f.rows("prescriptions", "\"id\" = ?", prescription)).as("the prescription").isEqualTo(1);
    }

    @Test
    void deleting_prescription_removes_its_medications_dose_events_and_versions(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID doctor = f.user("DOCTOR");
        UUID prescription = f.prescription(patient, doctor);
        f.version(prescription, 1, doctor);
        f.version(prescription, 2, doctor);
        UUID medication = f.medication(prescription, 1);
        f.doseEvent(prescription, medication, patient);

        db.update("DELETE FROM " + S + ".prescriptions WHERE \"id\" = ?", prescription);

        assertThat(f.rows("medications", "\"prescriptionId\" = ?", prescription)).as("medications").isZero();
        assertThat(f.rows("dose_events", "\"prescriptionId\" = ?", prescription)).as("dose events").isZero();
        assertThat(f.rows("prescription_versions", "\"prescriptionId\" = ?", prescription)).as("versions").isZero();
        assertThat(f.rows("users", "\"id\" IN (?, ?)", patient, doctor)).as("patient and doctor").isEqualTo(2);
    }

    @Test
    void changing_a_user_id_propagates_to_every_referencing_row(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID user = f.user("PATIENT");
        UUID other = f.user("FAMILY_MEMBER");
        f.connection(user, other);
        f.connection(other, user);
        UUID prescription = f.prescription(user, user);
        f.version(prescription, 1, user);
        UUID medication = f.medication(prescription, 1);
        f.doseEvent(prescription, medication, user);
        f.notification(user);
        f.auditLog(user);
        UUID subscription = f.subscription(user, "FAMILY_PREMIUM");
        f.familyMember(subscription, user);
        f.mealTimes(user);
        UUID newId = UUID.randomUUID();

        db.update("UPDATE " + S + ".users SET \"id\" = ? WHERE \"id\" = ?", newId, user);

        List<String> referencing = List.of("connections.initiatorId", "connections.recipientId", "prescriptions.patientId",
                "prescriptions.doctorId", "prescription_versions.authorId", "dose_events.patientId", "notifications.recipientId",
                "audit_logs.actorId", "subscriptions.userId", "family_members.memberId", "meal_time_preferences.userId");
        for (String ref : referencing) {
            String table = ref.substring(0, ref.indexOf('.'));
            String column = ref.substring(ref.indexOf('.') + 1);
            assertThat(f.rows(table, "\"" + column + "\" = ?", newId)).as("%s follows the new id", ref).isEqualTo(1);
            assertThat(f.rows(table, "\"" + column + "\" = ?", user)).as("%s no longer has the old id", ref).isZero();
        }
        assertThat(referencing).as("every FK to users except none").hasSize(11);
    }

    @Test
    void changing_prescription_and_subscription_ids_propagates_too(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID prescription = f.prescription(patient, null);
        f.version(prescription, 1, null);
        UUID medication = f.medication(prescription, 1);
        f.doseEvent(prescription, medication, patient);
        UUID subscription = f.subscription(patient, "FAMILY_PREMIUM");
        f.familyMember(subscription, f.user("FAMILY_MEMBER"));
        UUID newPrescription = UUID.randomUUID();
        UUID newMedication = UUID.randomUUID();
        UUID newSubscription = UUID.randomUUID();

        db.update("UPDATE " + S + ".prescriptions SET \"id\" = ? WHERE \"id\" = ?", newPrescription, prescription);
        db.update("UPDATE " + S + ".medications SET \"id\" = ? WHERE \"id\" = ?", newMedication, medication);
        db.update("UPDATE " + S + ".subscriptions SET \"id\" = ? WHERE \"id\" = ?", newSubscription, subscription);

        assertThat(f.rows("prescription_versions", "\"prescriptionId\" = ?", newPrescription)).as("versions follow").isEqualTo(1);
        assertThat(f.rows("medications", "\"prescriptionId\" = ?", newPrescription)).as("medications follow").isEqualTo(1);
        assertThat(f.rows("dose_events", "\"prescriptionId\" = ? AND \"medicationId\" = ?", newPrescription, newMedication))
                .as("dose events follow both").isEqualTo(1);
        assertThat(f.rows("family_members", "\"subscriptionId\" = ?", newSubscription)).as("family members follow").isEqualTo(1);
    }

    // ---- unique ---------------------------------------------------------------------------------

    @Test
    void unique_keys_reject_duplicate_phone_email_id_card_and_licence(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        String insert = "INSERT INTO " + S + ".users (\"role\", \"phoneNumber\", \"passwordHash\", \"email\", \"idCardNumber\", \"licenseNumber\") "
                + "VALUES ('DOCTOR', ?, 'h', ?, ?, ?)";
        String phone = MedicationFixtures.uniquePhone();
        db.update(insert, phone, "dup@example.com", "ID-DUP", "LIC-DUP");

        f.assertRejected("duplicate phone number", "23505", insert, phone, null, null, null);
        f.assertRejected("duplicate email", "23505", insert, MedicationFixtures.uniquePhone(), "dup@example.com", null, null);
        f.assertRejected("duplicate ID card", "23505", insert, MedicationFixtures.uniquePhone(), null, "ID-DUP", null);
        f.assertRejected("duplicate licence number", "23505", insert, MedicationFixtures.uniquePhone(), null, null, "LIC-DUP");
    }

    @Test
    void two_users_without_email_are_fine(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID first = f.user("PATIENT");
        UUID second = f.user("PATIENT");
        assertThat(f.rows("users", "\"id\" IN (?, ?) AND \"email\" IS NULL", first, second)).as("two users with NULL email").isEqualTo(2);
    }

    @Test
    void connection_pair_is_unique_per_direction(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID a = f.user("PATIENT");
        UUID b = f.user("DOCTOR");
        f.connection(a, b);
        f.assertRejected("second A->B connection", "23505",
                "INSERT INTO " + S + ".connections (\"initiatorId\", \"recipientId\") VALUES (?, ?)", a, b);
        f.connection(b, a);
        assertThat(f.rows("connections", "(\"initiatorId\", \"recipientId\") IN ((?, ?), (?, ?))", a, b, b, a))
                .as("A->B and B->A both exist (unique per direction only, as in the application)").isEqualTo(2);
    }

    @Test
    void version_number_is_unique_per_prescription(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID first = f.prescription(patient, null);
        UUID second = f.prescription(patient, null);
        f.version(first, 1, null);
        f.assertRejected("second version 1 of the same prescription", "23505", "INSERT INTO " + S + ".prescription_versions "
                + "(\"prescriptionId\", \"versionNumber\", \"medicationsSnapshot\") VALUES (?, 1, '[]')", first);
        f.version(second, 1, null);
        assertThat(f.rows("prescription_versions", "\"versionNumber\" = 1 AND \"prescriptionId\" IN (?, ?)", first, second))
                .as("version 1 of two prescriptions").isEqualTo(2);
    }

    @Test
    void user_has_at_most_one_subscription_one_meal_preference_and_each_family_member_once(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID user = f.user("PATIENT");
        UUID relative = f.user("FAMILY_MEMBER");
        UUID subscription = f.subscription(user, "FAMILY_PREMIUM");
        f.mealTimes(user);
        f.familyMember(subscription, relative);

        f.assertRejected("second subscription", "23505", "INSERT INTO " + S + ".subscriptions (\"userId\") VALUES (?)", user);
        f.assertRejected("second meal preference", "23505", "INSERT INTO " + S + ".meal_time_preferences (\"userId\") VALUES (?)", user);
        f.assertRejected("same family member twice", "23505",
                "INSERT INTO " + S + ".family_members (\"subscriptionId\", \"memberId\") VALUES (?, ?)", subscription, relative);
    }

    // ---- enums, defaults, not null, checks ------------------------------------------------------

    @Test
    void enum_columns_reject_unknown_labels(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID dose = f.doseEvent(f.prescription(patient, null), f.medication(f.prescription(patient, null), 1), patient);
        f.assertRejected("role ADMIN", "22P02", "INSERT INTO " + S + ".users (\"role\", \"phoneNumber\", \"passwordHash\") VALUES ('ADMIN', ?, 'h')",
                MedicationFixtures.uniquePhone());
        f.assertRejected("dose status TAKEN", "22P02", "UPDATE " + S + ".dose_events SET \"status\" = 'TAKEN' WHERE \"id\" = ?", dose);
        f.assertRejected("tier GOLD", "22P02", "INSERT INTO " + S + ".subscriptions (\"userId\", \"tier\") VALUES (?, 'GOLD')", patient);
        f.assertRejected("lower-case label", "22P02", "UPDATE " + S + ".users SET \"language\" = 'khmer' WHERE \"id\" = ?", patient);
    }

    @Test
    void dose_status_moves_through_every_label_of_the_enum(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID prescription = f.prescription(patient, null);
        UUID dose = f.doseEvent(prescription, f.medication(prescription, 1), patient);
        assertThat(db.scalar("SELECT \"status\"::text FROM " + S + ".dose_events WHERE \"id\" = ?", dose)).as("new dose").isEqualTo("DUE");
        for (String status : List.of("TAKEN_ON_TIME", "TAKEN_LATE", "MISSED", "SKIPPED", "DUE")) {
            db.update("UPDATE " + S + ".dose_events SET \"status\" = ?::" + S + ".\"DoseEventStatus\", \"takenAt\" = CASE WHEN ? LIKE 'TAKEN%' "
                    + "THEN now() END WHERE \"id\" = ?", status, status, dose);
            assertThat(db.scalar("SELECT \"status\"::text FROM " + S + ".dose_events WHERE \"id\" = ?", dose)).as("status after update").isEqualTo(status);
        }
    }

    @Test
    void defaults_match_the_application(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID user = f.user("PATIENT");
        UUID other = f.user("DOCTOR");
        UUID connection = f.connection(other, user);
        UUID prescription = f.prescription(user, other);
        UUID dose = f.doseEvent(prescription, f.medication(prescription, 1), user);
        UUID notification = f.notification(user);
        UUID subscription = f.subscription(user, "FREEMIUM");

        assertThat(db.query("SELECT \"language\"::text AS language, \"theme\"::text AS theme, \"accountStatus\"::text AS status, "
                + "\"failedLoginAttempts\" AS attempts FROM " + S + ".users WHERE \"id\" = ?", user).get(0))
                .as("user defaults KHMER, LIGHT, ACTIVE, 0").containsEntry("language", "KHMER").containsEntry("theme", "LIGHT")
                .containsEntry("status", "ACTIVE").containsEntry("attempts", 0);
        assertThat(db.query("SELECT \"status\"::text AS status, \"permissionLevel\"::text AS level, \"requestedAt\" IS NOT NULL AS requested "
                + "FROM " + S + ".connections WHERE \"id\" = ?", connection).get(0))
                .as("connection defaults PENDING / ALLOWED").containsEntry("status", "PENDING").containsEntry("level", "ALLOWED")
                .containsEntry("requested", true);
        assertThat(db.query("SELECT \"status\"::text AS status, \"currentVersion\" AS version, \"isUrgent\" AS urgent FROM " + S
                + ".prescriptions WHERE \"id\" = ?", prescription).get(0))
                .as("prescription defaults DRAFT, version 1, not urgent").containsEntry("status", "DRAFT").containsEntry("version", 1)
                .containsEntry("urgent", false);
        assertThat(db.query("SELECT \"status\"::text AS status, \"wasOffline\" AS offline FROM " + S + ".dose_events WHERE \"id\" = ?", dose).get(0))
                .as("dose defaults DUE, not offline").containsEntry("status", "DUE").containsEntry("offline", false);
        assertThat(db.query("SELECT \"isRead\" AS read, \"readAt\" AS read_at FROM " + S + ".notifications WHERE \"id\" = ?", notification).get(0))
                .as("notification unread").containsEntry("read", false).containsEntry("read_at", null);
        assertThat(db.query("SELECT \"storageQuota\" AS quota, \"storageUsed\" AS used FROM " + S + ".subscriptions WHERE \"id\" = ?", subscription)
                .get(0)).as("FREEMIUM quota 5 GiB, nothing used").containsEntry("quota", 5_368_709_120L).containsEntry("used", 0L);
        db.update("INSERT INTO " + S + ".subscriptions (\"userId\") VALUES (?)", other);
        assertThat(db.query("SELECT \"tier\"::text AS tier, \"storageQuota\" AS quota, \"storageUsed\" AS used FROM " + S
                + ".subscriptions WHERE \"userId\" = ?", other).get(0))
                .as("subscription without tier: FREEMIUM, 5368709120, 0").containsEntry("tier", "FREEMIUM").containsEntry("quota", 5_368_709_120L)
                .containsEntry("used", 0L);
    }

    @Test
    void quota_default_is_the_freemium_quota_whatever_the_tier(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        for (String tier : List.of("FREEMIUM", "PREMIUM", "FAMILY_PREMIUM")) {
            UUID subscription = f.subscription(f.user("PATIENT"), tier);
            assertThat(db.scalar("SELECT \"storageQuota\" FROM " + S + ".subscriptions WHERE \"id\" = ?", subscription))
                    .as("column default quota for a %s subscription (the application sets the tier's quota itself)", tier)
                    .isEqualTo(5_368_709_120L);
        }
    }

    @Test
    void not_null_rejects_user_without_phone_or_password_and_prescription_without_snapshot(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        f.assertRejected("user without phone number", "23502",
                "INSERT INTO " + S + ".users (\"role\", \"passwordHash\") VALUES ('PATIENT', 'h')");
        f.assertRejected("user without password hash", "23502",
                "INSERT INTO " + S + ".users (\"role\", \"phoneNumber\") VALUES ('PATIENT', ?)", MedicationFixtures.uniquePhone());
        for (String missing : List.of("patientName", "patientGender", "patientAge", "symptoms")) {
            String columns = String.join(", ", List.of("\"patientId\"", "\"patientName\"", "\"patientGender\"", "\"patientAge\"", "\"symptoms\"")
                    .stream().filter(c -> !c.equals("\"" + missing + "\"")).toList());
            String values = String.join(", ", List.of("?", "'N'", "'MALE'", "30", "'s'").stream()
                    .filter(v -> !v.equals(valueFor(missing))).toList());
            f.assertRejected("prescription without " + missing, "23502",
                    "INSERT INTO " + S + ".prescriptions (" + columns + ") VALUES (" + values + ")", patient);
        }
    }

    private static String valueFor(String column) {
        return switch (column) {
            case "patientName" -> "'N'";
            case "patientGender" -> "'MALE'";
            case "patientAge" -> "30";
            default -> "'s'";
        };
    }

    // ---- V5 hardening ---------------------------------------------------------------------------

    @Test
    void insert_without_id_or_updated_at_succeeds_in_every_table(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID prescription = f.prescription(patient, null);
        UUID medication = f.medication(prescription, 1);
        List<UUID> ids = List.of(patient, f.connection(patient, f.user("DOCTOR")), prescription, f.version(prescription, 1, null), medication,
                f.doseEvent(prescription, medication, patient), f.notification(patient), f.auditLog(null), f.subscription(patient, "PREMIUM"),
                f.familyMember(f.subscription(f.user("PATIENT"), "FAMILY_PREMIUM"), patient), f.mealTimes(patient));
        assertThat(ids).as("generated ids of rows in all 11 tables").hasSize(11).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(db.scalar("SELECT \"updatedAt\" IS NOT NULL AND \"updatedAt\" = \"createdAt\" FROM " + S + ".users WHERE \"id\" = ?", patient))
                .as("updatedAt defaults to the insert time").isEqualTo(true);
    }

    @Test
    void update_moves_updated_at(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID patient = f.user("PATIENT");
        UUID prescription = f.prescription(patient, null);
        UUID medication = f.medication(prescription, 1);
        UUID dose = f.doseEvent(prescription, medication, patient);
        Map<String, UUID> rows = new java.util.LinkedHashMap<>();
        rows.put("users", patient);
        rows.put("connections", f.connection(patient, f.user("DOCTOR")));
        rows.put("prescriptions", prescription);
        rows.put("medications", medication);
        rows.put("dose_events", dose);
        rows.put("subscriptions", f.subscription(patient, "FREEMIUM"));
        rows.put("meal_time_preferences", f.mealTimes(patient));
        for (Map.Entry<String, UUID> e : rows.entrySet()) {
            db.update("UPDATE " + S + "." + e.getKey() + " SET \"updatedAt\" = '2020-01-01 00:00:00+00' WHERE \"id\" = ?", e.getValue());
            assertThat(db.scalar("SELECT \"updatedAt\" > now() - interval '1 minute' FROM " + S + "." + e.getKey() + " WHERE \"id\" = ?", e.getValue()))
                    .as("%s.\"updatedAt\" set to the current time by the trigger, even when the writer sends an old value", e.getKey()).isEqualTo(true);
        }
    }

    @Test
    void update_of_another_column_moves_updated_at_forward(TestDatabase db) throws Exception {
        String phone = MedicationFixtures.uniquePhone();
        db.update("INSERT INTO " + S + ".users (\"role\", \"phoneNumber\", \"passwordHash\", \"createdAt\", \"updatedAt\") "
                + "VALUES ('PATIENT', ?, 'h', '2020-01-01 00:00:00+00', '2020-01-01 00:00:00+00')", phone);
        assertThat(db.scalar("SELECT extract(year FROM \"updatedAt\")::int FROM " + S + ".users WHERE \"phoneNumber\" = ?", phone))
                .as("an insert keeps the updatedAt it is given").isEqualTo(2020);
        db.update("UPDATE " + S + ".users SET \"firstName\" = 'Moved' WHERE \"phoneNumber\" = ?", phone);
        assertThat(db.query("SELECT \"updatedAt\" > now() - interval '1 minute' AS moved, extract(year FROM \"createdAt\")::int AS created "
                + "FROM " + S + ".users WHERE \"phoneNumber\" = ?", phone).get(0))
                .as("updatedAt moved to now, createdAt untouched").containsEntry("moved", true).containsEntry("created", 2020);
    }

    @Test
    void checks_reject_negative_storage_self_connections_and_impossible_counters(TestDatabase db) throws Exception {
        MedicationFixtures f = new MedicationFixtures(db);
        UUID user = f.user("PATIENT");
        UUID subscription = f.subscription(user, "FREEMIUM");
        UUID prescription = f.prescription(user, null);
        f.assertRejected("negative storageUsed", "23514", "UPDATE " + S + ".subscriptions SET \"storageUsed\" = -1 WHERE \"id\" = ?", subscription);
        f.assertRejected("zero storageQuota", "23514", "UPDATE " + S + ".subscriptions SET \"storageQuota\" = 0 WHERE \"id\" = ?", subscription);
        f.assertRejected("self-connection", "23514",
                "INSERT INTO " + S + ".connections (\"initiatorId\", \"recipientId\") VALUES (?, ?)", user, user);
        f.assertRejected("negative failedLoginAttempts", "23514",
                "UPDATE " + S + ".users SET \"failedLoginAttempts\" = -1 WHERE \"id\" = ?", user);
        f.assertRejected("negative patientAge", "23514", "UPDATE " + S + ".prescriptions SET \"patientAge\" = -1 WHERE \"id\" = ?", prescription);
        f.assertRejected("currentVersion 0", "23514", "UPDATE " + S + ".prescriptions SET \"currentVersion\" = 0 WHERE \"id\" = ?", prescription);
        f.assertRejected("versionNumber 0", "23514", "INSERT INTO " + S + ".prescription_versions (\"prescriptionId\", \"versionNumber\", "
                + "\"medicationsSnapshot\") VALUES (?, 0, '[]')", prescription);
        f.assertRejected("rowNumber 0", "23514", "INSERT INTO " + S + ".medications (\"prescriptionId\", \"rowNumber\", \"medicineName\") "
                + "VALUES (?, 0, 'x')", prescription);
        db.update("UPDATE " + S + ".subscriptions SET \"storageUsed\" = 0, \"storageQuota\" = 1 WHERE \"id\" = ?", subscription);
        assertThat(db.scalar("SELECT \"storageQuota\" FROM " + S + ".subscriptions WHERE \"id\" = ?", subscription))
                .as("boundary values accepted").isEqualTo(1L);
    }

    @Test
    void prisma_style_writes_with_client_ids_and_timestamps_still_work(TestDatabase db) throws Exception {
        UUID id = UUID.randomUUID();
        UUID subscriptionId = UUID.randomUUID();
        String phone = MedicationFixtures.uniquePhone();
        // what Prisma Client sends: every column named, "id" and "updatedAt" generated by the client
        db.update("INSERT INTO " + S + ".users (\"id\", \"role\", \"phoneNumber\", \"passwordHash\", \"language\", \"theme\", \"accountStatus\", "
                + "\"failedLoginAttempts\", \"createdAt\", \"updatedAt\") VALUES (?, CAST(? AS " + S + ".\"UserRole\"), ?, ?, CAST(? AS " + S
                + ".\"Language\"), CAST(? AS " + S + ".\"Theme\"), CAST(? AS " + S + ".\"AccountStatus\"), ?, ?, ?)",
                id, "DOCTOR", phone, "$2b$10$abc", "ENGLISH", "DARK", "PENDING_VERIFICATION", 0,
                OffsetDateTime.parse("2026-02-08T07:45:59.123Z"), OffsetDateTime.parse("2026-02-08T07:45:59.123Z"));
        db.update("INSERT INTO " + S + ".subscriptions (\"id\", \"userId\", \"tier\", \"storageQuota\", \"storageUsed\", \"createdAt\", \"updatedAt\") "
                + "VALUES (?, ?, CAST(? AS " + S + ".\"SubscriptionTier\"), ?, ?, ?, ?)", subscriptionId, id, "PREMIUM", 21_474_836_480L, 0L,
                OffsetDateTime.parse("2026-02-08T07:45:59.123Z"), OffsetDateTime.parse("2026-02-08T07:45:59.123Z"));
        assertThat(db.query("SELECT \"id\", \"createdAt\" = '2026-02-08T07:45:59.123Z' AS kept FROM " + S + ".users WHERE \"phoneNumber\" = ?", phone))
                .as("row written with the client's id and timestamps").singleElement()
                .satisfies(r -> {
                    assertThat(r.get("id")).isEqualTo(id);
                    assertThat(r.get("kept")).isEqualTo(true);
                });
        assertThat(db.scalar("SELECT \"storageQuota\" FROM " + S + ".subscriptions WHERE \"id\" = ?", subscriptionId))
                .as("quota set by the application on the PREMIUM tier").isEqualTo(21_474_836_480L);
    }
}
