package dev.schemamodules.core.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.lint.LintRule.ScriptKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each rule on a bad example and on its good counterpart; scripts are strings, no files. */
class LinterRulesTest {

    static List<LintFinding> lint(ScriptKind kind, String sql) {
        return Linter.lintScript("m", "db/m/x.sql", kind, sql);
    }

    /** Unwaived rule ids, without SM013 (missing lock_timeout): each rule is tested alone, SM013 by its own tests. */
    static List<String> ids(ScriptKind kind, String sql) {
        return allIds(kind, sql).stream().filter(id -> !id.equals(LintRule.SM013.id())).toList();
    }

    static List<String> allIds(ScriptKind kind, String sql) {
        return lint(kind, sql).stream().filter(f -> !f.waived()).map(LintFinding::ruleId).toList();
    }

    static List<String> migration(String sql) {
        return ids(ScriptKind.MIGRATION, sql);
    }

    // SM001

    @Test
    void drop_table_schema_type_and_truncate_are_destructive_in_migrations() {
        assertThat(migration("DROP TABLE ${schema}.orders;")).as("DROP TABLE").containsExactly("SM001");
        assertThat(migration("DROP TABLE IF EXISTS a, b CASCADE;")).as("DROP TABLE IF EXISTS list").containsExactly("SM001");
        assertThat(migration("DROP SCHEMA legacy CASCADE;")).as("DROP SCHEMA").containsExactly("SM001");
        assertThat(migration("DROP TYPE ${schema}.status;")).as("DROP TYPE").containsExactly("SM001");
        assertThat(migration("TRUNCATE TABLE orders;")).as("TRUNCATE").containsExactly("SM001");
        assertThat(migration("DELETE FROM orders;")).as("DELETE without WHERE").containsExactly("SM001");
    }

    @Test
    void drop_column_and_type_change_are_destructive() {
        List<LintFinding> f = lint(ScriptKind.MIGRATION, """
                ALTER TABLE orders
                    ADD COLUMN note text,
                    DROP COLUMN legacy,
                    ALTER COLUMN total TYPE numeric(10,2) USING total::numeric(10,2);
                """);
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::line).as("each clause, on its own line; the type change also locks")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SM013", 1), org.assertj.core.groups.Tuple.tuple("SM001", 3),
                        org.assertj.core.groups.Tuple.tuple("SM001", 4), org.assertj.core.groups.Tuple.tuple("SM011", 4));
        assertThat(f.get(1).message()).contains("orders.legacy");
    }

    @Test
    void non_destructive_counterparts_are_not_reported() {
        assertThat(migration("""
                DELETE FROM orders WHERE status = 'draft';
                ALTER TABLE orders DROP CONSTRAINT orders_total_check, ALTER COLUMN status DROP DEFAULT;
                ALTER TABLE orders ALTER COLUMN type SET DEFAULT 'x';
                DROP INDEX CONCURRENTLY idx_orders_total;
                DROP FUNCTION ${schema}.f();
                DROP POLICY p ON orders;
                """)).as("DELETE with WHERE, DROP CONSTRAINT/DEFAULT/INDEX/FUNCTION/POLICY").isEmpty();
        assertThat(migration("""
                ALTER TABLE orders ALTER COLUMN note TYPE text;
                ALTER TABLE orders ALTER COLUMN code SET DATA TYPE varchar;
                """)).as("widening to text destroys nothing (SM011: it still locks)").containsExactly("SM011", "SM011");
    }

    @Test
    void dropping_what_the_same_script_created_is_not_destructive() {
        assertThat(migration("""
                CREATE TEMP TABLE staging (id int);
                CREATE TABLE orders_new (id int, legacy text);
                ALTER TABLE orders_new DROP COLUMN legacy;
                TRUNCATE staging;
                DELETE FROM staging;
                DROP TABLE staging;
                CREATE TYPE ${schema}.tmp_kind AS ENUM ('a');
                DROP TYPE ${schema}.tmp_kind;
                """)).isEmpty();
    }

    @Test
    void undo_scripts_may_destroy() {
        assertThat(ids(ScriptKind.UNDO, "DROP TABLE orders; ALTER TABLE a DROP COLUMN b; TRUNCATE x;")).isEmpty();
        assertThat(ids(ScriptKind.SEED, "DELETE FROM orders;")).as("seeds are not exempt").containsExactly("SM001");
    }

    @Test
    void statements_in_do_blocks_and_function_bodies_are_not_top_level() {
        assertThat(migration("""
                DO $$ BEGIN EXECUTE 'DROP TABLE orders'; DROP TABLE legacy; END $$;
                CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql SET search_path = pg_catalog AS $fn$
                BEGIN
                    DELETE FROM orders;
                    GRANT SELECT ON orders TO PUBLIC;
                END
                $fn$;
                COMMENT ON TABLE orders IS 'DROP TABLE orders; TRUNCATE x;';
                -- DROP TABLE orders;
                """)).isEmpty();
    }

    // SM002

    @Test
    void create_index_on_an_existing_table_needs_concurrently() {
        assertThat(migration("CREATE INDEX idx_orders_customer ON ${schema}.orders (customer_id);")).containsExactly("SM002");
        assertThat(migration("CREATE UNIQUE INDEX IF NOT EXISTS ux ON orders USING btree (code);")).containsExactly("SM002");
        assertThat(migration("CREATE INDEX ON orders (code);")).as("unnamed index").containsExactly("SM002");
    }

    @Test
    void concurrent_index_or_index_on_a_new_table_is_fine() {
        assertThat(migration("CREATE INDEX CONCURRENTLY idx_orders_customer ON orders (customer_id);")).isEmpty();
        assertThat(migration("""
                CREATE TABLE ${schema}."Orders" (id int, customer_id int);
                CREATE INDEX idx_orders_customer ON ${schema}."Orders" (customer_id);
                CREATE TABLE staging_old (id int);
                ALTER TABLE staging_old RENAME TO staging;
                CREATE INDEX ON staging (id);
                CREATE MATERIALIZED VIEW stats AS SELECT 1 AS n;
                CREATE UNIQUE INDEX ON stats (n);
                CREATE INDEX idx_parent ON ONLY measurements (at);
                """)).as("new tables (quoted, renamed), new materialized view, ON ONLY parent").isEmpty();
        assertThat(migration("CREATE TABLE \"Orders\" (id int); CREATE INDEX i ON orders (id);"))
                .as("quoted \"Orders\" is not orders").containsExactly("SM002");
    }

    // SM003

    @Test
    void add_column_with_a_volatile_default_rewrites_an_existing_table() {
        assertThat(migration("ALTER TABLE orders ADD COLUMN public_id text DEFAULT ${schema.platform}.generate_public_id('ord');"))
                .containsExactly("SM003");
        assertThat(migration("ALTER TABLE orders ADD COLUMN id2 uuid NOT NULL DEFAULT gen_random_uuid();")).containsExactly("SM003");
        assertThat(migration("ALTER TABLE orders ADD COLUMN seen timestamptz DEFAULT clock_timestamp();")).containsExactly("SM003");
        assertThat(migration("ALTER TABLE orders ADD COLUMN n bigserial;")).as("serial").containsExactly("SM003");
        assertThat(migration("ALTER TABLE orders ADD COLUMN n int GENERATED ALWAYS AS IDENTITY;")).as("identity").containsExactly("SM003");
        assertThat(migration("ALTER TABLE orders ADD COLUMN t numeric GENERATED ALWAYS AS (a * b) STORED;")).as("stored").containsExactly("SM003");
    }

    @Test
    void add_column_with_a_constant_or_stable_default_or_on_a_new_table_is_fine() {
        assertThat(migration("""
                ALTER TABLE orders ADD COLUMN status text NOT NULL DEFAULT 'new';
                ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
                ALTER TABLE orders ADD COLUMN updated_at timestamptz DEFAULT CURRENT_TIMESTAMP;
                ALTER TABLE orders ADD COLUMN public_id text;
                ALTER TABLE orders ALTER COLUMN public_id SET DEFAULT ${schema.platform}.generate_public_id('ord');
                ALTER TABLE orders ADD CONSTRAINT orders_public_id_key UNIQUE USING INDEX orders_public_id_key;
                CREATE TABLE items (id int);
                ALTER TABLE items ADD COLUMN uid uuid DEFAULT gen_random_uuid();
                """)).as("constant/now() default (no rewrite since PostgreSQL 11), SET DEFAULT afterwards, new table").isEmpty();
    }

    // SM004

    @Test
    void set_not_null_on_an_existing_table_needs_a_not_valid_check_first() {
        assertThat(migration("ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;")).containsExactly("SM004");
        assertThat(migration("""
                ALTER TABLE orders ADD CONSTRAINT orders_note_nn CHECK (note IS NOT NULL) NOT VALID;
                ALTER TABLE orders ALTER COLUMN customer_id SET NOT NULL;
                """)).as("a check on another column does not count").containsExactly("SM004");
    }

    @Test
    void set_not_null_after_a_not_valid_check_or_on_a_new_table_is_fine() {
        assertThat(migration("""
                ALTER TABLE ${schema}.orders ADD CONSTRAINT orders_customer_nn CHECK (customer_id IS NOT NULL) NOT VALID;
                ALTER TABLE ${schema}.orders VALIDATE CONSTRAINT orders_customer_nn;
                ALTER TABLE ${schema}.orders ALTER COLUMN customer_id SET NOT NULL;
                CREATE TABLE items (id int);
                ALTER TABLE items ALTER COLUMN id SET NOT NULL;
                """)).isEmpty();
    }

    // SM005

    @Test
    void seed_inserts_and_creates_must_be_repeatable() {
        assertThat(ids(ScriptKind.SEED, "INSERT INTO roles (name) VALUES ('admin');")).containsExactly("SM005");
        assertThat(ids(ScriptKind.SEED, "WITH x AS (SELECT 1) INSERT INTO roles (name) SELECT 'a' FROM x;")).containsExactly("SM005");
        assertThat(ids(ScriptKind.SEED, "CREATE TABLE quotas (tier text);")).containsExactly("SM005");
        assertThat(ids(ScriptKind.SEED, "CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = pg_catalog AS $$ SELECT 1 $$;"))
                .containsExactly("SM005");
        assertThat(ids(ScriptKind.MIGRATION, "INSERT INTO roles (name) VALUES ('admin'); CREATE TABLE quotas (tier text);"))
                .as("SM005 is for seed scripts only").isEmpty();
    }

    @Test
    void idempotent_seed_statements_are_fine() {
        assertThat(ids(ScriptKind.SEED, """
                INSERT INTO roles (name) VALUES ('admin') ON CONFLICT (name) DO NOTHING;
                INSERT INTO settings (k) SELECT 'a' WHERE NOT EXISTS (SELECT 1 FROM settings WHERE k = 'a');
                WITH u AS (UPDATE meds SET price = 1 WHERE name = 'x' RETURNING name)
                INSERT INTO meds (name) SELECT 'x' WHERE NOT EXISTS (SELECT 1 FROM u);
                CREATE TABLE IF NOT EXISTS quotas (tier text);
                CREATE OR REPLACE VIEW v AS SELECT 1;
                DROP POLICY IF EXISTS p ON quotas;
                CREATE POLICY p ON quotas USING (true);
                UPDATE roles SET description = 'x' WHERE name = 'admin';
                """)).isEmpty();
    }

    // SM006 / SM007

    @Test
    void functions_without_pinned_search_path_are_reported() {
        assertThat(migration("CREATE FUNCTION ${schema}.f() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1; END $$;"))
                .containsExactly("SM006");
        assertThat(migration("CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';")).containsExactly("SM006");
        assertThat(migration("""
                CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $$
                BEGIN
                    SET search_path = public; -- inside the body: not a pin
                    RETURN 1;
                END $$;
                """)).as("SET search_path in the body does not count").containsExactly("SM006");
    }

    @Test
    void security_definer_without_search_path_is_sm007_instead_of_sm006() {
        List<LintFinding> f = lint(ScriptKind.MIGRATION,
                "CREATE FUNCTION is_admin() RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER AS $$ SELECT true $$;");
        assertThat(f).extracting(LintFinding::ruleId).containsExactly("SM007");
        assertThat(ids(ScriptKind.UNDO, "CREATE FUNCTION g() RETURNS int SECURITY DEFINER LANGUAGE sql RETURN 1;"))
                .as("also in undo scripts, also with an SQL-standard body").containsExactly("SM007");
    }

    @Test
    void pinned_functions_are_fine() {
        assertThat(migration("""
                CREATE FUNCTION a() RETURNS int LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$ SELECT 1 $$;
                CREATE FUNCTION b() RETURNS int LANGUAGE sql SECURITY DEFINER SET search_path TO ${schema}, pg_temp AS $$ SELECT 1 $$;
                CREATE FUNCTION c() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;
                ALTER FUNCTION c() SET search_path = pg_catalog;
                CREATE FUNCTION d(x int) RETURNS int LANGUAGE sql IMMUTABLE RETURN x + 1;
                CREATE FUNCTION e() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;
                """)).as("pinned inline, pinned by ALTER FUNCTION, SQL-standard bodies").isEmpty();
    }

    // SM001: names compare schema-qualified, temp tables apart

    @Test
    void dropping_a_table_of_the_same_bare_name_created_elsewhere_is_destructive() {
        assertThat(migration("CREATE TEMP TABLE sessions AS SELECT 1 AS id; DROP TABLE ${schema}.sessions;"))
                .as("a temp table of the same name").containsExactly("SM001");
        assertThat(migration("CREATE TABLE ${schema.messaging_backup}.sessions (id int); DROP TABLE ${schema}.sessions;"))
                .as("a table of the same name in another schema").containsExactly("SM001");
        assertThat(migration("CREATE TABLE backup.sessions (id int); DROP TABLE sessions;"))
                .as("qualified elsewhere, dropped unqualified").containsExactly("SM001");
        assertThat(migration("CREATE TABLE ${schema}.sessions (id int); DROP TABLE backup.sessions;"))
                .as("created in the module's schema, dropped in another").containsExactly("SM001");
        assertThat(migration("CREATE TABLE ${schema}.sessions_new (id int); TRUNCATE backup.sessions_new;"))
                .as("TRUNCATE of another schema's table").containsExactly("SM001");
    }

    @Test
    void dropping_the_very_table_the_script_created_is_fine() {
        assertThat(migration("""
                CREATE TABLE ${schema}.a (id int);
                DROP TABLE a;
                CREATE TABLE b (id int);
                DROP TABLE ${schema}.b;
                CREATE TEMP TABLE c (id int);
                DROP TABLE c;
                CREATE TABLE backup.d (id int);
                DROP TABLE backup.d;
                CREATE TABLE "E" (id int);
                DROP TABLE "E";
                """)).as("same table by unqualified / ${schema} / temp / other schema / quoted name").isEmpty();
        assertThat(migration("CREATE TABLE \"E\" (id int); DROP TABLE e;")).as("quoted E is not e").containsExactly("SM001");
    }

    // SM002: DROP INDEX

    @Test
    void drop_index_without_concurrently_locks_its_table() {
        assertThat(migration("DROP INDEX ${schema}.idx_orders_total;")).containsExactly("SM002");
        assertThat(migration("DROP INDEX IF EXISTS idx_a, idx_b;")).containsExactly("SM002");
        assertThat(migration("DROP INDEX CONCURRENTLY IF EXISTS ${schema}.idx_orders_total;")).isEmpty();
        assertThat(migration("CREATE TABLE t (id int); CREATE INDEX idx_t ON t (id); DROP INDEX idx_t;"))
                .as("an index created in the script").isEmpty();
    }

    // SM009

    @Test
    void constraints_added_to_an_existing_table_need_not_valid_or_using_index() {
        assertThat(migration("ALTER TABLE orders ADD CONSTRAINT chk_orders_total CHECK (total >= 0);")).containsExactly("SM009");
        assertThat(migration("ALTER TABLE orders ADD CHECK (total >= 0);")).as("unnamed").containsExactly("SM009");
        assertThat(migration("ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE (code);")).containsExactly("SM009");
        assertThat(migration("ALTER TABLE orders ADD PRIMARY KEY (id);")).containsExactly("SM009");
        assertThat(migration("ALTER TABLE orders ADD CONSTRAINT ex EXCLUDE USING gist (during WITH &&);")).containsExactly("SM009");
        assertThat(migration("ALTER TABLE orders ADD COLUMN code text UNIQUE;")).as("inline UNIQUE").containsExactly("SM009");
        assertThat(migration("ALTER TABLE orders ADD COLUMN n int CHECK (n > 0);")).as("inline CHECK").containsExactly("SM009");
        List<LintFinding> f = lint(ScriptKind.MIGRATION, "SET lock_timeout = '1s';\nALTER TABLE orders\n  ADD COLUMN n int,\n  ADD CONSTRAINT c CHECK (n > 0);");
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::line).as("the clause's line")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SM009", 4));
        assertThat(f.get(0).message()).contains("NOT VALID").contains("VALIDATE CONSTRAINT");
    }

    @Test
    void not_valid_then_validate_using_index_and_new_tables_are_fine() {
        assertThat(migration("""
                ALTER TABLE orders ADD CONSTRAINT chk_orders_total CHECK (total >= 0) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT chk_orders_total;
                ALTER TABLE orders ADD CONSTRAINT orders_code_key UNIQUE USING INDEX orders_code_key;
                ALTER TABLE orders ADD CONSTRAINT orders_pkey PRIMARY KEY USING INDEX orders_pkey;
                ALTER TABLE orders DROP CONSTRAINT chk_old;
                CREATE TABLE items (id int);
                ALTER TABLE items ADD CONSTRAINT items_pkey PRIMARY KEY (id), ADD CHECK (id > 0), ADD COLUMN code text UNIQUE;
                """)).isEmpty();
    }

    // SM010

    @Test
    void foreign_keys_added_to_an_existing_table_need_not_valid() {
        assertThat(migration("ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id);"))
                .containsExactly("SM010");
        assertThat(migration("ALTER TABLE orders ADD FOREIGN KEY (customer_id) REFERENCES customers (id) ON DELETE CASCADE;"))
                .containsExactly("SM010");
        assertThat(migration("ALTER TABLE orders ADD COLUMN customer_id uuid REFERENCES customers (id);"))
                .as("inline REFERENCES on ADD COLUMN").containsExactly("SM010");
        assertThat(migration("""
                ALTER TABLE orders ADD CONSTRAINT fk_orders_customer FOREIGN KEY (customer_id) REFERENCES customers (id) NOT VALID;
                ALTER TABLE orders VALIDATE CONSTRAINT fk_orders_customer;
                CREATE TABLE items (id int, order_id int);
                ALTER TABLE items ADD CONSTRAINT fk_items_order FOREIGN KEY (order_id) REFERENCES orders (id);
                """)).as("NOT VALID + VALIDATE; a foreign key on a new table").isEmpty();
    }

    // SM011

    @Test
    void type_changes_on_an_existing_table_lock_it() {
        assertThat(migration("ALTER TABLE orders ALTER COLUMN status TYPE ${schema}.order_status USING status::${schema}.order_status;"))
                .as("text to enum: SM001 (may refuse values) and SM011").containsExactly("SM001", "SM011");
        assertThat(migration("ALTER TABLE orders ALTER note SET DATA TYPE text;")).containsExactly("SM011");
        assertThat(migration("CREATE TABLE items (n int); ALTER TABLE items ALTER COLUMN n TYPE bigint;")).as("new table").isEmpty();
    }

    // SM012

    @Test
    void renames_of_existing_tables_and_columns_are_reported() {
        assertThat(migration("ALTER TABLE orders RENAME TO orders_old;")).containsExactly("SM012");
        assertThat(migration("ALTER TABLE ${schema}.orders RENAME COLUMN total TO amount;")).containsExactly("SM012");
        assertThat(migration("ALTER TABLE orders RENAME total TO amount;")).as("COLUMN is optional").containsExactly("SM012");
        assertThat(migration("""
                ALTER TABLE orders RENAME CONSTRAINT c1 TO chk_orders_total;
                CREATE TABLE items_new (id int);
                ALTER TABLE items_new RENAME COLUMN id TO item_id;
                ALTER TABLE items_new RENAME TO items;
                """)).as("constraint rename; renames of a new table").isEmpty();
    }

    // SM013

    @Test
    void locking_statements_on_existing_tables_need_a_lock_timeout_first() {
        assertThat(allIds(ScriptKind.MIGRATION, "ALTER TABLE orders ENABLE ROW LEVEL SECURITY;")).containsExactly("SM013");
        assertThat(allIds(ScriptKind.MIGRATION, "CREATE POLICY p ON orders USING (true);")).containsExactly("SM013");
        assertThat(allIds(ScriptKind.MIGRATION, "CREATE TRIGGER t AFTER INSERT ON ${schema}.orders FOR EACH ROW EXECUTE FUNCTION f();"))
                .containsExactly("SM013");
        assertThat(allIds(ScriptKind.MIGRATION, "LOCK TABLE orders IN SHARE MODE;")).containsExactly("SM013");
        assertThat(allIds(ScriptKind.MIGRATION, "CREATE TABLE items (id int, order_id int REFERENCES orders (id));"))
                .as("a new table referencing an existing one locks it").containsExactly("SM013");
        assertThat(allIds(ScriptKind.MIGRATION, "CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES IN (2026);"))
                .as("a partition of an existing table").containsExactly("SM013");
        List<LintFinding> f = lint(ScriptKind.MIGRATION, "CREATE TABLE items (id int);\nALTER TABLE orders ADD COLUMN note text;\nALTER TABLE orders ADD COLUMN x text;");
        assertThat(f).extracting(LintFinding::ruleId, LintFinding::line).as("once per script, on the first locking statement")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SM013", 2));
        assertThat(f.get(0).message()).startsWith("ALTER TABLE orders without a lock_timeout");
    }

    @Test
    void a_lock_timeout_first_or_only_new_tables_or_weak_locks_are_fine() {
        assertThat(allIds(ScriptKind.MIGRATION, """
                SET LOCAL lock_timeout = '1s';
                ALTER TABLE orders ENABLE ROW LEVEL SECURITY;
                CREATE INDEX CONCURRENTLY idx_x ON orders (x);
                """)).isEmpty();
        assertThat(allIds(ScriptKind.MIGRATION, "SELECT set_config('lock_timeout', '500ms', true); ALTER TABLE orders ADD COLUMN n int;")).isEmpty();
        assertThat(allIds(ScriptKind.MIGRATION, """
                CREATE TABLE items (id int PRIMARY KEY, parent_id int REFERENCES items (id));
                CREATE INDEX idx_items_parent ON items (parent_id);
                ALTER TABLE items ENABLE ROW LEVEL SECURITY;
                CREATE POLICY p ON items USING (true);
                COMMENT ON TABLE orders IS 'SHARE UPDATE EXCLUSIVE: writers do not wait';
                ALTER TABLE orders VALIDATE CONSTRAINT chk_orders_total;
                CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orders_x ON orders (x);
                DROP INDEX CONCURRENTLY IF EXISTS idx_orders_y;
                """)).as("new tables only; COMMENT, VALIDATE and CONCURRENTLY on existing ones").isEmpty();
    }

    // SM008

    @Test
    void grants_to_public_are_reported() {
        assertThat(migration("GRANT SELECT ON orders TO PUBLIC;")).containsExactly("SM008");
        assertThat(migration("GRANT EXECUTE ON FUNCTION f() TO app, public WITH GRANT OPTION;")).containsExactly("SM008");
        assertThat(migration("ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT ON TABLES TO PUBLIC;")).containsExactly("SM008");
        assertThat(ids(ScriptKind.UNDO, "GRANT USAGE ON SCHEMA x TO PUBLIC;")).as("also in undo scripts").containsExactly("SM008");
    }

    @Test
    void grants_to_named_roles_and_revokes_from_public_are_fine() {
        assertThat(migration("""
                GRANT USAGE ON SCHEMA public TO anon, authenticated;
                GRANT SELECT ON ALL TABLES IN SCHEMA public TO service_role;
                GRANT SELECT ON public.orders TO app;
                REVOKE ALL ON FUNCTION f() FROM PUBLIC;
                GRANT SELECT ON "PUBLIC" TO app;
                """)).isEmpty();
    }

    @Test
    void findings_name_module_file_line_and_rule() {
        List<LintFinding> f = lint(ScriptKind.MIGRATION, "-- header\n\nSELECT 1;\nGRANT SELECT ON t TO PUBLIC;\n");
        assertThat(f).hasSize(1);
        assertThat(f.get(0)).as("the finding").isEqualTo(new LintFinding("m", "db/m/x.sql", 4, "SM008", f.get(0).message(), null));
        assertThat(f.get(0).format()).as("build output format").startsWith("db/m/x.sql:4: SM008 GRANT ... TO PUBLIC");
    }
}
