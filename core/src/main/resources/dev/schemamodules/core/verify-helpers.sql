-- Helpers the engine creates in pg_temp (verify_columns, verify_constraints, verify_indexes,
-- verify_table_comments, verify_triggers, verify_relations, verify_functions, verify_enums, verify_policies,
-- verify_expect) at the start of every verify transaction (which is always rolled
-- back, so they never persist). Verify scripts call them qualified, e.g.
--
--   PERFORM pg_temp.verify_expect('therapy V1', 'constraints missing or different', ARRAY(
--       SELECT e.tbl || '.' || e.con FROM (VALUES ('admins', 'admins_pkey', 'p', 'PRIMARY KEY (id)')) e(tbl, con, typ, def)
--       WHERE (e.tbl, e.con, e.typ, e.def) NOT IN (SELECT tbl, con, typ, def FROM pg_temp.verify_constraints('${schema}'))));
--
-- They deliberately do not pin search_path: definitions (pg_get_constraintdef, pg_get_indexdef,
-- pg_get_expr, format_type) are printed under the verify script's search_path, which the engine sets to
-- the module's schemas, so expected values read exactly like the migration that created them. They only
-- read the catalog and exist only inside the engine's own rolled-back transaction.
--
-- Each table function that prints a definition reads its schema's rows in a sub-query fenced with OFFSET 0
-- and prints the definitions over that sub-query's rows only. PostgreSQL inlines these functions into the
-- calling query, and without the fence a caller's condition on a definition (WHERE def LIKE '% WHERE %')
-- was pushed below the schema filter and evaluated for every column default or index of the database:
-- pg_get_indexdef and pg_get_expr then ran on other modules' relations, and pg_get_expr took their lock,
-- so one module's verify script waited behind a lock held on another module's table. The fence keeps the
-- inlining (STRICT, which prevents it, made the verify scripts of all six modules about 10 % slower).

-- Columns of base and partitioned tables: type as format_type prints it, except a type of the schema
-- itself (an enum, a domain) which is its bare name; default expression or NULL.
CREATE FUNCTION pg_temp.verify_columns(p_schema text)
RETURNS TABLE (tbl text, col text, typ text, not_null boolean, def text)
LANGUAGE sql STABLE AS $fn$
    SELECT s.relname::text, s.attname::text,
           CASE WHEN s.own_type THEN s.typname::text ELSE format_type(s.atttypid, s.atttypmod) END,
           s.attnotnull, pg_get_expr(s.adbin, s.adrelid)
      FROM (SELECT c.relname, a.attname, t.typnamespace = n.oid AS own_type, t.typname, a.atttypid, a.atttypmod, a.attnotnull,
                   d.adbin, d.adrelid
              FROM pg_attribute a
              JOIN pg_class c ON c.oid = a.attrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_type t ON t.oid = a.atttypid
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE n.nspname = p_schema AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
               AND c.relname <> 'flyway_schema_history'
            OFFSET 0) s
$fn$;

-- Table constraints: type p, u, c, f or x; definition from pg_get_constraintdef.
CREATE FUNCTION pg_temp.verify_constraints(p_schema text)
RETURNS TABLE (tbl text, con text, typ text, def text)
LANGUAGE sql STABLE AS $fn$
    SELECT s.relname::text, s.conname::text, s.contype::text, pg_get_constraintdef(s.oid)
      FROM (SELECT c.relname, k.conname, k.contype, k.oid
              FROM pg_constraint k
              JOIN pg_class c ON c.oid = k.conrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = p_schema AND c.relname <> 'flyway_schema_history' AND k.conparentid = 0
            OFFSET 0) s
$fn$;

-- Indexes: unique or not, and the definition after USING (e.g. 'btree (email)').
CREATE FUNCTION pg_temp.verify_indexes(p_schema text)
RETURNS TABLE (tbl text, idx text, uniq boolean, def text)
LANGUAGE sql STABLE AS $fn$
    SELECT s.tbl::text, s.idx::text, s.indisunique, regexp_replace(pg_get_indexdef(s.indexrelid), '^.* USING ', '')
      FROM (SELECT c.relname AS tbl, i.relname AS idx, x.indisunique, x.indexrelid
              FROM pg_index x
              JOIN pg_class i ON i.oid = x.indexrelid
              JOIN pg_class c ON c.oid = x.indrelid
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = p_schema AND c.relname <> 'flyway_schema_history'
            OFFSET 0) s
$fn$;

-- Tables (base and partitioned) with their comment, NULL when they have none.
CREATE FUNCTION pg_temp.verify_table_comments(p_schema text)
RETURNS TABLE (tbl text, comment text)
LANGUAGE sql STABLE AS $fn$
    SELECT s.relname::text, obj_description(s.oid, 'pg_class')
      FROM (SELECT c.relname, c.oid
              FROM pg_class c
              JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = p_schema AND c.relkind IN ('r', 'p') AND c.relname <> 'flyway_schema_history'
            OFFSET 0) s
$fn$;

-- User triggers: pg_trigger.tgtype (e.g. 19 = BEFORE | ROW | UPDATE), enabled, and the function they call.
CREATE FUNCTION pg_temp.verify_triggers(p_schema text)
RETURNS TABLE (tbl text, trg text, tgtype int, enabled boolean, fn_schema text, fn text)
LANGUAGE sql STABLE AS $fn$
    SELECT c.relname::text, g.tgname::text, g.tgtype::int, g.tgenabled <> 'D', pn.nspname::text, p.proname::text
      FROM pg_trigger g
      JOIN pg_class c ON c.oid = g.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      JOIN pg_proc p ON p.oid = g.tgfoid
      JOIN pg_namespace pn ON pn.oid = p.pronamespace
     WHERE n.nspname = p_schema AND NOT g.tgisinternal
$fn$;

-- Relations of the schema (tables, partitioned tables, views, materialized views, indexes, sequences):
-- pg_class.relkind ('r', 'p', 'v', 'm', 'i', 'I', 'S'), row-level security on, and reloptions (e.g.
-- 'security_invoker=true'; empty when none).
CREATE FUNCTION pg_temp.verify_relations(p_schema text)
RETURNS TABLE (rel text, kind text, rls boolean, options text[])
LANGUAGE sql STABLE AS $fn$
    SELECT c.relname::text, c.relkind::text, c.relrowsecurity, coalesce(c.reloptions, '{}')::text[]
      FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = p_schema AND c.relname NOT LIKE 'flyway_schema_history%'
$fn$;

-- Functions and procedures: name, input argument types as oidvectortypes prints them (e.g. 'text, uuid'),
-- SECURITY DEFINER, the pinned search_path (NULL when not pinned), and whether an extension owns it.
CREATE FUNCTION pg_temp.verify_functions(p_schema text)
RETURNS TABLE (fn text, args text, secdef boolean, search_path text, from_extension boolean)
LANGUAGE sql STABLE AS $fn$
    SELECT s.proname::text, oidvectortypes(s.proargtypes), s.prosecdef,
           (SELECT substr(c, length('search_path=') + 1) FROM unnest(s.proconfig) c WHERE c LIKE 'search_path=%'),
           EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = s.oid AND d.deptype = 'e')
      FROM (SELECT p.proname, p.proargtypes, p.prosecdef, p.proconfig, p.oid
              FROM pg_proc p
              JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = p_schema
            OFFSET 0) s
$fn$;

-- Enum types with their labels in declaration order.
CREATE FUNCTION pg_temp.verify_enums(p_schema text)
RETURNS TABLE (typ text, labels text[])
LANGUAGE sql STABLE AS $fn$
    SELECT t.typname::text,
           coalesce(array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FILTER (WHERE e.enumlabel IS NOT NULL), '{}')
      FROM pg_type t
      JOIN pg_namespace n ON n.oid = t.typnamespace
      LEFT JOIN pg_enum e ON e.enumtypid = t.oid
     WHERE n.nspname = p_schema AND t.typtype = 'e'
     GROUP BY t.typname
$fn$;

-- Row-level security policies as pg_policies shows them: command (SELECT, INSERT, UPDATE, DELETE, ALL),
-- roles, USING and WITH CHECK expressions.
CREATE FUNCTION pg_temp.verify_policies(p_schema text)
RETURNS TABLE (tbl text, pol text, cmd text, roles text[], qual text, with_check text)
LANGUAGE sql STABLE AS $fn$
    SELECT s.tablename::text, s.policyname::text, s.cmd, s.roles::text[], s.qual, s.with_check
      FROM (SELECT p.tablename, p.policyname, p.cmd, p.roles, p.qual, p.with_check
              FROM pg_policies p
             WHERE p.schemaname = p_schema
            OFFSET 0) s
$fn$;

-- Raises "<label>: <what>: a, b, ..." when p_problems is not empty; does nothing otherwise.
CREATE FUNCTION pg_temp.verify_expect(p_label text, p_what text, p_problems text[])
RETURNS void
LANGUAGE plpgsql AS $fn$
BEGIN
    IF coalesce(cardinality(p_problems), 0) > 0 THEN
        RAISE EXCEPTION '%: %: %', p_label, p_what, array_to_string(p_problems, ', ');
    END IF;
END
$fn$;
