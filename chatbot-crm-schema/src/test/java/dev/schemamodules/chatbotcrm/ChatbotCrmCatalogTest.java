package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.testing.Catalog;
import dev.schemamodules.testing.GoldenCatalog;
import dev.schemamodules.testing.SchemaTest;
import dev.schemamodules.testing.TestDatabase;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The catalog exactly as the domain file describes it (names, types, nullability, defaults, FKs, indexes). */
@SchemaTest(modules = "chatbot-crm")
class ChatbotCrmCatalogTest {

    /**
     * Every table, column (type, nullability, default), constraint, FK action, index, enum, function, trigger, policy,
     * RLS flag and grant of the module, against the reviewed file src/test/resources/catalog/chatbot-crm.txt.
     */
    @Test
    void catalog_matches_the_reviewed_golden_file(TestDatabase db) throws Exception {
        GoldenCatalog.assertMatches(db, "chatbot-crm");
    }

    static final String TS = "timestamp without time zone";
    static final String TSTZ = "timestamp with time zone";
    static final String V255 = "character varying(255)";
    static final String V50 = "character varying(50)";
    static final String V100 = "character varying(100)";
    static final String ID = "id|uuid|NN|gen_random_uuid()";

    static String pid(String prefix, boolean notNull) {
        return "public_id|" + V255 + "|" + (notNull ? "NN" : "N") + "|platform.generate_public_id('" + prefix + "'::text)";
    }

    static String vc(int n, String value) {
        return "'" + value + "'::character varying";
    }

    /** table -> "name|type|NN or N|default" per column, in column order. */
    static final Map<String, List<String>> COLUMNS = new LinkedHashMap<>();

    static {
        COLUMNS.put("users", List.of(ID, "email|text|NN|", "password_hash|text|N|", "role|text|N|'patient'::text",
                "meta|jsonb|N|'{}'::jsonb", "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("patients", List.of(ID, "first_name|" + V255 + "|NN|", "last_name|" + V255 + "|NN|", "email|" + V255 + "|N|",
                "phone|" + V50 + "|N|", "date_of_birth|date|N|", "gender|character varying(20)|N|", "address|text|N|",
                "medical_history|text|N|", "allergies|text|N|", "emergency_contact_name|" + V255 + "|N|",
                "emergency_contact_phone|" + V50 + "|N|", "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()",
                pid("pat", false)));
        COLUMNS.put("doctors", List.of(ID, "user_id|uuid|N|", "first_name|" + V255 + "|NN|", "last_name|" + V255 + "|NN|",
                "specialization|" + V255 + "|N|", "license_number|" + V100 + "|N|", "phone|" + V50 + "|N|", "email|" + V255 + "|N|",
                "consultation_fee|numeric(10,2)|N|", "is_active|boolean|N|true", "created_at|" + TS + "|N|now()",
                "updated_at|" + TS + "|N|now()", pid("doc", false)));
        COLUMNS.put("appointments", List.of(ID, "patient_id|uuid|N|", "doctor_id|uuid|N|", "appointment_date|date|NN|",
                "appointment_time|time without time zone|NN|", "duration|integer|N|30", "status|" + V50 + "|N|" + vc(50, "scheduled"),
                "notes|text|N|", "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()", pid("apt", false)));
        COLUMNS.put("sessions", List.of(ID, "appointment_id|uuid|N|", "patient_id|uuid|N|", "doctor_id|uuid|N|",
                "session_date|date|NN|", "session_time|time without time zone|NN|", "duration|integer|N|30",
                "status|" + V50 + "|N|" + vc(50, "scheduled"), "diagnosis|text|N|", "treatment_plan|text|N|", "notes|text|N|",
                "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()", pid("ses", false)));
        COLUMNS.put("insurance_claims", List.of(ID, "patient_id|uuid|N|", "appointment_id|uuid|N|", "claim_number|" + V100 + "|N|",
                "insurance_provider|" + V255 + "|N|", "claim_amount|numeric(10,2)|N|", "approved_amount|numeric(10,2)|N|",
                "status|" + V50 + "|N|" + vc(50, "pending"), "submitted_date|date|N|", "processed_date|date|N|", "notes|text|N|",
                "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()", pid("clm", false)));
        COLUMNS.put("user_preferences", List.of(ID, "user_id|uuid|NN|", "theme|character varying(20)|N|" + vc(20, "system"),
                "language|character varying(5)|N|" + vc(5, "ar"), "timezone|" + V50 + "|N|" + vc(50, "Asia/Riyadh"),
                "notifications_enabled|boolean|N|true", "sidebar_collapsed|boolean|N|false",
                "dashboard_layout|character varying(20)|N|" + vc(20, "grid"), "created_at|" + TSTZ + "|N|now()",
                "updated_at|" + TSTZ + "|N|now()"));
        COLUMNS.put("chatbot_flows", List.of(ID, pid("flw", true), "name|" + V255 + "|NN|", "description|text|N|",
                "status|" + V50 + "|N|" + vc(50, "draft"), "version|integer|N|1", "created_by|uuid|N|", "published_at|" + TS + "|N|",
                "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("chatbot_nodes", List.of(ID, pid("nod", true), "flow_id|uuid|N|", "node_type|" + V50 + "|NN|",
                "name|" + V255 + "|NN|", "config|jsonb|NN|", "position_x|integer|N|0", "position_y|integer|N|0",
                "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("chatbot_edges", List.of(ID, pid("edg", true), "flow_id|uuid|N|", "source_node_id|uuid|N|",
                "target_node_id|uuid|N|", "condition|jsonb|N|", "created_at|" + TS + "|N|now()"));
        COLUMNS.put("chatbot_templates", List.of(ID, pid("", true), "name|" + V255 + "|NN|", "category|" + V100 + "|N|",
                "language|character varying(10)|N|" + vc(10, "ar"), "content|text|NN|", "variables|jsonb|N|",
                "is_approved|boolean|N|false", "created_by|uuid|N|", "approved_by|uuid|N|", "created_at|" + TS + "|N|now()",
                "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("chatbot_integrations", List.of(ID, pid("", true), "provider|" + V50 + "|NN|", "name|" + V255 + "|NN|",
                "config|jsonb|NN|", "status|" + V50 + "|N|" + vc(50, "inactive"), "webhook_url|character varying(500)|N|",
                "webhook_secret|" + V255 + "|N|", "last_health_check|" + TS + "|N|", "health_status|" + V50 + "|N|" + vc(50, "unknown"),
                "created_by|uuid|N|", "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("conversations", List.of(ID, pid("cnv", true), "integration_id|uuid|N|", "patient_id|uuid|N|",
                "external_id|" + V255 + "|N|", "status|" + V50 + "|N|" + vc(50, "active"), "channel|" + V50 + "|NN|",
                "started_at|" + TS + "|N|now()", "ended_at|" + TS + "|N|", "metadata|jsonb|N|", "created_at|" + TS + "|N|now()",
                "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("messages", List.of(ID, pid("msg", true), "conversation_id|uuid|N|", "sender_type|" + V50 + "|NN|",
                "content|text|NN|", "message_type|" + V50 + "|N|" + vc(50, "text"), "metadata|jsonb|N|",
                "sent_at|" + TS + "|N|now()", "read_at|" + TS + "|N|"));
        COLUMNS.put("crm_leads", List.of(ID, pid("led", true), "name|" + V255 + "|NN|", "email|" + V255 + "|N|",
                "phone|" + V50 + "|N|", "company|" + V255 + "|N|", "source|" + V100 + "|N|", "status|" + V50 + "|N|" + vc(50, "new"),
                "score|integer|N|0", "notes|text|N|", "owner_id|uuid|N|", "assigned_at|" + TS + "|N|now()",
                "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("crm_deals", List.of(ID, pid("del", true), "title|" + V255 + "|NN|", "description|text|N|",
                "value|numeric(12,2)|N|", "currency|character varying(10)|N|" + vc(10, "SAR"),
                "stage|" + V50 + "|N|" + vc(50, "prospecting"), "probability|integer|N|0", "expected_close_date|date|N|",
                "actual_close_date|date|N|", "owner_id|uuid|N|", "contact_id|uuid|N|", "lead_id|uuid|N|",
                "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("crm_activities", List.of(ID, pid("act", true), "type|" + V50 + "|NN|", "subject|" + V255 + "|NN|",
                "description|text|N|", "due_date|date|N|", "due_time|time without time zone|N|", "status|" + V50 + "|N|" + vc(50, "pending"),
                "priority|character varying(20)|N|" + vc(20, "medium"), "owner_id|uuid|N|", "contact_id|uuid|N|", "deal_id|uuid|N|",
                "completed_at|" + TS + "|N|", "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("notifications", List.of(ID, pid("ntf", true), "user_id|uuid|N|", "title|" + V255 + "|NN|", "message|text|NN|",
                "type|" + V50 + "|N|" + vc(50, "info"), "is_read|boolean|N|false", "action_url|character varying(500)|N|",
                "metadata|jsonb|N|", "created_at|" + TS + "|N|now()", "read_at|" + TS + "|N|"));
        COLUMNS.put("internal_messages", List.of(ID, pid("", true), "sender_id|uuid|N|", "recipient_id|uuid|N|",
                "subject|" + V255 + "|N|", "content|text|NN|", "is_read|boolean|N|false", "parent_message_id|uuid|N|",
                "created_at|" + TS + "|N|now()", "read_at|" + TS + "|N|"));
        COLUMNS.put("audit_logs", List.of(ID, pid("aud", true), "user_id|uuid|N|", "action|" + V100 + "|NN|",
                "table_name|" + V100 + "|NN|", "record_id|uuid|N|", "old_values|jsonb|N|", "new_values|jsonb|N|",
                "ip_address|inet|N|", "user_agent|text|N|", "created_at|" + TS + "|N|now()"));
        COLUMNS.put("roles", List.of(ID, pid("rol", true), "name|" + V100 + "|NN|", "description|text|N|", "permissions|jsonb|NN|",
                "is_system|boolean|N|false", "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
        COLUMNS.put("user_roles", List.of(ID, pid("", true), "user_id|uuid|N|", "role_id|uuid|N|", "assigned_by|uuid|N|",
                "assigned_at|" + TS + "|N|now()"));
        COLUMNS.put("settings", List.of(ID, pid("set", true), "key|" + V255 + "|NN|", "value|jsonb|NN|", "description|text|N|",
                "category|" + V100 + "|N|" + vc(100, "general"), "is_public|boolean|N|false", "updated_by|uuid|N|",
                "created_at|" + TS + "|N|now()", "updated_at|" + TS + "|N|now()"));
    }

    /** FK name -> "table(column) -> referenced(column) ON DELETE action". */
    static final Map<String, String> FOREIGN_KEYS = new LinkedHashMap<>();

    static {
        fk("doctors", "user_id", "users", "SET NULL");
        fk("appointments", "patient_id", "patients", "CASCADE");
        fk("appointments", "doctor_id", "doctors", "SET NULL");
        fk("sessions", "appointment_id", "appointments", "SET NULL");
        fk("sessions", "patient_id", "patients", "CASCADE");
        fk("sessions", "doctor_id", "doctors", "SET NULL");
        fk("insurance_claims", "patient_id", "patients", "CASCADE");
        fk("insurance_claims", "appointment_id", "appointments", "SET NULL");
        fk("user_preferences", "user_id", "users", "CASCADE");
        fk("chatbot_flows", "created_by", "users", "SET NULL");
        fk("chatbot_nodes", "flow_id", "chatbot_flows", "CASCADE");
        fk("chatbot_edges", "flow_id", "chatbot_flows", "CASCADE");
        fk("chatbot_edges", "source_node_id", "chatbot_nodes", "CASCADE");
        fk("chatbot_edges", "target_node_id", "chatbot_nodes", "CASCADE");
        fk("chatbot_templates", "created_by", "users", "SET NULL");
        fk("chatbot_templates", "approved_by", "users", "SET NULL");
        fk("chatbot_integrations", "created_by", "users", "SET NULL");
        fk("conversations", "integration_id", "chatbot_integrations", "SET NULL");
        fk("conversations", "patient_id", "patients", "SET NULL");
        fk("messages", "conversation_id", "conversations", "CASCADE");
        fk("crm_leads", "owner_id", "users", "SET NULL");
        fk("crm_deals", "owner_id", "users", "SET NULL");
        fk("crm_deals", "contact_id", "patients", "SET NULL");
        fk("crm_deals", "lead_id", "crm_leads", "SET NULL");
        fk("crm_activities", "owner_id", "users", "SET NULL");
        fk("crm_activities", "contact_id", "patients", "SET NULL");
        fk("crm_activities", "deal_id", "crm_deals", "SET NULL");
        fk("notifications", "user_id", "users", "CASCADE");
        fk("internal_messages", "sender_id", "users", "SET NULL");
        fk("internal_messages", "recipient_id", "users", "SET NULL");
        fk("internal_messages", "parent_message_id", "internal_messages", "SET NULL");
        fk("audit_logs", "user_id", "users", "SET NULL");
        fk("user_roles", "user_id", "users", "CASCADE");
        fk("user_roles", "role_id", "roles", "CASCADE");
        fk("user_roles", "assigned_by", "users", "SET NULL");
        fk("settings", "updated_by", "users", "SET NULL");
    }

    static void fk(String table, String column, String referenced, String onDelete) {
        FOREIGN_KEYS.put(table + "_" + column + "_fkey", table + "(" + column + ") -> " + referenced + "(id) ON DELETE " + onDelete);
    }

    static final List<String> CORE_INDEXES = List.of("idx_patients_email", "idx_patients_phone", "idx_doctors_user_id",
            "idx_doctors_specialization", "idx_appointments_patient", "idx_appointments_doctor", "idx_appointments_date",
            "idx_sessions_appointment", "idx_sessions_patient", "idx_sessions_doctor", "idx_insurance_claims_patient",
            "idx_insurance_claims_status", "idx_user_preferences_user_id", "idx_user_preferences_theme", "idx_user_preferences_language");

    static final List<String> CHATBOT_INDEXES = List.of("idx_chatbot_flows_status", "idx_chatbot_flows_created_by",
            "idx_chatbot_flows_public_id", "idx_chatbot_flows_created_by_status", "idx_chatbot_nodes_flow_id", "idx_chatbot_nodes_type",
            "idx_chatbot_nodes_public_id", "idx_chatbot_edges_flow_id", "idx_chatbot_edges_source", "idx_chatbot_edges_target",
            "idx_chatbot_edges_public_id", "idx_chatbot_templates_category", "idx_chatbot_templates_language",
            "idx_chatbot_templates_approved", "idx_chatbot_templates_public_id", "idx_chatbot_integrations_provider",
            "idx_chatbot_integrations_status", "idx_chatbot_integrations_health", "idx_chatbot_integrations_public_id",
            "idx_conversations_integration", "idx_conversations_patient", "idx_conversations_status", "idx_conversations_channel",
            "idx_conversations_external_id", "idx_conversations_public_id", "idx_conversations_patient_status",
            "idx_messages_conversation", "idx_messages_sender_type", "idx_messages_type", "idx_messages_sent_at",
            "idx_messages_public_id", "idx_messages_conversation_sent");

    static final List<String> CRM_INDEXES = List.of("idx_crm_leads_status", "idx_crm_leads_owner", "idx_crm_leads_source",
            "idx_crm_leads_email", "idx_crm_leads_public_id", "idx_crm_leads_owner_status", "idx_crm_deals_stage", "idx_crm_deals_owner",
            "idx_crm_deals_contact", "idx_crm_deals_lead", "idx_crm_deals_value", "idx_crm_deals_close_date", "idx_crm_deals_public_id",
            "idx_crm_deals_owner_stage", "idx_crm_activities_type", "idx_crm_activities_owner", "idx_crm_activities_status",
            "idx_crm_activities_priority", "idx_crm_activities_due_date", "idx_crm_activities_contact", "idx_crm_activities_deal",
            "idx_crm_activities_public_id", "idx_crm_activities_owner_status", "idx_crm_activities_due_status");

    static final List<String> SYSTEM_INDEXES = List.of("idx_notifications_user", "idx_notifications_read", "idx_notifications_type",
            "idx_notifications_public_id", "idx_internal_messages_sender", "idx_internal_messages_recipient",
            "idx_internal_messages_read", "idx_internal_messages_public_id", "idx_audit_logs_user", "idx_audit_logs_action",
            "idx_audit_logs_table", "idx_audit_logs_created", "idx_audit_logs_public_id", "idx_roles_name", "idx_roles_system",
            "idx_roles_public_id", "idx_user_roles_user", "idx_user_roles_role", "idx_user_roles_public_id", "idx_settings_key",
            "idx_settings_category", "idx_settings_public", "idx_settings_public_id");

    static final List<String> UPDATED_AT_TABLES = List.of("users", "patients", "doctors", "appointments", "sessions", "insurance_claims",
            "user_preferences", "chatbot_flows", "chatbot_nodes", "chatbot_templates", "chatbot_integrations", "conversations",
            "crm_leads", "crm_deals", "crm_activities", "roles", "settings");

    @Test
    void schema_holds_exactly_the_23_tables_of_the_domain(TestDatabase db) throws Exception {
        assertThat(db.catalog("chatbot_crm").baseTables()).as("base tables of chatbot_crm (history table aside)")
                .filteredOn(t -> !t.equals("flyway_schema_history"))
                .containsExactlyInAnyOrderElementsOf(COLUMNS.keySet());
        assertThat(db.catalog("chatbot_crm").views()).as("views").isEmpty();
    }

    @Test
    void every_table_has_the_columns_types_nullability_and_defaults_of_the_domain(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("chatbot_crm");
        for (Map.Entry<String, List<String>> e : COLUMNS.entrySet()) {
            List<String> actual = catalog.columns(e.getKey()).stream()
                    .map(c -> c.name() + "|" + c.type() + "|" + (c.nullable() ? "N" : "NN") + "|" + (c.defaultExpression() == null ? "" : c.defaultExpression()))
                    .toList();
            assertThat(actual).as("columns of %s (name|type|nullability|default)", e.getKey()).containsExactlyElementsOf(e.getValue());
        }
    }

    @Test
    void every_foreign_key_has_the_domain_delete_action(TestDatabase db) throws Exception {
        Map<String, String> actual = db.catalog("chatbot_crm").foreignKeys(null).stream().collect(Collectors.toMap(
                Catalog.ForeignKey::name,
                f -> f.table() + "(" + String.join(",", f.columns()) + ") -> " + f.referencedTable() + "(" + String.join(",", f.referencedColumns())
                        + ") ON DELETE " + f.onDelete()));
        assertThat(actual).as("foreign keys of chatbot_crm").containsExactlyInAnyOrderEntriesOf(FOREIGN_KEYS);
        assertThat(db.catalog("chatbot_crm").foreignKeys(null)).as("every FK stays inside chatbot_crm")
                .allSatisfy(f -> assertThat(f.referencedSchema()).as(f.name()).isEqualTo("chatbot_crm"));
    }

    @Test
    void unique_constraints_have_stable_names(TestDatabase db) throws Exception {
        List<String> unique = db.catalog("chatbot_crm").constraints(null).stream().filter(c -> c.type().equals("u"))
                .map(c -> c.name() + " " + c.definition()).toList();
        assertThat(unique).as("UNIQUE constraints").contains("users_email_key UNIQUE (email)", "patients_email_key UNIQUE (email)",
                "insurance_claims_claim_number_key UNIQUE (claim_number)", "user_preferences_user_id_key UNIQUE (user_id)",
                "roles_name_key UNIQUE (name)", "settings_key_key UNIQUE (key)", "user_roles_user_id_role_id_key UNIQUE (user_id, role_id)");
        for (String table : COLUMNS.keySet()) {
            if (!table.equals("users") && !table.equals("user_preferences")) {
                assertThat(unique).as("UNIQUE public_id on %s", table).contains(table + "_public_id_key UNIQUE (public_id)");
            }
        }
        assertThat(db.catalog("chatbot_crm").constraints(null)).as("primary keys named <table>_pkey")
                .filteredOn(c -> c.type().equals("p")).extracting(Catalog.Constraint::name)
                .containsExactlyInAnyOrderElementsOf(COLUMNS.keySet().stream().map(t -> t + "_pkey").toList());
    }

    @Test
    void check_constraints_are_exactly_the_stated_ones(TestDatabase db) throws Exception {
        assertThat(db.catalog("chatbot_crm").constraints(null)).as("CHECK constraints").filteredOn(c -> c.type().equals("c"))
                .extracting(Catalog.Constraint::name).containsExactlyInAnyOrder("users_role_check", "user_preferences_theme_check",
                        "user_preferences_language_check", "user_preferences_dashboard_layout_check", "crm_deals_probability_check");
    }

    @Test
    void users_role_check_accepts_the_five_roles_and_rejects_others(TestDatabase db) throws Exception {
        for (String role : List.of("patient", "doctor", "staff", "supervisor", "admin")) {
            assertThat(db.update("INSERT INTO chatbot_crm.users (email, role) VALUES (?, ?)", role + "@check.test", role))
                    .as("role %s accepted", role).isEqualTo(1);
        }
        assertThatThrownBy(() -> db.update("INSERT INTO chatbot_crm.users (email, role) VALUES ('x@check.test', 'root')"))
                .as("role root rejected").isInstanceOf(SQLException.class).hasMessageContaining("users_role_check");
    }

    @Test
    void every_listed_index_exists(TestDatabase db) throws Exception {
        Map<String, String> indexes = db.catalog("chatbot_crm").indexes(null);
        for (List<String> group : List.of(CORE_INDEXES, CHATBOT_INDEXES, CRM_INDEXES, SYSTEM_INDEXES)) {
            assertThat(indexes).as("indexes of chatbot_crm").containsKeys(group.toArray(String[]::new));
        }
        assertThat(CHATBOT_INDEXES).as("V11 count").hasSize(32);
        assertThat(CRM_INDEXES).as("V21 count").hasSize(24);
        assertThat(indexes.get("idx_chatbot_flows_created_by_status")).as("composite flow index").endsWith("(created_by, status)");
        assertThat(indexes.get("idx_messages_conversation_sent")).as("composite message index").endsWith("(conversation_id, sent_at)");
        assertThat(indexes.get("idx_crm_activities_due_status")).as("composite activity index").endsWith("(due_date, status)");
        assertThat(indexes.get("idx_crm_deals_close_date")).as("close date index column").endsWith("(expected_close_date)");
        for (String core : List.of("patients", "doctors", "appointments", "sessions", "insurance_claims")) {
            assertThat(indexes.get("idx_" + core + "_public_id")).as("partial public_id index on %s", core)
                    .endsWith("(public_id) WHERE (public_id IS NOT NULL)");
        }
    }

    @Test
    void every_table_with_updated_at_has_the_platform_trigger(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("chatbot_crm");
        for (String table : UPDATED_AT_TABLES) {
            assertThat(catalog.triggers(table)).as("triggers of %s", table).contains("update_" + table + "_updated_at");
        }
        assertThat(catalog.triggers("patients")).as("audit trigger on patients").contains("audit_patients_trigger");
        assertThat(catalog.triggers("appointments")).as("audit trigger on appointments").contains("audit_appointments_trigger");
        assertThat(catalog.triggers("users")).as("audit trigger on users").contains("audit_users_trigger");
    }

    @Test
    void every_table_has_row_level_security_and_every_function_pins_search_path(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("chatbot_crm");
        for (String table : COLUMNS.keySet()) {
            assertThat(catalog.rowLevelSecurity(table)).as("RLS on %s", table).isTrue();
            assertThat(catalog.policies(table)).as("policies on %s", table).isNotEmpty();
        }
        assertThat(catalog.functionsWithoutPinnedSearchPath()).as("functions without pinned search_path").isEmpty();
        assertThat(catalog.policies(null)).as("no policy targets PUBLIC")
                .allSatisfy(p -> assertThat(p.roles()).as(p.name()).doesNotContain("public"));
    }

    @Test
    void tables_and_listed_columns_carry_comments(TestDatabase db) throws Exception {
        Catalog catalog = db.catalog("chatbot_crm");
        for (String table : List.of("chatbot_flows", "chatbot_nodes", "chatbot_edges", "chatbot_templates", "chatbot_integrations",
                "conversations", "messages", "crm_leads", "crm_deals", "crm_activities", "notifications", "internal_messages",
                "audit_logs", "roles", "user_roles", "settings")) {
            assertThat(catalog.tableComment(table)).as("comment on table %s", table).isPresent();
        }
        for (String[] tc : new String[][] {{"crm_deals", "contact_id"}, {"crm_deals", "value"}, {"crm_deals", "probability"},
                {"crm_activities", "priority"}, {"crm_activities", "type"}, {"audit_logs", "action"}, {"audit_logs", "table_name"},
                {"roles", "permissions"}, {"settings", "is_public"}}) {
            assertThat(catalog.columnComment(tc[0], tc[1])).as("comment on %s.%s", tc[0], tc[1]).isPresent();
        }
        for (String core : List.of("patients", "doctors", "appointments", "sessions", "insurance_claims")) {
            assertThat(catalog.columnComment(core, "public_id")).as("comment on %s.public_id", core)
                    .contains("CUID public identifier for API use");
        }
    }

    @Test
    void prefix_map_holds_the_16_documented_prefixes_and_doc_for_doctors(TestDatabase db) throws Exception {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map<String, Object> row : db.query("SELECT table_name, prefix FROM chatbot_crm.public_id_prefixes()")) {
            map.put((String) row.get("table_name"), row.get("prefix"));
        }
        assertThat(map).as("public-id prefix map").containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("patients", "pat"), Map.entry("appointments", "apt"), Map.entry("sessions", "ses"),
                Map.entry("insurance_claims", "clm"), Map.entry("chatbot_flows", "flw"), Map.entry("chatbot_nodes", "nod"),
                Map.entry("chatbot_edges", "edg"), Map.entry("conversations", "cnv"), Map.entry("messages", "msg"),
                Map.entry("crm_leads", "led"), Map.entry("crm_deals", "del"), Map.entry("crm_activities", "act"),
                Map.entry("notifications", "ntf"), Map.entry("audit_logs", "aud"), Map.entry("roles", "rol"),
                Map.entry("settings", "set"), Map.entry("doctors", "doc")));
    }
}
