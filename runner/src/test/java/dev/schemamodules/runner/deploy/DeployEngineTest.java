package dev.schemamodules.runner.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.runner.Cli;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deploy contract's engine parts (docs/reliability.md, scenarios 13 and up), through the CLI on real
 * PostgreSQL: preflight of the whole plan before the first change, recorded schema names, precise
 * cascade with a data guard, and bounded, named waits for every lock.
 */
class DeployEngineTest {

    @TempDir
    Path work;

    record Run(int exit, String out, String err, long millis) {
        String all() {
            return out + err;
        }
    }

    private Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        long start = System.nanoTime();
        int code = Cli.run(args, new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), Map.of(), work, false));
        return new Run(code, out.toString(), err.toString(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private Path modules() throws Exception {
        return Files.createDirectories(work.resolve("modules"));
    }

    private static Connection session(TestDatabase db, String application) throws Exception {
        Properties p = new Properties();
        db.settings().user().ifPresent(u -> p.setProperty("user", u));
        db.settings().password().ifPresent(pw -> p.setProperty("password", pw));
        p.setProperty("ApplicationName", application);
        return DriverManager.getConnection(db.jdbcUrl(), p);
    }

    // ---- 1. preflight -------------------------------------------------------------------------------

    @Test
    void preflight_lists_every_problem_of_the_whole_plan_and_changes_nothing() throws Exception {
        Path v1 = Files.createDirectories(work.resolve("release1"));
        ModuleJarBuilder.module("alpha", "1.0.0", "alpha").migration(1, "create_a", "CREATE TABLE a (id int);", "DROP TABLE a;", "SELECT 1;").writeTo(v1);
        ModuleJarBuilder.module("beta", "1.0.0", "beta").requires("alpha>=1")
                .migration(1, "create_b", "CREATE TABLE b (id int);", "DROP TABLE b;", "SELECT 1;")
                .migration(2, "create_c", "CREATE TABLE c (id int);", "DROP TABLE c;", "SELECT 1;").writeTo(v1);
        Path v2 = Files.createDirectories(work.resolve("release2"));
        ModuleJarBuilder.module("alpha", "2.0.0", "alpha").migration(1, "create_a", "CREATE TABLE a (id int);", "DROP TABLE a;", "SELECT 1;")
                .migration(2, "add_x", "ALTER TABLE a ADD COLUMN x int;", "ALTER TABLE a DROP COLUMN x;", "SELECT x FROM a LIMIT 1;").writeTo(v2);
        // beta 1.0.1: V1 edited after it was applied, and V2 is gone from this release (the database has it: ahead, and alpha
        // must not be upgraded beneath it)
        ModuleJarBuilder.module("beta", "1.0.1", "beta").requires("alpha>=1")
                .migration(1, "create_b", "CREATE TABLE b (id bigint);", "DROP TABLE b;", "SELECT 1;").writeTo(v2);
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "beta", "--modules-dir", v1.toString(), "--url", db.uri()).exit()).isZero();

            Run plan = cli("plan", "--modules", "beta", "--modules-dir", v2.toString(), "--url", db.uri());
            assertThat(plan.exit()).as(plan.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(plan.all()).contains("V1__create_b.sql was changed after it was applied")
                    .contains("ahead: module beta is ahead of this runner: the database is at 2, this runner's beta 1.0.1 has up to 1")
                    .contains("module alpha has 1 pending migration(s), but beta, which requires it, is ahead of this runner");

            Run r = cli("migrate", "--modules", "beta", "--modules-dir", v2.toString(), "--url", db.uri());
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("preflight").contains("nothing was changed")
                    .contains("V1__create_b.sql was changed after it was applied")
                    .contains("module alpha has 1 pending migration(s), but beta, which requires it, is ahead of this runner (ahead: database at 2, "
                            + "this runner has 1)").contains("carries beta 1.0.0 or newer");
            assertThat(db.column("SELECT version FROM alpha.flyway_schema_history WHERE type = 'SQL' ORDER BY 1"))
                    .as("alpha's pending V2 was not applied").containsExactly("1");
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'alpha' AND column_name = 'x'")).isZero();
        }
    }

    @Test
    void preflight_names_each_schema_the_role_may_not_change_before_anything_is_applied() throws Exception {
        ModuleJarBuilder.module("gamma", "1.0.0", "gamma").migration(1, "create_g", "CREATE TABLE g (id int);", "DROP TABLE g;", "SELECT 1;").writeTo(modules());
        ModuleJarBuilder.module("delta", "1.0.0", "delta").migration(1, "create_d", "CREATE TABLE d (id int);", "DROP TABLE d;", "SELECT 1;").writeTo(modules());
        ModuleJarBuilder.module("omega", "1.0.0", "omega").migration(1, "create_o", "CREATE TABLE o (id int);", "DROP TABLE o;", "SELECT 1;").writeTo(modules());
        try (TestDatabase db = TestDatabase.empty()) {
            // an earlier deploy by an administrator created the runner's own deploy history
            assertThat(cli("migrate", "--modules", "omega", "--modules-dir", modules().toString(), "--url", db.uri()).exit()).isZero();
            db.execute("CREATE SCHEMA gamma");
            db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'deploy_limited') THEN "
                    + "CREATE ROLE deploy_limited LOGIN PASSWORD 'Limited-Pw-1'; END IF; END $$");
            db.execute("REVOKE CREATE ON DATABASE " + db.name() + " FROM PUBLIC; REVOKE CREATE ON DATABASE " + db.name() + " FROM deploy_limited");
            // the runner's own deploy history may be written by the role, the modules' schemas may not
            db.execute("ALTER SCHEMA schema_modules OWNER TO deploy_limited; ALTER TABLE schema_modules.deploy_history OWNER TO deploy_limited");
            String hostPort = db.jdbcUrl().replaceFirst("jdbc:postgresql://([^/?]+)/.*", "$1");
            String url = "postgresql://deploy_limited:Limited-Pw-1@" + hostPort + "/" + db.name();
            Run r = cli("migrate", "--modules", "gamma,delta", "--modules-dir", modules().toString(), "--url", url);
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("role deploy_limited neither owns schema gamma")
                    .contains("role deploy_limited may not create schema delta (needs CREATE on database " + db.name() + ")")
                    .contains("nothing was changed");
            assertThat(db.scalar("SELECT to_regclass('gamma.flyway_schema_history')")).isNull();
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'delta'")).isZero();
        }
    }

    // ---- 2. recorded schema names -------------------------------------------------------------------

    @Test
    void schema_names_chosen_at_installation_are_reused_and_a_conflicting_one_is_refused_with_both_names() throws Exception {
        ModuleJarBuilder.module("eps", "1.0.0", "eps")
                .migration(1, "create_e", "CREATE TABLE e (id int);", "DROP TABLE e;", "SELECT 1 FROM e LIMIT 1;")
                .migration(2, "add_f", "CREATE TABLE f (id int);", "DROP TABLE f;", "SELECT 1 FROM f LIMIT 1;").writeTo(modules());
        String dir = modules().toString();
        try (TestDatabase db = TestDatabase.empty()) {
            Run first = cli("migrate", "--modules", "eps", "--schema", "eps=clinic", "--modules-dir", dir, "--url", db.uri(), "--no-verify");
            assertThat(first.exit()).as(first.all()).isZero();
            assertThat(db.scalar("SELECT obj_description('clinic.flyway_schema_history'::regclass, 'pg_class')"))
                    .isEqualTo("schema-modules module=eps schemas=eps:clinic");

            Run again = cli("migrate", "--modules", "eps", "--modules-dir", dir, "--url", db.uri());
            assertThat(again.exit()).as(again.all()).isZero();
            assertThat(again.all()).contains("schema eps is deployed as clinic");
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'eps'")).as("no second copy").isZero();

            Run conflict = cli("migrate", "--modules", "eps", "--schema", "eps=other", "--modules-dir", dir, "--url", db.uri());
            assertThat(conflict.exit()).as(conflict.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(conflict.err()).contains("clinic").contains("other").contains("nothing was changed");
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'other'")).isZero();
        }
    }

    // ---- 3. precise cascade and the data guard -------------------------------------------------------

    @Test

    void cascade_reverts_only_dependents_whose_requirement_breaks_and_rows_need_a_backup_or_discard() throws Exception {
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "therapy,telehealth,messaging", "--url", db.uri(), "--no-verify").exit()).isZero();
            long therapyBefore = db.count("SELECT count(*) FROM therapy.flyway_schema_history WHERE type = 'SQL'");
            long telehealthBefore = db.count("SELECT count(*) FROM telehealth.flyway_schema_history WHERE type = 'SQL'");
            long messagingBefore = db.count("SELECT count(*) FROM messaging.flyway_schema_history WHERE type = 'SQL'");
            db.execute("WITH u AS (INSERT INTO auth.users (id) VALUES (gen_random_uuid()) RETURNING id) INSERT INTO messaging.sessions (user_id) SELECT id FROM u");

            Run dry = cli("undo", "--module", "platform", "--steps", "1", "--cascade", "--dry-run", "--url", db.uri());
            assertThat(dry.exit()).as(dry.all()).isZero();
            assertThat(dry.out()).contains("messaging").contains("requires platform>=3").contains("U1__create_sessions_and_messages.sql")
                    .contains("messaging.sessions (1 rows)").contains("auth.users (1 rows)").doesNotContain("therapy").doesNotContain("telehealth");

            Run refused = cli("undo", "--module", "platform", "--steps", "1", "--cascade", "--url", db.uri());
            assertThat(refused.exit()).as(refused.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(refused.err()).contains("messaging.sessions (1 rows)").contains("--backup").contains("--discard-data");
            assertThat(db.count("SELECT count(*) FROM messaging.flyway_schema_history WHERE type = 'SQL'")).as("nothing undone").isEqualTo(messagingBefore);

            Run cascade = cli("undo", "--module", "platform", "--steps", "1", "--cascade", "--discard-data", "--url", db.uri());
            assertThat(cascade.exit()).as(cascade.all()).isZero();
            assertThat(cascade.all()).contains("messaging");
            assertThat(db.count("SELECT count(*) FROM messaging.flyway_schema_history WHERE type = 'SQL'")).isZero();
            assertThat(db.count("SELECT count(*) FROM therapy.flyway_schema_history WHERE type = 'SQL'")).as("therapy needs platform>=2: kept")
                    .isEqualTo(therapyBefore);
            assertThat(db.count("SELECT count(*) FROM telehealth.flyway_schema_history WHERE type = 'SQL'")).as("telehealth needs platform>=1: kept")
                    .isEqualTo(telehealthBefore);
            assertThat(db.column("SELECT version FROM platform.flyway_schema_history WHERE type = 'SQL' ORDER BY 1")).containsExactly("1", "2");
        }
    }

    // ---- 5. bounded, named waits ----------------------------------------------------------------------

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void a_session_holding_flyways_lock_stops_the_run_within_the_lock_timeout_naming_it() throws Exception {
        ModuleJarBuilder.module("zeta", "1.0.0", "zeta").migration(1, "create_z", "CREATE TABLE z (id int);", "DROP TABLE z;", "SELECT 1;").writeTo(modules());
        try (TestDatabase db = TestDatabase.empty(); Connection holder = session(db, "stuck-flyway")) {
            long key = 77431708279161L + "\"zeta\".\"flyway_schema_history\"".hashCode();
            try (PreparedStatement ps = holder.prepareStatement("SELECT pg_advisory_lock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            }
            Run r = cli("migrate", "--modules", "zeta", "--modules-dir", modules().toString(), "--lock-timeout", "2", "--url", db.uri());
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("Flyway's migration lock of zeta.flyway_schema_history").contains("stuck-flyway").contains("nothing was changed");
            assertThat(r.millis()).as("bounded by --lock-timeout 2 (ms)").isLessThan(20_000);
            assertThat(db.count("SELECT count(*) FROM pg_namespace WHERE nspname = 'zeta'")).isZero();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void ddl_waits_at_most_its_lock_timeout_names_the_blocker_and_retries_with_backoff() throws Exception {
        ModuleJarBuilder.module("eta", "1.0.0", "eta")
                .migration(1, "create_t", "CREATE TABLE t (id int);", "DROP TABLE t;", "SELECT 1;")
                .writeTo(modules());
        Path v2 = Files.createDirectories(work.resolve("v2"));
        ModuleJarBuilder.module("eta", "1.1.0", "eta")
                .migration(1, "create_t", "CREATE TABLE t (id int);", "DROP TABLE t;", "SELECT 1;")
                .migration(2, "add_c", "ALTER TABLE t ADD COLUMN c int;", "ALTER TABLE t DROP COLUMN c;", "SELECT c FROM t LIMIT 1;")
                .writeTo(v2);
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "eta", "--modules-dir", modules().toString(), "--url", db.uri()).exit()).isZero();
            try (Connection blocker = session(db, "long-report")) {
                blocker.setAutoCommit(false);
                try (Statement st = blocker.createStatement()) {
                    st.execute("SELECT count(*) FROM eta.t");   // holds ACCESS SHARE until the transaction ends
                }
                Run gaveUp = cli("migrate", "--modules", "eta", "--modules-dir", v2.toString(), "--ddl-lock-timeout", "1", "--ddl-lock-retries", "1",
                        "--url", db.uri());
                assertThat(gaveUp.exit()).as(gaveUp.all()).isEqualTo(ExitCodes.FAILURE);
                assertThat(gaveUp.all()).contains("V2__add_c.sql").contains("lock").contains("long-report").contains("idle in transaction");
                assertThat(gaveUp.millis()).as("1 s, a pause, 1 s (ms)").isLessThan(30_000);
                assertThat(db.column("SELECT version FROM eta.flyway_schema_history WHERE type = 'SQL' ORDER BY 1")).containsExactly("1");

                CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(2500);
                        blocker.rollback();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                Run retried = cli("migrate", "--modules", "eta", "--modules-dir", v2.toString(), "--ddl-lock-timeout", "1", "--ddl-lock-retries", "5",
                        "--url", db.uri());
                release.get(30, TimeUnit.SECONDS);
                assertThat(retried.exit()).as(retried.all()).isZero();
                assertThat(retried.all()).contains("long-report").contains("retrying");
                assertThat(db.column("SELECT version FROM eta.flyway_schema_history WHERE type = 'SQL' ORDER BY 1")).containsExactly("1", "2");
            }
        }
    }

    @Test
    void a_statement_timeout_per_migration_is_available() throws Exception {
        ModuleJarBuilder.module("theta", "1.0.0", "theta")
                .migration(1, "slow", "SELECT pg_sleep(5); CREATE TABLE s (id int);", "DROP TABLE s;", "SELECT 1;").writeTo(modules());
        try (TestDatabase db = TestDatabase.empty()) {
            Run r = cli("migrate", "--modules", "theta", "--modules-dir", modules().toString(), "--statement-timeout", "1", "--url", db.uri());
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("V1__slow.sql").contains("statement timeout");
            assertThat(db.scalar("SELECT to_regclass('theta.s')")).isNull();
        }
    }

    // ---- 4. boundaries against installed modules outside the plan ----------------------------------

    @Test
    void a_change_to_an_installed_module_outside_the_plan_is_caught_too() throws Exception {
        ModuleJarBuilder.module("iota", "1.0.0", "iota").migration(1, "create_u", "CREATE TABLE u (id int);", "DROP TABLE u;", "SELECT 1;").writeTo(modules());
        ModuleJarBuilder.module("kappa", "1.0.0", "kappa")
                .migration(1, "touch_iota", "CREATE TABLE k (id int);\nALTER TABLE iota.u ADD COLUMN k int;", "DROP TABLE k;", "SELECT 1;").writeTo(modules());
        String dir = modules().toString();
        try (TestDatabase db = TestDatabase.empty()) {
            assertThat(cli("migrate", "--modules", "iota", "--modules-dir", dir, "--url", db.uri()).exit()).isZero();
            Run r = cli("migrate", "--modules", "kappa", "--modules-dir", dir, "--url", db.uri());
            assertThat(r.exit()).as(r.all()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err()).contains("table iota.u was altered").contains("owned by module iota");
            assertThat(db.count("SELECT count(*) FROM information_schema.columns WHERE table_schema = 'iota' AND column_name = 'k'")).isZero();
        }
    }
}
