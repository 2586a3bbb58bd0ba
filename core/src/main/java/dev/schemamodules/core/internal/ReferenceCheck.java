package dev.schemamodules.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /**
     * The objects (of the catalogs {@link #NAMESPACE_OF} knows) in the schemas of CTE {@code %1$s}, as (classid, objid), by
     * scanning {@code pg_class}, {@code pg_proc}, {@code pg_type} and {@code pg_constraint}: no catalog index leads with
     * the namespace, so this costs about as much whatever the size of the side, and grows with every object of the
     * database. Used when both sides are large ({@link Listing#SCAN}). {@code pg_proc} is read from OID 16384
     * ({@code FirstNormalObjectId}) up, by its OID index: the built-in functions below it are in no module's schema.
     */
    static final String SCANNED = """
              SELECT 'pg_class'::regclass::oid, c.oid FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_proc'::regclass::oid, p.oid FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM %1$s) AND p.oid >= 16384
              UNION ALL
              SELECT 'pg_type'::regclass::oid, t.oid FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_constraint'::regclass::oid, k.oid FROM pg_constraint k WHERE k.connamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_namespace'::regclass::oid, oid FROM %1$s
              UNION ALL
              SELECT 'pg_rewrite'::regclass::oid, r.oid FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_attrdef'::regclass::oid, a.oid FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_trigger'::regclass::oid, t.oid FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE c.relnamespace IN (SELECT oid FROM %1$s)
              UNION ALL
              SELECT 'pg_policy'::regclass::oid, p.oid FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace IN (SELECT oid FROM %1$s)\
            """;

    /**
     * The objects of the schemas of CTE {@code %1$s} as {@link #SCANNED} lists them, found instead through {@code pg_depend}
     * by its referenced index: what records a dependency on one of the schemas (relations, types, functions, ...), then,
     * again and again, what depends automatically or internally on what was found (indexes, constraints, defaults,
     * triggers, policies, rules, row and array types), each kept when its own namespace ({@link #NAMESPACE_OF}) is one of
     * the schemas. It costs about one index probe per object of the side, whatever the size of the database: a side of
     * two schemas read in under 1 ms next to a module of 10,000 tables, where the scan took 8 ms (PostgreSQL 15, prepared,
     * generic plan), but a side of 30,000 objects took 45-65 ms where the scan took 6-25 ms. Used for a small side
     * ({@link Listing#DEPENDENCIES}).
     *
     * <p>It can leave out only an object on which nothing in the side depends but internally (the triggers PostgreSQL
     * puts on a referenced table for another schema's foreign key depend only on that key): an object that is no
     * {@code pg_depend} row's referenced object in the side's reading, so the violations read are the same.
     * {@code ReferenceCheckTest} holds both listings to that on objects of every kind.
     */
    static final String BY_DEPENDENCIES = """
              WITH RECURSIVE found (classid, objid) AS (
                SELECT 'pg_namespace'::regclass::oid, oid FROM %1$s
                UNION
                SELECT d.classid, d.objid
                FROM found f JOIN pg_depend d ON d.refclassid = f.classid AND d.refobjid = f.objid
                WHERE f.classid = 'pg_namespace'::regclass OR d.deptype IN ('a', 'i'))
              SELECT classid, objid FROM found
              WHERE %2$s IN (SELECT oid FROM %1$s)\
            """;

    /**
     * The largest side, in objects that record a dependency on its schemas ({@link #SIZES_SQL}), that is listed through
     * {@code pg_depend} ({@link #BY_DEPENDENCIES}) rather than scanned ({@link #SCANNED}): about where the two cost the
     * same on a database with few other objects (about three catalog rows per such object, at a few microseconds an
     * index probe, against a scan of a few thousand catalog rows).
     */
    static final long DEPENDENCY_LISTING_LIMIT = 1_000;

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
     * How many objects record a dependency on each side's schemas (relations, types, functions, ...; not their indexes,
     * constraints or row types), to choose the direction of the reading below, by the referenced index of
     * {@code pg_depend}: the other side's all counted, the module's own counted up to one more than that. So it costs
     * about one index entry per object of the other side, and of the module's own when that is the smaller side; a module
     * of 10,000 tables is not counted every time it is checked.
     */
    private static final String SIZES_SQL = """
            WITH %s,
            other_size AS (SELECT count(*) AS n FROM pg_depend WHERE refclassid = 'pg_namespace'::regclass AND refobjid IN (SELECT oid FROM other))
            SELECT (SELECT count(*) FROM (SELECT FROM pg_depend WHERE refclassid = 'pg_namespace'::regclass AND refobjid IN (SELECT oid FROM own)
                                          LIMIT (SELECT n FROM other_size) + 1) AS o),
                   (SELECT n FROM other_size)
            """.formatted(SIDES);

    /**
     * Read from the module's side: its own objects' {@code pg_depend} rows, by the depender index, and the namespace of
     * what each refers to. Reading every row of {@code pg_depend} and working out both namespaces of each took twice as
     * long.
     */
    private static String fromOwn(Listing listing) {
        return reading("own", listing, "", "");
    }

    /**
     * Read from the other side: the {@code pg_depend} rows that refer to an object in a schema the module may not
     * reference, by the referenced index, kept when the depender is in the module's schemas. The same rows as
     * {@link #fromOwn}, read from the smaller side: a module of 10,000 tables (30,000 objects with their row
     * and array types) took 24 ms a reading from its own side and 11 ms from the other (PostgreSQL 15, both sides
     * scanned).
     */
    private static String fromOthers(Listing listing) {
        return reading("other", listing, "ref", "AND " + NAMESPACE_OF.formatted("d.classid", "d.objid") + " IN (SELECT oid FROM own)");
    }

    /** The four readings, by side and listing. */
    private static final Map<Side, Map<Listing, String>> READINGS = Map.of(
            Side.OWN, Map.of(Listing.SCAN, fromOwn(Listing.SCAN), Listing.DEPENDENCIES, fromOwn(Listing.DEPENDENCIES)),
            Side.OTHERS, Map.of(Listing.SCAN, fromOthers(Listing.SCAN), Listing.DEPENDENCIES, fromOthers(Listing.DEPENDENCIES)));

    /**
     * The violations, read from one side: the objects of the schemas of CTE {@code side}, joined to the {@code pg_depend}
     * rows whose {@code <column>classid} and {@code <column>objid} name them ({@code column} empty: the depender's;
     * {@code "ref"}: the referenced object's), those rows kept when {@code filter} holds too.
     */
    private static String reading(String side, Listing listing, String column, String filter) {
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
                %s""".formatted(SIDES, listed(side, listing), NAMESPACE_OF.formatted("d.refclassid", "d.refobjid"), column, column,
                filter, NAMED);
    }

    /** The listing of the objects in the schemas of CTE {@code side}, as (classid, objid). */
    static String listed(String side, Listing listing) {
        return listing == Listing.SCAN ? SCANNED.formatted(side) : BY_DEPENDENCIES.formatted(side, NAMESPACE_OF.formatted("found.classid", "found.objid"));
    }

    /**
     * The pinned search paths of the module's functions that name a schema it may not reference. Functions are read from
     * OID 16384 ({@code FirstNormalObjectId}) up, by {@code pg_proc}'s OID index, as in {@link #SCANNED}: a function a
     * migration creates always has such an OID; the built-in ones below it are not read.
     */
    private static final String SEARCH_PATH_SQL = """
            SELECT p.oid::regprocedure::text, trim(both ' "' from s) AS schema_name
            FROM pg_proc p
            JOIN pg_namespace n ON n.oid = p.pronamespace
            CROSS JOIN LATERAL unnest(p.proconfig) AS cfg
            CROSS JOIN LATERAL regexp_split_to_table(substring(cfg from '^search_path=(.*)$'), ',') AS s
            WHERE n.nspname = ANY (?)
              AND p.oid >= 16384
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

    /** How {@link #find} lists the objects of the side it reads from. */
    enum Listing {
        /** Scanning the catalogs ({@link #SCANNED}). */
        SCAN,
        /** Through {@code pg_depend}, from the side's schemas ({@link #BY_DEPENDENCIES}). */
        DEPENDENCIES
    }

    /** The side to read from, and how to list it. */
    record Reading(Side side, Listing listing) {
    }

    public static List<Violation> find(Connection c, List<String> ownSchemas, List<String> allowedSchemas) throws SQLException {
        return find(c, ownSchemas, allowedSchemas, null);
    }

    /**
     * The violations, read as {@code reading} says, or, when it is null, from the side with fewer objects, listed through
     * {@code pg_depend} when it has at most {@link #DEPENDENCY_LISTING_LIMIT}: the same rows every way, and each reading
     * costs about one index probe per object of the side it starts from (a module's own objects grow with its
     * migrations; the other side may be a large shared schema), plus the scan of the catalogs when it lists by scanning.
     */
    static List<Violation> find(Connection c, List<String> ownSchemas, List<String> allowedSchemas, Reading reading) throws SQLException {
        List<Violation> found = new ArrayList<>();
        Array own = c.createArrayOf("text", ownSchemas.toArray());
        Array allowed = c.createArrayOf("text", allowedSchemas.toArray());
        if (reading == null) {
            reading = chosenReading(c, own, allowed);
        }
        try (PreparedStatement ps = c.prepareStatement(READINGS.get(reading.side()).get(reading.listing()))) {
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

    /**
     * The side with fewer objects that record a dependency on its schemas ({@link #SIZES_SQL}): the module's own schemas or
     * those it may not reference; listed through {@code pg_depend} when it has at most {@link #DEPENDENCY_LISTING_LIMIT}.
     */
    static Reading chosenReading(Connection c, Array own, Array allowed) throws SQLException {
        return chosenReading(c, own, allowed, DEPENDENCY_LISTING_LIMIT);
    }

    /** {@link #chosenReading(Connection, Array, Array)} with {@code limit} for {@link #DEPENDENCY_LISTING_LIMIT}. */
    static Reading chosenReading(Connection c, Array own, Array allowed, long limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(SIZES_SQL)) {
            ps.setArray(1, own);
            ps.setArray(2, allowed);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long ownSize = rs.getLong(1);
                long otherSize = rs.getLong(2);
                Side side = ownSize <= otherSize ? Side.OWN : Side.OTHERS;
                long size = Math.min(ownSize, otherSize);
                return new Reading(side, size <= limit ? Listing.DEPENDENCIES : Listing.SCAN);
            }
        }
    }
}
