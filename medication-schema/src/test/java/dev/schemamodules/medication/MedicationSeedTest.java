package dev.schemamodules.medication;

import static dev.schemamodules.medication.MedicationFixtures.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.Seeds;
import dev.schemamodules.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The common (tier quotas) and dev (demo data) seeds: contents, consistency with the schema, idempotence. */
@SchemaTest(modules = "medication", seed = "dev")
class MedicationSeedTest {

    private static final long GIB = 1024L * 1024 * 1024;
    private static final String COMMON = "R__subscription_tier_quotas.sql";
    private static final String DEV = "R__demo_data.sql";

    @Test
    void tier_quotas_are_5_gib_free_and_20_gib_premium_and_family_premium(TestDatabase db) throws Exception {
        Map<String, Object> quotas = new LinkedHashMap<>();
        for (Map<String, Object> r : db.query("SELECT \"tier\"::text AS tier, \"storageQuota\" AS quota FROM " + S
                + ".subscription_tier_quotas q ORDER BY q.\"tier\"")) {
            quotas.put((String) r.get("tier"), r.get("quota"));
        }
        assertThat(quotas).as("reference quota per tier, in enum order").containsExactly(
                Map.entry("FREEMIUM", 5 * GIB), Map.entry("PREMIUM", 20 * GIB), Map.entry("FAMILY_PREMIUM", 20 * GIB));
        assertThat(quotas.get("FREEMIUM")).as("FREEMIUM quota in bytes").isEqualTo(5_368_709_120L);
        assertThat(quotas.get("PREMIUM")).as("PREMIUM quota in bytes").isEqualTo(21_474_836_480L);
    }

    @Test
    void column_default_quota_is_the_freemium_reference_quota(TestDatabase db) throws Exception {
        Object freemium = db.scalar("SELECT \"storageQuota\" FROM " + S + ".subscription_tier_quotas WHERE \"tier\" = 'FREEMIUM'");
        String columnDefault = db.catalog(S).column("subscriptions", "storageQuota").orElseThrow().defaultExpression();
        assertThat(columnDefault).as("subscriptions.\"storageQuota\" default").isEqualTo("'" + freemium + "'::bigint");
        assertThat(db.scalar("SELECT \"tier\"::text FROM " + S + ".subscription_tier_quotas t WHERE t.\"storageQuota\" = "
                + "(SELECT min(\"storageQuota\") FROM " + S + ".subscription_tier_quotas)")).as("the smallest quota is FREEMIUM's").isEqualTo("FREEMIUM");
    }

    @Test
    void dev_seed_has_the_application_demo_data_set(TestDatabase db) throws Exception {
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("users", 11L);
        expected.put("subscriptions", 4L);
        expected.put("connections", 8L);
        expected.put("prescriptions", 5L);
        expected.put("medications", 11L);
        expected.put("prescription_versions", 4L);
        expected.put("dose_events", 15L);
        expected.put("notifications", 8L);
        expected.put("audit_logs", 13L);
        expected.put("meal_time_preferences", 4L);
        Map<String, Long> actual = new LinkedHashMap<>();
        for (String table : expected.keySet()) {
            actual.put(table, db.count("SELECT count(*) FROM " + S + "." + table));
        }
        assertThat(actual).as("rows per table after the dev seed").containsExactlyEntriesOf(expected);
    }

    @Test
    void dev_users_are_four_patients_four_verified_doctors_and_three_family_members(TestDatabase db) throws Exception {
        assertThat(db.column("SELECT \"role\"::text || ' ' || count(*) FROM " + S + ".users GROUP BY \"role\" ORDER BY \"role\""))
                .as("users per role").containsExactly("PATIENT 4", "DOCTOR 4", "FAMILY_MEMBER 3");
        assertThat(db.count("SELECT count(*) FROM " + S + ".users WHERE \"role\" = 'DOCTOR' AND \"accountStatus\" = 'VERIFIED' "
                + "AND \"licenseNumber\" IS NOT NULL AND \"specialty\" IS NOT NULL AND \"hospitalClinic\" IS NOT NULL")).as("verified doctors").isEqualTo(4);
        assertThat(db.column("SELECT \"phoneNumber\" FROM " + S + ".users ORDER BY 1"))
                .as("phone numbers +85512345678 ... +85512345688")
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(85512345678L, 85512345688L).mapToObj(n -> "+" + n).toList());
        assertThat(db.column("SELECT DISTINCT \"passwordHash\" || ' ' || \"pinCodeHash\" FROM " + S + ".users"))
                .as("one shared bcrypt (cost 10) password and PIN hash").singleElement()
                .satisfies(h -> assertThat(h).matches("\\$2[aby]\\$10\\$[./A-Za-z0-9]{53} \\$2[aby]\\$10\\$[./A-Za-z0-9]{53}"));
        assertThat(db.scalar("SELECT \"language\"::text FROM " + S + ".users WHERE \"fullName\" = 'Bopha Lim'")).as("Bopha Lim's language")
                .isEqualTo("ENGLISH");
    }

    @Test
    void dev_subscriptions_have_the_quota_of_their_tier_and_the_documented_usage(TestDatabase db) throws Exception {
        assertThat(db.column("SELECT u.\"fullName\" || ' ' || s.\"tier\" || ' ' || s.\"storageUsed\" FROM " + S + ".subscriptions s JOIN " + S
                + ".users u ON u.\"id\" = s.\"userId\" ORDER BY u.\"phoneNumber\""))
                .as("tier and storage used per patient").containsExactly(
                        "Sokha Chan FREEMIUM " + GIB, "Sreymom Pich PREMIUM " + 5 * GIB, "Bopha Lim FAMILY_PREMIUM " + 2 * GIB,
                        "Virak Heng FREEMIUM " + GIB / 2);
        assertThat(db.count("SELECT count(*) FROM " + S + ".subscriptions s JOIN " + S + ".subscription_tier_quotas q ON q.\"tier\" = s.\"tier\" "
                + "WHERE s.\"storageQuota\" = q.\"storageQuota\"")).as("subscriptions whose quota equals their tier's reference quota").isEqualTo(4);
    }

    @Test
    void dev_connections_prescriptions_and_doses_cover_every_case(TestDatabase db) throws Exception {
        assertThat(db.column("SELECT i.\"role\" || ' ' || c.\"status\" || ' ' || c.\"permissionLevel\" FROM " + S + ".connections c JOIN " + S
                + ".users i ON i.\"id\" = c.\"initiatorId\" ORDER BY 1")).as("connections by initiator role, status and permission")
                .containsExactly("DOCTOR ACCEPTED ALLOWED", "DOCTOR ACCEPTED ALLOWED", "DOCTOR ACCEPTED REQUEST", "DOCTOR ACCEPTED SELECTED",
                        "DOCTOR PENDING REQUEST", "FAMILY_MEMBER ACCEPTED ALLOWED", "FAMILY_MEMBER ACCEPTED ALLOWED", "FAMILY_MEMBER ACCEPTED SELECTED");
        assertThat(db.column("SELECT \"status\" || ' ' || \"isUrgent\" FROM " + S + ".prescriptions ORDER BY \"status\", \"isUrgent\""))
                .as("prescriptions: 3 ACTIVE (1 urgent), 1 DRAFT, 1 PAUSED")
                .containsExactly("DRAFT false", "ACTIVE false", "ACTIVE false", "ACTIVE true", "PAUSED false");
        assertThat(db.column("SELECT DISTINCT \"status\"::text FROM " + S + ".dose_events ORDER BY 1"))
                .as("every dose status").containsExactlyInAnyOrder("DUE", "TAKEN_ON_TIME", "TAKEN_LATE", "MISSED", "SKIPPED");
        assertThat(db.column("SELECT DISTINCT \"timePeriod\"::text FROM " + S + ".dose_events ORDER BY 1")).as("both periods")
                .containsExactly("DAYTIME", "NIGHT");
        assertThat(db.count("SELECT count(*) FROM " + S + ".dose_events WHERE \"wasOffline\"")).as("offline records").isEqualTo(1);
        assertThat(db.count("SELECT count(*) FROM " + S + ".dose_events d JOIN " + S + ".prescriptions p ON p.\"id\" = d.\"prescriptionId\" "
                + "WHERE d.\"patientId\" <> p.\"patientId\"")).as("dose events of another patient's prescription").isZero();
        assertThat(db.count("SELECT count(*) FROM " + S + ".medications WHERE \"medicineNameKhmer\" ~ '[\\u1780-\\u17FF]' "
                + "AND coalesce(\"morningDosage\", \"daytimeDosage\", \"nightDosage\") ->> 'amount' IS NOT NULL")).as("medications with Khmer names and dosage objects")
                .isEqualTo(11);
        assertThat(db.count("SELECT count(*) FROM " + S + ".prescription_versions v WHERE jsonb_array_length(v.\"medicationsSnapshot\") = "
                + "(SELECT count(*) FROM " + S + ".medications m WHERE m.\"prescriptionId\" = v.\"prescriptionId\")"))
                .as("version snapshots holding their prescription's medications").isEqualTo(4);
        assertThat(db.count("SELECT count(*) FROM " + S + ".audit_logs WHERE \"resourceId\" IS NULL")).as("audit rows without resource").isZero();
    }

    @Test
    void seeds_applied_again_change_nothing(TestDatabase db) throws Exception {
        Seeds.assertRerunChangesNothing(db, "medication");
        assertThat(db.count("SELECT count(*) FROM " + S + ".users")).as("users after re-runs").isEqualTo(11);
        assertThat(db.count("SELECT count(*) FROM " + S + ".flyway_schema_history WHERE \"type\" = 'SQL' AND \"version\" IS NULL"))
                .as("repeatable seed scripts recorded once each").isEqualTo(Seeds.scripts(db, "medication").size());
    }

    @Test
    void common_seed_restores_a_changed_tier_quota(TestDatabase db) throws Exception {
        db.update("UPDATE " + S + ".subscription_tier_quotas SET \"storageQuota\" = 1 WHERE \"tier\" = 'PREMIUM'");
        Seeds.run(db, "medication", "common", COMMON);
        assertThat(db.scalar("SELECT \"storageQuota\" FROM " + S + ".subscription_tier_quotas WHERE \"tier\" = 'PREMIUM'"))
                .as("PREMIUM quota upserted back to 20 GiB").isEqualTo(20 * GIB);
    }

    @Test
    void dev_seed_keeps_existing_users_with_a_seed_phone_number(TestDatabase db) throws Exception {
        try (TestDatabase other = TestDatabase.create(List.of("medication"), "")) {
            other.update("INSERT INTO " + S + ".users (\"role\", \"phoneNumber\", \"passwordHash\", \"firstName\") VALUES ('PATIENT', '+85512345678', "
                    + "'own', 'Existing')");
            Seeds.run(other, "medication", "common", COMMON);
            Seeds.run(other, "medication", "dev", DEV);
            assertThat(other.query("SELECT \"firstName\", \"passwordHash\" FROM " + S + ".users WHERE \"phoneNumber\" = '+85512345678'").get(0))
                    .as("an existing user is neither replaced nor changed").containsEntry("firstName", "Existing").containsEntry("passwordHash", "own");
            assertThat(other.count("SELECT count(*) FROM " + S + ".prescriptions p JOIN " + S + ".users u ON u.\"id\" = p.\"patientId\" "
                    + "WHERE u.\"phoneNumber\" = '+85512345678'")).as("demo prescriptions attached to the existing user by phone number").isEqualTo(1);
            assertThat(other.count("SELECT count(*) FROM " + S + ".users")).as("users").isEqualTo(11);
        }
        assertThat(db.count("SELECT count(*) FROM " + S + ".users WHERE \"firstName\" = 'Existing'")).as("the class database is untouched").isZero();
    }
}
