package dev.schemamodules.runner.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.runner.Cli;
import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Security properties of every module together (docs/security.md): no grants to PUBLIC, SECURITY
 * DEFINER functions safe from search_path hijacking, application roles unable to bypass row level
 * security, and a migration role that needs no superuser.
 */
class SecurityTest {

    private static TestDatabase db;
    private static List<String> schemas;

    @BeforeAll
    static void migrateEverything() {
        ModuleRegistry registry = ModuleRegistry.discover(SecurityTest.class.getClassLoader());
        db = TestDatabase.create(registry.names(), "");
        schemas = Planner.plan(registry, PlanRequest.all()).modules().stream().flatMap(m -> m.schemas().stream()).toList();
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    private static String[] schemaArray() {
        return schemas.toArray(String[]::new);
    }

    @Test
    void no_table_view_or_sequence_of_any_module_is_granted_to_public() throws Exception {
        List<String> publicGrants = db.column("""
                SELECT n.nspname || '.' || c.relname || ' ' || a.privilege_type
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace CROSS JOIN LATERAL aclexplode(c.relacl) a
                WHERE n.nspname = ANY (?) AND a.grantee = 0 ORDER BY 1
                """, (Object) schemaArray());
        assertThat(publicGrants).as("grants to PUBLIC on module relations").isEmpty();
    }

    @Test
    void every_function_of_every_module_pins_search_path() throws Exception {
        List<String> unpinned = db.column("""
                SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY (?) AND NOT coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=%', false)
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
                ORDER BY 1
                """, (Object) schemaArray());
        assertThat(unpinned).isEmpty();
    }

    /**
     * A search_path hijack needs a schema on the function's path in which the caller can create objects
     * that shadow the ones the function means. For every SECURITY DEFINER function, no schema on its
     * pinned path may be writable by PUBLIC, anon, authenticated or service_role.
     */
    @Test
    void no_security_definer_function_has_a_search_path_an_application_role_can_write_to() throws Exception {
        List<String> definers = db.column("""
                SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY (?) AND p.prosecdef ORDER BY 1
                """, (Object) schemaArray());
        List<String> hijackable = db.column("""
                SELECT p.oid::regprocedure::text || ' via ' || s.name || ' (writable by ' || r.rolname || ')'
                FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                CROSS JOIN LATERAL unnest(p.proconfig) cfg
                CROSS JOIN LATERAL (SELECT trim(both ' "' from x) AS name FROM regexp_split_to_table(substring(cfg from '^search_path=(.*)$'), ',') x) s
                JOIN pg_namespace target ON target.nspname = s.name
                CROSS JOIN (SELECT rolname FROM pg_roles WHERE rolname IN ('anon', 'authenticated', 'service_role')
                            UNION ALL SELECT 'public') r
                WHERE n.nspname = ANY (?) AND p.prosecdef AND cfg LIKE 'search_path=%'
                  AND (CASE WHEN r.rolname = 'public' THEN coalesce(aclcontains(target.nspacl, makeaclitem(0, target.nspowner, 'CREATE', false)), false)
                            ELSE has_schema_privilege(r.rolname, target.oid, 'CREATE') END)
                ORDER BY 1
                """, (Object) schemaArray());
        assertThat(hijackable).as("SECURITY DEFINER functions %s", definers).isEmpty();
        List<String> unqualified = db.column("""
                SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE n.nspname = ANY (?) AND p.prosecdef
                  AND (array_to_string(p.proconfig, ',') ~ 'search_path=[^,]*(public|\\$user)')
                """, (Object) schemaArray());
        assertThat(unqualified).as("SECURITY DEFINER functions with public or $user on their path").isEmpty();
    }

    @Test
    void application_roles_do_not_own_and_cannot_disable_row_level_security() throws Exception {
        List<Map<String, Object>> rlsTables = db.query("""
                SELECT n.nspname AS schema, c.relname AS tbl, pg_get_userbyid(c.relowner) AS owner
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ANY (?) AND c.relrowsecurity AND c.relkind IN ('r', 'p') ORDER BY 1, 2
                """, (Object) schemaArray());
        assertThat(rlsTables).as("tables with row level security (chatbot-crm, messaging)").isNotEmpty();
        for (Map<String, Object> t : rlsTables) {
            String owner = (String) t.get("owner");
            for (String role : List.of("anon", "authenticated")) {
                assertThat(db.scalar("SELECT pg_has_role(?, ?, 'MEMBER')", role, owner)).as("%s is a member of owner %s of %s", role, owner, t.get("tbl")).isEqualTo(false);
            }
            String qualified = t.get("schema") + "." + t.get("tbl");
            assertThatThrownBy(() -> db.asUser("authenticated", "00000000-0000-0000-0000-000000000001",
                    c -> c.createStatement().execute("ALTER TABLE " + qualified + " DISABLE ROW LEVEL SECURITY")))
                    .as(qualified).isInstanceOf(SQLException.class).hasMessageContaining("must be owner");
        }
    }

    @Test
    void a_non_superuser_migration_role_applies_every_module_and_an_application_role_cannot_change_the_schema(@TempDir Path work) throws Exception {
        db.execute("""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sm_migrator') THEN CREATE ROLE sm_migrator LOGIN PASSWORD 'migrator-pw'; END IF;
                  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'sm_app') THEN CREATE ROLE sm_app LOGIN PASSWORD 'app-pw'; END IF;
                END $$;
                GRANT authenticated TO sm_app;
                """);
        String database = "sm_least_" + Long.toHexString(System.nanoTime());
        try (Connection admin = db.connection()) {
            admin.createStatement().execute("CREATE DATABASE " + database + " OWNER sm_migrator");
        }
        try {
            String hostPort = db.jdbcUrl().replaceFirst("jdbc:postgresql://([^/]+)/.*", "$1");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Cli.run(new String[] {"migrate", "--url", "postgresql://sm_migrator:migrator-pw@" + hostPort + "/" + database},
                    new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), work, false));
            assertThat(exit).as(out + "\n" + err).isZero();
            assertThat(db.scalar("SELECT rolsuper FROM pg_roles WHERE rolname = 'sm_migrator'")).isEqualTo(false);

            try (Connection app = DriverManager.getConnection("jdbc:postgresql://" + hostPort + "/" + database, "sm_app", "app-pw")) {
                app.createStatement().execute("SET ROLE authenticated");
                for (PlannedModule m : Planner.plan(ModuleRegistry.discover(getClass().getClassLoader()), PlanRequest.all()).modules()) {
                    String schema = m.primarySchema();
                    assertThatThrownBy(() -> app.createStatement().execute("CREATE TABLE " + schema + ".intruder (id int)"))
                            .as("authenticated creating a table in %s", schema).isInstanceOf(SQLException.class).hasMessageContaining("permission denied");
                    assertThatThrownBy(() -> app.createStatement().execute("DROP TABLE " + schema + ".flyway_schema_history"))
                            .as("authenticated dropping %s's history", schema).isInstanceOf(SQLException.class);
                }
            }
        } finally {
            try (Connection admin = db.connection()) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            }
        }
    }
}
