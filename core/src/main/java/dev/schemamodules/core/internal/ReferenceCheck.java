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

    /** Schemas any module may reference. */
    private static final String SYSTEM_SCHEMAS = "('pg_catalog', 'information_schema', 'pg_toast')";

    /** The objects (of the catalogs {@link #NAMESPACE_OF} knows) in the schemas of CTE {@code %1$s}, as (classid, objid). */
    private static final String OBJECTS_IN = """
              SELECT 'pg_class'::regclass, c.oid FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_type'::regclass, t.oid FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_constraint'::regclass, k.oid FROM pg_constraint k WHERE k.connamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_namespace'::regclass, oid FROM %1$s
              UNION ALL
              SELECT 'pg_rewrite'::regclass, r.oid FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_attrdef'::regclass, a.oid FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_trigger'::regclass, t.oid FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_policy'::regclass, p.oid FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace IN (SELECT oid FROM %1$s)\
            """;

    /**
     * The module's own schemas ({@code own}) and those it may not reference ({@code other}: neither its own, nor a declared
     * dependency's, nor a system schema), from parameters 1 (own names) and 2 (allowed names).
     */
    private static final String SIDES = """
            own AS (SELECT oid FROM pg_namespace WHERE nspname = ANY (?)),
            other AS (SELECT oid FROM pg_namespace WHERE nspname <> ALL (?) AND nspname NOT IN %s)""".formatted(SYSTEM_SCHEMAS);

    /** Every violation, named: from CTE {@code d} of (classid, objid, objsubid, refclassid, refobjid, refobjsubid, ref_ns). */
    private static final String NAMED = """
            SELECT o.type || ' ' || o.identity,
                   r.type || ' ' || r.identity,
                   rn.nspname
            FROM d
            JOIN pg_namespace rn ON rn.oid = d.ref_ns
            CROSS JOIN LATERAL pg_identify_object(d.classid, d.objid, d.objsubid) o
            CROSS JOIN LATERAL pg_identify_object(d.refclassid, d.refobjid, d.refobjsubid) r
            WHERE rn.oid IN (SELECT oid FROM other)
            ORDER BY 1, 2
            """;

    /**
     * How many relations and functions each side has, to choose the direction of the reading below: one scan of
     * {@code pg_class} and {@code pg_proc}.
     */
    private static final String SIZES_SQL = """
            WITH %s
            SELECT count(*) FILTER (WHERE o.ns IN (SELECT oid FROM own)), count(*) FILTER (WHERE o.ns IN (SELECT oid FROM other))
            FROM (SELECT relnamespace FROM pg_class UNION ALL SELECT pronamespace FROM pg_proc) AS o (ns)
            """.formatted(SIDES);

    /**
     * Read from the module's side: its own objects' {@code pg_depend} rows, by the depender index, and the namespace of
     * what each refers to. Reading every row of {@code pg_depend} and working out both namespaces of each took twice as
     * long.
     */
    private static final String FROM_OWN_SQL = reading("own", "", "");

    /**
     * Read from the other side: the {@code pg_depend} rows that refer to an object in a schema the module may not
     * reference, by the referenced index, kept when the depender is in the module's schemas. The same rows as
     * {@link #FROM_OWN_SQL}, read from the smaller side: a module of 10,000 tables (30,000 objects with their row
     * and array types) took 24 ms a reading from its own side and 11 ms from the other (PostgreSQL 15).
     */
    private static final String FROM_OTHERS_SQL = reading("other", "ref",
            "AND " + NAMESPACE_OF.formatted("d.classid", "d.objid") + " IN (SELECT oid FROM own)");

    /**
     * The violations, read from one side: the objects of the schemas of CTE {@code side}, joined to the {@code pg_depend}
     * rows whose {@code <column>classid} and {@code <column>objid} name them ({@code column} empty: the depender's;
     * {@code "ref"}: the referenced object's), those rows kept when {@code filter} holds too.
     */
    private static String reading(String side, String column, String filter) {
        return """
                WITH %s,
                listed (classid, objid) AS (
                %s),
                d AS (
                  SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid,
                         %s AS ref_ns
                  FROM listed JOIN pg_depend d ON d.%sclassid = listed.classid AND d.%sobjid = listed.objid
                  WHERE d.deptype IN ('n', 'a')
                    %s
                )
                %s""".formatted(SIDES, OBJECTS_IN.formatted(side), NAMESPACE_OF.formatted("d.refclassid", "d.refobjid"), column, column,
                filter, NAMED);
    }

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

    /** Which side {@link #find} reads {@code pg_depend} from. */
    enum Side {
        /** The module's own objects, by the depender index. */
        OWN,
        /** The objects of the schemas it may not reference, by the referenced index. */
        OTHERS
    }

    public static List<Violation> find(Connection c, List<String> ownSchemas, List<String> allowedSchemas) throws SQLException {
        return find(c, ownSchemas, allowedSchemas, null);
    }

    /**
     * The violations, reading {@code pg_depend} from {@code side}, or from the side with fewer relations and functions
     * when it is null: the same rows either way, and each reading costs about one index probe per object of the side it
     * starts from (a module's own objects grow with its migrations; the other side may be a large shared schema).
     */
    static List<Violation> find(Connection c, List<String> ownSchemas, List<String> allowedSchemas, Side side) throws SQLException {
        List<Violation> found = new ArrayList<>();
        Array own = c.createArrayOf("text", ownSchemas.toArray());
        Array allowed = c.createArrayOf("text", allowedSchemas.toArray());
        if (side == null) {
            side = smallerSide(c, own, allowed);
        }
        try (PreparedStatement ps = c.prepareStatement(side == Side.OWN ? FROM_OWN_SQL : FROM_OTHERS_SQL)) {
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

    /** The side with fewer relations and functions: the module's own schemas ({@code own}) or those it may not reference. */
    static Side smallerSide(Connection c, Array own, Array allowed) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SIZES_SQL)) {
            ps.setArray(1, own);
            ps.setArray(2, allowed);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) <= rs.getLong(2) ? Side.OWN : Side.OTHERS;
            }
        }
    }
}
