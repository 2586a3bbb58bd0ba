package dev.schemamodules.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The definition of every object in a set of schemas, as {@code "kind schema.name" -> definition}
 * text from PostgreSQL's own deparsers (pg_get_constraintdef, pg_get_indexdef, pg_get_functiondef,
 * pg_get_triggerdef, pg_get_viewdef, ...), owners, grants and default privileges. Two snapshots are equal when
 * the schemas are identical; the history table is left out, and the role that ran the migrations is written
 * "the migration role" (a scratch rebuilt by another role compares equal; an object given to another owner does not). Used for the full-cycle test and for drift detection.
 */
public final class CatalogSnapshot {

    private static final String HISTORY = FlywayFactory.HISTORY_TABLE;

    private static final String[] QUERIES = {
        // tables, views, materialized views, partitioned tables, sequences
        """
        SELECT CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view'
                              WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' END || ' ' || n.nspname || '.' || c.relname,
               'kind=' || c.relkind::text || ' rls=' || c.relrowsecurity || ' force_rls=' || c.relforcerowsecurity
               || coalesce(' partition_key=' || pg_get_partkeydef(c.oid), '')
               || coalesce(' partition_of=' || (SELECT pn.nspname || '.' || p.relname || ' ' || pg_get_expr(c.relpartbound, c.oid)
                                                 FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = p.relnamespace
                                                 WHERE i.inhrelid = c.oid), '')
               || CASE WHEN c.relkind IN ('v', 'm') THEN ' definition=' || pg_get_viewdef(c.oid) ELSE '' END
               || CASE WHEN c.relkind = 'S' THEN (SELECT ' type=' || format_type(s.seqtypid, NULL) || ' start=' || s.seqstart || ' increment=' || s.seqincrement
                                                   FROM pg_sequence s WHERE s.seqrelid = c.oid) ELSE '' END
               || coalesce(' comment=' || obj_description(c.oid, 'pg_class'), '')
               || coalesce(' reloptions=' || array_to_string(c.reloptions, ','), '')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relname <> '%1$s'
        """,
        // columns
        """
        SELECT 'column ' || n.nspname || '.' || c.relname || '.' || a.attname,
               format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
               || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
               || CASE WHEN a.attidentity::text <> '' THEN ' identity=' || a.attidentity::text ELSE '' END
               || CASE WHEN a.attgenerated::text <> '' THEN ' generated=' || a.attgenerated::text ELSE '' END
               || ' position=' || (SELECT count(*) FROM pg_attribute x WHERE x.attrelid = a.attrelid AND x.attnum > 0 AND NOT x.attisdropped AND x.attnum <= a.attnum)
               || coalesce(' comment=' || col_description(c.oid, a.attnum), '')
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '%1$s'
        """,
        // constraints (on tables and domains)
        """
        SELECT 'constraint ' || n.nspname || '.' || coalesce(c.relname, t.typname) || '.' || k.conname,
               pg_get_constraintdef(k.oid) || CASE WHEN k.condeferrable THEN ' deferrable' ELSE '' END
               || CASE WHEN NOT k.convalidated THEN ' not valid' ELSE '' END
               || coalesce(' comment=' || obj_description(k.oid, 'pg_constraint'), '')
        FROM pg_constraint k JOIN pg_namespace n ON n.oid = k.connamespace
        LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid
        WHERE n.nspname = ANY (?) AND coalesce(c.relname, '') <> '%1$s'
          AND (k.conparentid = 0 OR k.contype <> 'f')
        """,
        // indexes
        """
        SELECT 'index ' || n.nspname || '.' || ic.relname,
               pg_get_indexdef(i.indexrelid) || CASE WHEN NOT i.indisvalid THEN ' INVALID' ELSE '' END
               || coalesce(' comment=' || obj_description(ic.oid, 'pg_class'), '')
        FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
        JOIN pg_namespace n ON n.oid = ic.relnamespace
        WHERE n.nspname = ANY (?) AND tc.relname <> '%1$s'
        """,
        // functions and procedures (not extension members)
        """
        SELECT 'function ' || p.oid::regprocedure::text, pg_get_functiondef(p.oid)
               || coalesce(' comment=' || obj_description(p.oid, 'pg_proc'), '')
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY (?) AND p.prokind IN ('f', 'p', 'w')
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        """,
        // triggers
        """
        SELECT 'trigger ' || n.nspname || '.' || c.relname || '.' || t.tgname, pg_get_triggerdef(t.oid) || ' enabled=' || t.tgenabled::text
        FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY (?) AND NOT t.tgisinternal
        """,
        // row level security policies
        """
        SELECT 'policy ' || p.schemaname || '.' || p.tablename || '.' || p.policyname,
               p.permissive || ' ' || p.cmd || ' to ' || array_to_string(p.roles, ',') || coalesce(' using ' || p.qual, '')
               || coalesce(' with check ' || p.with_check, '')
        FROM pg_policies p WHERE p.schemaname = ANY (?)
        """,
        // types: enums with labels in order, domains, composites (not table row types)
        """
        SELECT 'type ' || n.nspname || '.' || t.typname,
               CASE t.typtype
                 WHEN 'e' THEN 'enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
                 WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                 ELSE 'type ' || t.typtype::text END
               || coalesce(' comment=' || obj_description(t.oid, 'pg_type'), '')
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = ANY (?) AND t.typtype IN ('e', 'd')
        """,
        // grants on relations, owner's own privileges left out (owners differ between servers)
        """
        SELECT 'grant ' || n.nspname || '.' || c.relname,
               (SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END || ':' || a.privilege_type, ','
                                  ORDER BY 1)
                FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY (?) AND c.relacl IS NOT NULL AND c.relname <> '%1$s'
        """,
        // owners other than the role that ran the migrations (owner of the history tables, else of the schemas), so
        // that a scratch rebuilt by another role compares equal while an object given to another owner does not
        """
        WITH migrator AS (%2$s)
        SELECT 'owner schema ' || n.nspname, pg_get_userbyid(n.nspowner)
        FROM pg_namespace n WHERE n.nspname = ANY (?) AND n.nspowner NOT IN (SELECT oid FROM migrator)
        UNION ALL
        SELECT 'owner ' || CASE c.relkind WHEN 'S' THEN 'sequence ' WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view ' ELSE 'table ' END
               || n.nspname || '.' || c.relname, pg_get_userbyid(c.relowner)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY (?) AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND c.relname <> '%1$s' AND c.relowner NOT IN (SELECT oid FROM migrator)
        UNION ALL
        SELECT 'owner function ' || p.oid::regprocedure::text, pg_get_userbyid(p.proowner)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY (?) AND p.prokind IN ('f', 'p', 'w') AND p.proowner NOT IN (SELECT oid FROM migrator)
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        UNION ALL
        SELECT 'owner type ' || n.nspname || '.' || t.typname, pg_get_userbyid(t.typowner)
        FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
        WHERE n.nspname = ANY (?) AND t.typtype IN ('e', 'd') AND t.typowner NOT IN (SELECT oid FROM migrator)
        """,
        // default privileges (ALTER DEFAULT PRIVILEGES ... IN SCHEMA) for objects created later in these schemas
        """
        WITH migrator AS (%2$s)
        SELECT 'default privileges ' || n.nspname || ' for '
               || CASE WHEN d.defaclrole IN (SELECT oid FROM migrator) THEN 'the migration role' ELSE pg_get_userbyid(d.defaclrole) END
               || ' on ' || CASE d.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
                                                  WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas' ELSE d.defaclobjtype::text END,
               (SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' WHEN a.grantee IN (SELECT oid FROM migrator) THEN 'the migration role'
                                       ELSE pg_get_userbyid(a.grantee) END || ':' || a.privilege_type, ',' ORDER BY 1)
                FROM aclexplode(d.defaclacl) a)
        FROM pg_default_acl d JOIN pg_namespace n ON n.oid = d.defaclnamespace
        WHERE n.nspname = ANY (?)
        """,
        // grants on schemas and functions, the owner's own privileges left out
        """
        SELECT 'grant schema ' || n.nspname,
               (SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END || ':' || a.privilege_type, ',' ORDER BY 1)
                FROM aclexplode(n.nspacl) a WHERE a.grantee <> n.nspowner)
        FROM pg_namespace n WHERE n.nspname = ANY (?) AND n.nspacl IS NOT NULL
        UNION ALL
        SELECT 'grant function ' || p.oid::regprocedure::text,
               (SELECT string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(a.grantee) END || ':' || a.privilege_type, ',' ORDER BY 1)
                FROM aclexplode(p.proacl) a WHERE a.grantee <> p.proowner)
        FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname = ANY (?) AND p.proacl IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
        """,
    };

    /** The roles that ran the migrations: owners of the history tables in the schemas, else the schemas' owners. */
    private static final String MIGRATOR = """
            SELECT c.relowner AS oid FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = ANY (?) AND c.relname = '%1$s' AND c.relkind IN ('r', 'p')
            UNION
            SELECT n.nspowner FROM pg_namespace n WHERE n.nspname = ANY (?)
              AND NOT EXISTS (SELECT 1 FROM pg_class c JOIN pg_namespace x ON x.oid = c.relnamespace WHERE x.nspname = ANY (?) AND c.relname = '%1$s')
            """;

    private final SortedMap<String, String> objects;

    private CatalogSnapshot(SortedMap<String, String> objects) {
        this.objects = Collections.unmodifiableSortedMap(objects);
    }

    public static CatalogSnapshot of(Connection c, java.util.List<String> schemas) throws SQLException {
        SortedMap<String, String> objects = new TreeMap<>();
        Array names = c.createArrayOf("text", schemas.toArray());
        for (String q : QUERIES) {
            String sql = q.formatted(HISTORY, MIGRATOR.formatted(HISTORY));
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                long parameters = sql.chars().filter(ch -> ch == '?').count();   // every parameter is the schema list
                for (int i = 1; i <= parameters; i++) {
                    ps.setArray(i, names);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1) != null) {
                            objects.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
                        }
                    }
                }
            }
        }
        return new CatalogSnapshot(objects);
    }

    /** {@code "kind schema.name" -> definition}, sorted by key. */
    public Map<String, String> objects() {
        return objects;
    }

    public boolean isEmpty() {
        return objects.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CatalogSnapshot s && s.objects.equals(objects);
    }

    @Override
    public int hashCode() {
        return objects.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        objects.forEach((k, v) -> b.append(k).append(" => ").append(v).append('\n'));
        return b.toString();
    }
}
