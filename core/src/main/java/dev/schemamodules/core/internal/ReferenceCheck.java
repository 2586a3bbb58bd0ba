package dev.schemamodules.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@code pg_depend} (foreign keys, views, column types, defaults, triggers, policies, functions
 * with SQL-standard bodies) and {@code pg_proc.proconfig} (pinned search paths) and lists every object
 * in a module's schemas that references a schema which is neither the module's nor one of its
 * declared dependencies'. System schemas are always allowed.
 */
public final class ReferenceCheck {

    /**
     * The namespace of the object a {@code pg_depend} row refers to, by the catalog it lives in. Catalogs not listed give NULL:
     * their objects (casts, extensions, languages, ...) belong to no schema.
     */
    private static final String NAMESPACE_OF = """
            CASE %1$s
              WHEN 'pg_class'::regclass      THEN (SELECT relnamespace FROM pg_class WHERE oid = %2$s)
              WHEN 'pg_proc'::regclass       THEN (SELECT pronamespace FROM pg_proc WHERE oid = %2$s)
              WHEN 'pg_type'::regclass       THEN (SELECT typnamespace FROM pg_type WHERE oid = %2$s)
              WHEN 'pg_constraint'::regclass THEN (SELECT connamespace FROM pg_constraint WHERE oid = %2$s)
              WHEN 'pg_namespace'::regclass  THEN %2$s
              WHEN 'pg_rewrite'::regclass    THEN (SELECT c.relnamespace FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.oid = %2$s)
              WHEN 'pg_attrdef'::regclass    THEN (SELECT c.relnamespace FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid WHERE a.oid = %2$s)
              WHEN 'pg_trigger'::regclass    THEN (SELECT c.relnamespace FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.oid = %2$s)
              WHEN 'pg_policy'::regclass     THEN (SELECT c.relnamespace FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE p.oid = %2$s)
            END""";

    /**
     * The dependencies of the module's own objects (those of the catalogs {@link #NAMESPACE_OF} knows, in its schemas) on
     * objects in other schemas. It starts from the module's objects and reads their {@code pg_depend} rows by the
     * depender index; reading every row of {@code pg_depend} and working out both namespaces of each took twice as long,
     * and it runs after every unit of a migrate.
     */
    private static final String DEPEND_SQL = """
            WITH own AS (SELECT oid FROM pg_namespace WHERE nspname = ANY (?)),
            objects (classid, objid) AS (
              SELECT 'pg_class'::regclass, c.oid FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM own)
              UNION ALL
              SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM own)
              UNION ALL
              SELECT 'pg_type'::regclass, t.oid FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM own)
              UNION ALL
              SELECT 'pg_constraint'::regclass, k.oid FROM pg_constraint k WHERE k.connamespace IN (SELECT oid FROM own)
              UNION ALL
              SELECT 'pg_namespace'::regclass, oid FROM own
              UNION ALL
              SELECT 'pg_rewrite'::regclass, r.oid FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relnamespace IN (SELECT oid FROM own)
              UNION ALL
              SELECT 'pg_attrdef'::regclass, a.oid FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid WHERE c.relnamespace IN (SELECT oid FROM own)
              UNION ALL
              SELECT 'pg_trigger'::regclass, t.oid FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace IN (SELECT oid FROM own)
              UNION ALL
              SELECT 'pg_policy'::regclass, p.oid FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace IN (SELECT oid FROM own)
            ),
            d AS (
              SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid,
                     %s AS ref_ns
              FROM objects JOIN pg_depend d ON d.classid = objects.classid AND d.objid = objects.objid
              WHERE d.deptype IN ('n', 'a')
            )
            SELECT o.type || ' ' || o.identity,
                   r.type || ' ' || r.identity,
                   rn.nspname
            FROM d
            JOIN pg_namespace rn ON rn.oid = d.ref_ns
            CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o
            CROSS JOIN LATERAL pg_identify_object(d.refclassid, d.refobjid, d.refobjsubid) r
            WHERE rn.nspname <> ALL (?)
              AND rn.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
            ORDER BY 1, 2
            """.formatted(NAMESPACE_OF.formatted("d.refclassid", "d.refobjid"));

    private static final String SEARCH_PATH_SQL = """
            SELECT p.oid::regprocedure::text, trim(both ' "' from s) AS schema_name
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            CROSS JOIN LATERAL unnest(p.proconfig) AS cfg
            CROSS JOIN LATERAL regexp_split_to_table(substring(cfg from '^search_path=(.*)$'), ',') AS s
            WHERE n.nspname = ANY (?)
              AND cfg LIKE 'search_path=%'
              AND trim(both ' "' from s) <> ALL (?)
              AND trim(both ' "' from s) NOT IN ('pg_catalog', 'pg_temp', 'information_schema', '')
            ORDER BY 1, 2
            """;

    private ReferenceCheck() {
    }

    /** One object referencing a schema it may not. */
    public record Violation(String object, String referenced, String schema) {
    }

    public static List<Violation> find(Connection c, List<String> ownSchemas, List<String> allowedSchemas) throws SQLException {
        List<Violation> found = new ArrayList<>();
        Array own = c.createArrayOf("text", ownSchemas.toArray());
        Array allowed = c.createArrayOf("text", allowedSchemas.toArray());
        try (PreparedStatement ps = c.prepareStatement(DEPEND_SQL)) {
            ps.setArray(1, own);
            ps.setArray(2, allowed);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Violation(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SEARCH_PATH_SQL)) {
            ps.setArray(1, own);
            ps.setArray(2, allowed);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new Violation("function " + rs.getString(1), "its pinned search_path", rs.getString(2)));
                }
            }
        }
        return found;
    }
}
