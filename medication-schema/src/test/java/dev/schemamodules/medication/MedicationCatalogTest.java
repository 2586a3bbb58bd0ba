package dev.schemamodules.medication;

import static dev.schemamodules.medication.MedicationFixtures.S;
import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The deployed catalog equals the spec: the application's exact names (V1..V4) plus the V5 hardening. */
@SchemaTest(modules = "medication")
class MedicationCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/medication.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "medication");
    }

    private static final String TS = "timestamp(3) with time zone";
    private static final String NOW = "CURRENT_TIMESTAMP";
    private static final String UUID_DEFAULT = "gen_random_uuid()";

    private static final List<String> TABLES = List.of("audit_logs", "connections", "dose_events", "family_members", "meal_time_preferences",
            "medications", "notifications", "prescription_versions", "prescriptions", "subscriptions", "users");

    /** table -> "column | type | NULL or NOT NULL | default or -" in column order. */
    private static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("users", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "role | \"UserRole\" | NOT NULL | -",
                "firstName | character varying(100) | NULL | -",
                "lastName | character varying(100) | NULL | -",
                "fullName | character varying(200) | NULL | -",
                "phoneNumber | character varying(20) | NOT NULL | -",
                "email | character varying(255) | NULL | -",
                "passwordHash | character varying(255) | NOT NULL | -",
                "pinCodeHash | character varying(255) | NULL | -",
                "gender | \"Gender\" | NULL | -",
                "dateOfBirth | date | NULL | -",
                "idCardNumber | character varying(50) | NULL | -",
                "language | \"Language\" | NOT NULL | 'KHMER'::\"Language\"",
                "theme | \"Theme\" | NOT NULL | 'LIGHT'::\"Theme\"",
                "hospitalClinic | character varying(255) | NULL | -",
                "specialty | character varying(100) | NULL | -",
                "licenseNumber | character varying(100) | NULL | -",
                "licensePhotoUrl | text | NULL | -",
                "accountStatus | \"AccountStatus\" | NOT NULL | 'ACTIVE'::\"AccountStatus\"",
                "failedLoginAttempts | integer | NOT NULL | 0",
                "lockedUntil | " + TS + " | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW,
                "updatedAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("connections", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "initiatorId | uuid | NOT NULL | -",
                "recipientId | uuid | NOT NULL | -",
                "status | \"ConnectionStatus\" | NOT NULL | 'PENDING'::\"ConnectionStatus\"",
                "permissionLevel | \"PermissionLevel\" | NOT NULL | 'ALLOWED'::\"PermissionLevel\"",
                "requestedAt | " + TS + " | NOT NULL | " + NOW,
                "acceptedAt | " + TS + " | NULL | -",
                "revokedAt | " + TS + " | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW,
                "updatedAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("prescriptions", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "patientId | uuid | NOT NULL | -",
                "doctorId | uuid | NULL | -",
                "patientName | character varying(200) | NOT NULL | -",
                "patientGender | \"Gender\" | NOT NULL | -",
                "patientAge | integer | NOT NULL | -",
                "symptoms | text | NOT NULL | -",
                "status | \"PrescriptionStatus\" | NOT NULL | 'DRAFT'::\"PrescriptionStatus\"",
                "currentVersion | integer | NOT NULL | 1",
                "isUrgent | boolean | NOT NULL | false",
                "urgentReason | text | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW,
                "updatedAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("prescription_versions", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "prescriptionId | uuid | NOT NULL | -",
                "versionNumber | integer | NOT NULL | -",
                "authorId | uuid | NULL | -",
                "changeReason | text | NULL | -",
                "medicationsSnapshot | jsonb | NOT NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("medications", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "prescriptionId | uuid | NOT NULL | -",
                "rowNumber | integer | NOT NULL | -",
                "medicineName | character varying(255) | NOT NULL | -",
                "medicineNameKhmer | character varying(255) | NULL | -",
                "imageUrl | text | NULL | -",
                "morningDosage | jsonb | NULL | -",
                "daytimeDosage | jsonb | NULL | -",
                "nightDosage | jsonb | NULL | -",
                "frequency | character varying(100) | NULL | -",
                "timing | character varying(100) | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW,
                "updatedAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("dose_events", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "prescriptionId | uuid | NOT NULL | -",
                "medicationId | uuid | NOT NULL | -",
                "patientId | uuid | NOT NULL | -",
                "scheduledTime | " + TS + " | NOT NULL | -",
                "timePeriod | \"TimePeriod\" | NOT NULL | -",
                "reminderTime | character varying(10) | NULL | -",
                "status | \"DoseEventStatus\" | NOT NULL | 'DUE'::\"DoseEventStatus\"",
                "takenAt | " + TS + " | NULL | -",
                "skipReason | text | NULL | -",
                "wasOffline | boolean | NOT NULL | false",
                "createdAt | " + TS + " | NOT NULL | " + NOW,
                "updatedAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("notifications", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "recipientId | uuid | NOT NULL | -",
                "type | \"NotificationType\" | NOT NULL | -",
                "title | character varying(255) | NOT NULL | -",
                "message | text | NOT NULL | -",
                "data | jsonb | NULL | -",
                "isRead | boolean | NOT NULL | false",
                "readAt | " + TS + " | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("audit_logs", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "actorId | uuid | NULL | -",
                "actorRole | \"UserRole\" | NULL | -",
                "actionType | \"AuditActionType\" | NOT NULL | -",
                "resourceType | character varying(100) | NOT NULL | -",
                "resourceId | uuid | NULL | -",
                "details | jsonb | NULL | -",
                "ipAddress | character varying(45) | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("subscriptions", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "userId | uuid | NOT NULL | -",
                "tier | \"SubscriptionTier\" | NOT NULL | 'FREEMIUM'::\"SubscriptionTier\"",
                "storageQuota | bigint | NOT NULL | '5368709120'::bigint",
                "storageUsed | bigint | NOT NULL | 0",
                "expiresAt | " + TS + " | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW,
                "updatedAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("family_members", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "subscriptionId | uuid | NOT NULL | -",
                "memberId | uuid | NOT NULL | -",
                "addedAt | " + TS + " | NOT NULL | " + NOW));
        COLUMNS.put("meal_time_preferences", List.of(
                "id | uuid | NOT NULL | " + UUID_DEFAULT,
                "userId | uuid | NOT NULL | -",
                "morningMeal | character varying(20) | NULL | -",
                "afternoonMeal | character varying(20) | NULL | -",
                "nightMeal | character varying(20) | NULL | -",
                "createdAt | " + TS + " | NOT NULL | " + NOW,
                "updatedAt | " + TS + " | NOT NULL | " + NOW));
    }

    /** name -> "table(column) -> referenced | ON DELETE action | ON UPDATE action". */
    private static final Map<String, String> FOREIGN_KEYS = new LinkedHashMap<>();

    static {
        fk("connections", "initiatorId", "users", "CASCADE");
        fk("connections", "recipientId", "users", "CASCADE");
        fk("prescriptions", "patientId", "users", "CASCADE");
        fk("prescriptions", "doctorId", "users", "SET NULL");
        fk("prescription_versions", "prescriptionId", "prescriptions", "CASCADE");
        fk("prescription_versions", "authorId", "users", "SET NULL");
        fk("medications", "prescriptionId", "prescriptions", "CASCADE");
        fk("dose_events", "prescriptionId", "prescriptions", "CASCADE");
        fk("dose_events", "medicationId", "medications", "CASCADE");
        fk("dose_events", "patientId", "users", "CASCADE");
        fk("notifications", "recipientId", "users", "CASCADE");
        fk("audit_logs", "actorId", "users", "SET NULL");
        fk("subscriptions", "userId", "users", "CASCADE");
        fk("family_members", "subscriptionId", "subscriptions", "CASCADE");
        fk("family_members", "memberId", "users", "CASCADE");
        fk("meal_time_preferences", "userId", "users", "CASCADE");
    }

    private static void fk(String table, String column, String referenced, String onDelete) {
        FOREIGN_KEYS.put(table + "_" + column + "_fkey", table + "(" + column + ") -> " + referenced + "(id) | ON DELETE " + onDelete
                + " | ON UPDATE CASCADE");
    }

    /** The application's 38 non-primary-key indexes: name -> definition (without schema). */
    private static final Map<String, String> APPLICATION_INDEXES = new LinkedHashMap<>();

    static {
        unique("users", "phoneNumber");
        unique("users", "email");
        unique("users", "idCardNumber");
        unique("users", "licenseNumber");
        index("users", "phoneNumber");
        index("users", "email");
        index("users", "role");
        index("users", "accountStatus");
        unique("connections", "initiatorId", "recipientId");
        index("connections", "initiatorId");
        index("connections", "recipientId");
        index("connections", "status");
        index("prescriptions", "patientId");
        index("prescriptions", "doctorId");
        index("prescriptions", "status");
        index("prescriptions", "patientId", "status");
        unique("prescription_versions", "prescriptionId", "versionNumber");
        index("prescription_versions", "prescriptionId");
        index("medications", "prescriptionId");
        index("dose_events", "patientId");
        index("dose_events", "scheduledTime");
        index("dose_events", "status");
        index("dose_events", "patientId", "scheduledTime");
        index("dose_events", "prescriptionId");
        index("notifications", "recipientId");
        index("notifications", "recipientId", "isRead");
        index("notifications", "createdAt");
        index("audit_logs", "actorId");
        index("audit_logs", "resourceId");
        index("audit_logs", "createdAt");
        index("audit_logs", "actionType");
        unique("subscriptions", "userId");
        index("subscriptions", "userId");
        index("subscriptions", "tier");
        unique("family_members", "subscriptionId", "memberId");
        index("family_members", "subscriptionId");
        unique("meal_time_preferences", "userId");
        index("meal_time_preferences", "userId");
    }

    private static void unique(String table, String... columns) {
        APPLICATION_INDEXES.put(table + "_" + String.join("_", columns) + "_key", definition(true, table, columns));
    }

    private static void index(String table, String... columns) {
        APPLICATION_INDEXES.put(table + "_" + String.join("_", columns) + "_idx", definition(false, table, columns));
    }

    private static String definition(boolean unique, String table, String... columns) {
        String name = table + "_" + String.join("_", columns) + (unique ? "_key" : "_idx");
        String cols = java.util.Arrays.stream(columns).map(MedicationCatalogTest::quoted).collect(Collectors.joining(", "));
        return "CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + quoted(name) + " ON " + table + " USING btree (" + cols + ")";
    }

    /** As PostgreSQL prints an identifier: quoted only when it has upper-case letters. */
    private static String quoted(String identifier) {
        return identifier.equals(identifier.toLowerCase()) ? identifier : "\"" + identifier + "\"";
    }

    private static String withoutSchema(String text) {
        return text == null ? null : text.replace(S + ".", "");
    }

    @Test
    void schema_holds_exactly_the_eleven_application_tables(TestDatabase db) throws Exception {
        assertThat(db.catalog(S).tables()).as("tables of schema %s", S).containsExactlyElementsOf(TABLES);
        assertThat(db.catalog(S).views()).as("views").isEmpty();
    }

    @Test
    void enums_are_the_thirteen_application_types_with_labels_in_order(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        expected.put("UserRole", List.of("PATIENT", "DOCTOR", "FAMILY_MEMBER"));
        expected.put("Gender", List.of("MALE", "FEMALE", "OTHER"));
        expected.put("Language", List.of("KHMER", "ENGLISH"));
        expected.put("Theme", List.of("LIGHT", "DARK"));
        expected.put("AccountStatus", List.of("ACTIVE", "PENDING_VERIFICATION", "VERIFIED", "REJECTED", "LOCKED"));
        expected.put("ConnectionStatus", List.of("PENDING", "ACCEPTED", "REVOKED"));
        expected.put("PermissionLevel", List.of("NOT_ALLOWED", "REQUEST", "SELECTED", "ALLOWED"));
        expected.put("PrescriptionStatus", List.of("DRAFT", "ACTIVE", "PAUSED", "INACTIVE"));
        expected.put("TimePeriod", List.of("DAYTIME", "NIGHT"));
        expected.put("DoseEventStatus", List.of("DUE", "TAKEN_ON_TIME", "TAKEN_LATE", "MISSED", "SKIPPED"));
        expected.put("SubscriptionTier", List.of("FREEMIUM", "PREMIUM", "FAMILY_PREMIUM"));
        expected.put("NotificationType", List.of("CONNECTION_REQUEST", "PRESCRIPTION_UPDATE", "MISSED_DOSE_ALERT", "URGENT_PRESCRIPTION_CHANGE",
                "FAMILY_ALERT"));
        expected.put("AuditActionType", List.of("CONNECTION_REQUEST", "CONNECTION_ACCEPT", "CONNECTION_REVOKE", "PERMISSION_CHANGE",
                "PRESCRIPTION_CREATE", "PRESCRIPTION_UPDATE", "PRESCRIPTION_CONFIRM", "PRESCRIPTION_RETAKE", "DOSE_TAKEN", "DOSE_SKIPPED",
                "DOSE_MISSED", "DATA_ACCESS", "NOTIFICATION_SENT", "SUBSCRIPTION_CHANGE"));

        assertThat(c.enums()).as("enum types (13, not the document's 14)").hasSize(13)
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            assertThat(c.enumLabels(e.getKey())).as("labels of enum \"%s\" in declaration order", e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void every_table_has_its_columns_with_types_nullability_and_defaults(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
            List<String> actual = new ArrayList<>();
            for (Catalog.Column col : c.columns(e.getKey())) {
                actual.add(col.name() + " | " + withoutSchema(col.type()) + " | " + (col.nullable() ? "NULL" : "NOT NULL") + " | "
                        + (col.defaultExpression() == null ? "-" : withoutSchema(col.defaultExpression())));
            }
            assertThat(actual).as("columns of %s (name | type | nullability | default), in order", e.getKey())
                    .containsExactlyElementsOf(e.getValue());
        }
        assertThat(COLUMNS.keySet()).as("every table checked").containsExactlyInAnyOrderElementsOf(TABLES);
    }

    @Test
    void every_timestamp_column_is_timestamptz_with_millisecond_precision(TestDatabase db) throws Exception {
        List<String> wrong = db.column("SELECT table_name || '.' || column_name FROM information_schema.columns WHERE table_schema = ? "
                + "AND table_name <> 'flyway_schema_history' AND data_type LIKE 'timestamp%' AND (data_type <> 'timestamp with time zone' OR datetime_precision <> 3)", S);
        long timestamps = db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = ? AND table_name <> 'flyway_schema_history' AND data_type LIKE 'timestamp%'", S);
        assertThat(wrong).as("timestamp columns that are not timestamptz(3)").isEmpty();
        assertThat(timestamps).as("timestamp columns in the schema").isEqualTo(26);
    }

    @Test
    void column_names_are_case_sensitive_camel_case(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        assertThat(c.column("users", "phoneNumber")).as("quoted camelCase column users.\"phoneNumber\"").isPresent();
        assertThat(c.column("users", "phonenumber")).as("folded lower-case users.phonenumber").isEmpty();
        assertThat(c.column("dose_events", "scheduledTime")).as("dose_events.\"scheduledTime\"").isPresent();
        assertThat(c.column("dose_events", "scheduled_time")).as("snake_case dose_events.scheduled_time").isEmpty();
    }

    @Test
    void every_table_has_its_primary_key_named_table_pkey(TestDatabase db) throws Exception {
        List<String> primaryKeys = db.catalog(S).constraints(null).stream().filter(k -> k.type().equals("p"))
                .map(k -> k.name() + " " + k.definition()).toList();
        assertThat(primaryKeys).as("primary keys").containsExactlyInAnyOrderElementsOf(
                TABLES.stream().map(t -> t + "_pkey PRIMARY KEY (id)").toList());
    }

    @Test
    void all_sixteen_foreign_keys_have_their_delete_action_and_cascade_on_update(TestDatabase db) throws Exception {
        Map<String, String> actual = new LinkedHashMap<>();
        for (Catalog.ForeignKey f : db.catalog(S).foreignKeys(null)) {
            assertThat(f.referencedSchema()).as("schema referenced by %s", f.name()).isEqualTo(S);
            actual.put(f.name(), f.table() + "(" + String.join(",", f.columns()) + ") -> " + f.referencedTable() + "("
                    + String.join(",", f.referencedColumns()) + ") | ON DELETE " + f.onDelete() + " | ON UPDATE " + f.onUpdate());
        }
        assertThat(actual).as("foreign keys (16, not the document's 15)").hasSize(16).containsExactlyInAnyOrderEntriesOf(FOREIGN_KEYS);
    }

    @Test
    void the_application_indexes_exist_by_name_with_their_columns(TestDatabase db) throws Exception {
        Map<String, String> actual = new LinkedHashMap<>();
        db.catalog(S).indexes(null).forEach((name, def) -> actual.put(name, withoutSchema(def)));
        assertThat(actual).as("the application's 38 non-primary-key indexes").containsAllEntriesOf(APPLICATION_INDEXES);
        assertThat(APPLICATION_INDEXES).as("index expectations (9 unique)").hasSize(38);
        assertThat(APPLICATION_INDEXES.keySet().stream().filter(n -> n.endsWith("_key"))).hasSize(9);
    }

    @Test
    void hardening_adds_exactly_three_foreign_key_indexes(TestDatabase db) throws Exception {
        Map<String, String> actual = new LinkedHashMap<>();
        db.catalog(S).indexes(null).forEach((name, def) -> actual.put(name, withoutSchema(def)));
        Map<String, String> expected = new LinkedHashMap<>(APPLICATION_INDEXES);
        TABLES.forEach(t -> expected.put(t + "_pkey", "CREATE UNIQUE INDEX " + t + "_pkey ON " + t + " USING btree (id)"));
        expected.put("dose_events_medicationId_idx", "CREATE INDEX \"dose_events_medicationId_idx\" ON dose_events USING btree (\"medicationId\")");
        expected.put("family_members_memberId_idx", "CREATE INDEX \"family_members_memberId_idx\" ON family_members USING btree (\"memberId\")");
        expected.put("prescription_versions_authorId_idx",
                "CREATE INDEX \"prescription_versions_authorId_idx\" ON prescription_versions USING btree (\"authorId\")");
        assertThat(actual).as("every index of the schema: 11 primary keys, 38 application indexes, 3 FK indexes of V5")
                .hasSize(52).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void unique_keys_are_named_constraints_with_the_application_names(TestDatabase db) throws Exception {
        List<String> uniques = db.catalog(S).constraints(null).stream().filter(k -> k.type().equals("u"))
                .map(k -> k.name() + " " + k.definition()).toList();
        assertThat(uniques).as("unique constraints").containsExactlyInAnyOrder(
                "users_phoneNumber_key UNIQUE (\"phoneNumber\")",
                "users_email_key UNIQUE (email)",
                "users_idCardNumber_key UNIQUE (\"idCardNumber\")",
                "users_licenseNumber_key UNIQUE (\"licenseNumber\")",
                "connections_initiatorId_recipientId_key UNIQUE (\"initiatorId\", \"recipientId\")",
                "prescription_versions_prescriptionId_versionNumber_key UNIQUE (\"prescriptionId\", \"versionNumber\")",
                "subscriptions_userId_key UNIQUE (\"userId\")",
                "family_members_subscriptionId_memberId_key UNIQUE (\"subscriptionId\", \"memberId\")",
                "meal_time_preferences_userId_key UNIQUE (\"userId\")");
    }

    @Test
    void hardening_adds_the_eight_check_constraints(TestDatabase db) throws Exception {
        List<String> checks = db.catalog(S).constraints(null).stream().filter(k -> k.type().equals("c"))
                .map(k -> k.table() + "." + k.name() + " " + k.definition()).toList();
        assertThat(checks).as("CHECK constraints").containsExactlyInAnyOrder(
                "users.users_failedLoginAttempts_check CHECK ((\"failedLoginAttempts\" >= 0))",
                "connections.connections_initiatorId_recipientId_check CHECK ((\"initiatorId\" <> \"recipientId\"))",
                "prescriptions.prescriptions_patientAge_check CHECK ((\"patientAge\" >= 0))",
                "prescriptions.prescriptions_currentVersion_check CHECK ((\"currentVersion\" >= 1))",
                "prescription_versions.prescription_versions_versionNumber_check CHECK ((\"versionNumber\" >= 1))",
                "medications.medications_rowNumber_check CHECK ((\"rowNumber\" >= 1))",
                "subscriptions.subscriptions_storageUsed_check CHECK ((\"storageUsed\" >= 0))",
                "subscriptions.subscriptions_storageQuota_check CHECK ((\"storageQuota\" > 0))");
    }

    @Test
    void updated_at_trigger_is_on_the_seven_tables_with_updated_at_and_pins_search_path(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        List<String> withUpdatedAt = new ArrayList<>();
        for (String t : TABLES) {
            boolean has = c.column(t, "updatedAt").isPresent();
            if (has) {
                withUpdatedAt.add(t);
            }
            assertThat(c.triggers(t)).as("triggers on %s", t).isEqualTo(has ? List.of("trg_" + t + "_updated_at") : List.of());
        }
        assertThat(withUpdatedAt).as("tables with \"updatedAt\"").hasSize(7);
        assertThat(c.functions()).as("functions of the schema").containsExactly("set_updated_at()");
        assertThat(c.functionsWithoutPinnedSearchPath()).as("functions without a pinned search_path").isEmpty();
        assertThat(db.scalar("SELECT count(*) FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = ? AND p.proname = 'set_updated_at' AND NOT t.tgisinternal", S))
                .as("triggers using the module's own set_updated_at()").isEqualTo(7L);
    }

    @Test
    void every_table_has_a_comment_and_nothing_references_another_schema(TestDatabase db) throws Exception {
        Catalog c = db.catalog(S);
        for (String t : TABLES) {
            assertThat(c.tableComment(t)).as("comment on table %s", t).isPresent();
            assertThat(c.rowLevelSecurity(t)).as("row-level security on %s (the application has its own authentication)", t).isFalse();
        }
        assertThat(db.column("SELECT nspname FROM pg_namespace WHERE nspname IN ('platform', 'auth')"))
                .as("schemas of the platform module: not required by medication").isEmpty();
    }
}
