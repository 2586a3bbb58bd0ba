package dev.schemamodules.core.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a migration changed outside its module, read inside the migration's own transaction so that a
 * violation rolls it back:
 * <ul>
 *   <li>a compact fingerprint of the other modules' schemas (the schemas themselves, relations and their
 *       columns, constraints, indexes, triggers, policies, types and functions, each with owner and
 *       privileges), taken before and after the migration and compared: anything created, dropped,
 *       altered, re-owned or granted there is named;</li>
 *   <li>rows the transaction inserted, updated or deleted in those schemas' tables
 *       ({@code pg_stat_xact_user_tables}), before and after;</li>
 *   <li>function bodies in the module's own schemas ({@code prosrc}, PL/pgSQL included) that name one of
 *       those schemas, {@code --} comments ignored.</li>
 * </ul>
 * Watched schemas are those of every other module (of the plan, and installed ones recorded in the
 * database) that the migrating module does not declare in {@code requires=}.
 *
 * <p>The fingerprint reads raw catalog columns (OIDs and stored expression trees), not deparsed SQL, so
 * it does not depend on the migration's {@code search_path} and costs a few catalog scans.
 */
public final class BoundaryCheck {

    /**
     * kind, identity, owner, privileges, definition of every object in the watched schemas. Identities are
     * built from names (not regclass casts) so they read the same whatever the search_path. The first branch
     * casts every column to text: a UNION takes its column types from the first branch, and {@code name}
     * (nspname) would cut every identity to 63 bytes, so two long-named objects of one table (say
     * {@code medication.prescription_versions.prescription_versions_prescriptionId_fkey} and
     * {@code ..._prescriptionId_versionNumber_key}) became one identity, and whichever row came last won.
     * <p>Functions are read from OID 16384 ({@code FirstNormalObjectId}) up, by {@code pg_proc}'s OID index: every
     * function a migration (or an extension) creates has such an OID, and the 3,000-odd built-in ones below it, which
     * no watched schema holds, are not read at all (here and in {@link #BODIES_SQL}).
     */
    private static final String FINGERPRINT_SQL = """
            WITH ns AS (SELECT oid, nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY (?))
            SELECT 'schema'::text, ns.nspname::text, n.nspowner::text, n.nspacl::text, ''::text
              FROM ns JOIN pg_catalog.pg_namespace n ON n.oid = ns.oid
            UNION ALL
            SELECT CASE c.relkind WHEN 'i' THEN 'index' WHEN 'I' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'v' THEN 'view'
                                  WHEN 'm' THEN 'materialized view' ELSE 'table' END,
                   ns.nspname || '.' || c.relname, c.relowner::text, c.relacl::text,
                   md5(concat_ws('|', c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text, c.reltablespace,
                       (SELECT string_agg(concat_ws(':', a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attidentity, a.attgenerated,
                                                    a.attcollation, a.attacl::text, d.adbin::text), ',' ORDER BY a.attnum)
                          FROM pg_catalog.pg_attribute a LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
                       (SELECT concat_ws(':', i.indisunique, i.indisprimary, i.indkey::text, i.indclass::text, i.indexprs::text, i.indpred::text)
                          FROM pg_catalog.pg_index i WHERE i.indexrelid = c.oid),
                       (SELECT r.ev_action::text FROM pg_catalog.pg_rewrite r WHERE r.ev_class = c.oid AND r.rulename = '_RETURN')))
              FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f', 'i', 'I')
            UNION ALL
            SELECT 'constraint', ns.nspname || '.' || coalesce(rel.relname, typ.typname) || '.' || k.conname, '', '',
                   md5(concat_ws('|', k.contype, k.condeferrable, k.condeferred, k.convalidated, k.conkey::text, k.confrelid, k.confkey::text,
                       k.confupdtype, k.confdeltype, k.conbin::text))
              FROM pg_catalog.pg_constraint k JOIN ns ON ns.oid = k.connamespace
              LEFT JOIN pg_catalog.pg_class rel ON rel.oid = k.conrelid LEFT JOIN pg_catalog.pg_type typ ON typ.oid = k.contypid
            UNION ALL
            SELECT 'trigger', ns.nspname || '.' || c.relname || '.' || t.tgname, '', '',
                   md5(concat_ws('|', t.tgfoid, t.tgtype, t.tgenabled, t.tgattr::text, encode(t.tgargs, 'hex'), t.tgqual::text))
              FROM pg_catalog.pg_trigger t JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN ns ON ns.oid = c.relnamespace
             WHERE NOT t.tgisinternal
            UNION ALL
            SELECT 'policy', ns.nspname || '.' || c.relname || '.' || p.polname, '', '',
                   md5(concat_ws('|', p.polcmd, p.polpermissive, p.polroles::text, p.polqual::text, p.polwithcheck::text))
              FROM pg_catalog.pg_policy p JOIN pg_catalog.pg_class c ON c.oid = p.polrelid JOIN ns ON ns.oid = c.relnamespace
            UNION ALL
            SELECT 'type', ns.nspname || '.' || t.typname, t.typowner::text, t.typacl::text,
                   md5(concat_ws('|', t.typtype, t.typbasetype, t.typtypmod, t.typnotnull, t.typdefaultbin::text,
                       (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder) FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid)))
              FROM pg_catalog.pg_type t JOIN ns ON ns.oid = t.typnamespace
             WHERE t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND (SELECT relkind FROM pg_catalog.pg_class WHERE oid = t.typrelid) = 'c')
            UNION ALL
            SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
                   ns.nspname || '.' || p.proname || '(' || coalesce(p.proargtypes::text, '') || ')', p.proowner::text, p.proacl::text,
                   md5(concat_ws('|', p.prosrc, p.probin, p.prorettype, p.proretset, p.provolatile, p.prosecdef, p.proleakproof, p.proisstrict,
                       p.proparallel, p.proconfig::text, p.proallargtypes::text, p.proargmodes::text, p.proargnames::text, p.prosqlbody::text))
              FROM pg_catalog.pg_proc p JOIN ns ON ns.oid = p.pronamespace
             WHERE p.oid >= 16384
            """;

    /**
     * The indexes of the watched schemas, as {@link #FINGERPRINT_SQL} names them, for a script that only builds, drops or
     * rebuilds indexes concurrently ({@link TransactionalScripts#onlyConcurrentIndexWork}): nothing else is what such a
     * script can change. Reading the indexes alone is a fraction of the whole fingerprint (on all six modules' schemas
     * 1.5 ms against 12 ms a read, with the query's planning).
     */
    private static final String INDEX_FINGERPRINT_SQL = """
            WITH ns AS (SELECT oid, nspname FROM pg_catalog.pg_namespace WHERE nspname = ANY (?))
            SELECT 'index'::text, (ns.nspname || '.' || c.relname)::text, c.relowner::text, c.relacl::text,
                   md5(concat_ws('|', c.relkind, c.relpersistence, c.reloptions::text, c.reltablespace, i.indrelid, i.indisunique,
                       i.indisprimary, i.indkey::text, i.indclass::text, i.indexprs::text, i.indpred::text))
              FROM pg_catalog.pg_class c JOIN ns ON ns.oid = c.relnamespace JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid
             WHERE c.relkind IN ('i', 'I')
            """;

    private static final String WRITES_SQL = """
            SELECT schemaname || '.' || relname, n_tup_ins, n_tup_upd, n_tup_del
              FROM pg_catalog.pg_stat_xact_user_tables WHERE schemaname = ANY (?)
            """;

    private static final String BODIES_SQL = """
            SELECT n.nspname || '.' || p.proname || '(' || pg_catalog.pg_get_function_identity_arguments(p.oid) || ')', s.schema_name
              FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
             CROSS JOIN unnest(?::text[]) AS s(schema_name)
             WHERE n.nspname = ANY (?)
               AND p.oid >= 16384
               AND p.prosrc IS NOT NULL
               AND regexp_replace(p.prosrc, '--[^\\n]*', '', 'g') ~* ('(^|[^a-z0-9_$."])"?' || s.schema_name || '"?\\s*\\.\\s*"?[a-z_]')
             ORDER BY 1, 2
            """;

    private BoundaryCheck() {
    }

    /** One object state: owner and privileges apart from the rest, to say what changed. */
    record ObjectState(String kind, String owner, String acl, String definition) {
    }

    /** The watched schemas' objects and written-row counters at one moment of a transaction. */
    public record Snapshot(Map<String, ObjectState> objects, Map<String, long[]> writes) {
        /**
         * This snapshot without its row counters. A script run outside a transaction (autocommit) commits
         * statement by statement, and the transaction counters then mix in the session's earlier, not yet
         * reported transactions (PostgreSQL 15+): they even go down. Such a script is checked on its objects.
         */
        public Snapshot withoutWrites() {
            return new Snapshot(objects, Map.of());
        }
    }

    /** One thing a migration did outside its module. */
    public record Violation(String object, String change, String schema) {
        @Override
        public String toString() {
            return object + " " + change;
        }
    }

    /** The state of {@code watched} schemas now (inside the caller's transaction). Empty when nothing is watched. */
    public static Snapshot snapshot(Connection c, List<String> watched) throws SQLException {
        if (watched.isEmpty()) {
            return new Snapshot(Map.of(), Map.of());
        }
        return new Snapshot(objects(c, watched, FINGERPRINT_SQL), writes(c, watched));
    }

    /**
     * The indexes of the {@code watched} schemas now, and no row counters: what a script that only builds, drops or rebuilds
     * indexes concurrently can change (it runs outside a transaction, where the counters are not its own anyway).
     */
    public static Snapshot indexSnapshot(Connection c, List<String> watched) throws SQLException {
        if (watched.isEmpty()) {
            return new Snapshot(Map.of(), Map.of());
        }
        return new Snapshot(objects(c, watched, INDEX_FINGERPRINT_SQL), Map.of());
    }

    private static Map<String, ObjectState> objects(Connection c, List<String> watched, String sql) throws SQLException {
        Array schemas = c.createArrayOf("text", watched.toArray());
        Map<String, ObjectState> objects = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectState state = new ObjectState(rs.getString(1), rs.getString(3), rs.getString(4), rs.getString(5));
                    // identities are unique (see FINGERPRINT_SQL); should two rows still share one, both are kept,
                    // combined in a fixed order, since the query's row order is not fixed
                    objects.merge(rs.getString(1) + " " + rs.getString(2), state, BoundaryCheck::combine);
                }
            }
        }
        return objects;
    }

    private static ObjectState combine(ObjectState a, ObjectState b) {
        java.util.TreeSet<String> parts = new java.util.TreeSet<>();
        for (ObjectState o : List.of(a, b)) {
            parts.addAll(List.of(String.valueOf(o.definition()).split("\\+", -1)));
        }
        String owner = Objects.toString(a.owner(), "").compareTo(Objects.toString(b.owner(), "")) <= 0 ? a.owner() : b.owner();
        String acl = Objects.toString(a.acl(), "").compareTo(Objects.toString(b.acl(), "")) <= 0 ? a.acl() : b.acl();
        return new ObjectState(a.kind(), owner, acl, String.join("+", parts));
    }

    /** Rows this transaction inserted, updated and deleted so far in the {@code watched} schemas' tables, by table. */
    static Map<String, long[]> writes(Connection c, List<String> watched) throws SQLException {
        Array schemas = c.createArrayOf("text", watched.toArray());
        Map<String, long[]> writes = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(WRITES_SQL)) {
            ps.setArray(1, schemas);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    writes.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
                }
            }
        }
        return writes;
    }

    /** What changed in the watched schemas between {@code before} and {@code after}, sorted by object. */
    public static List<Violation> compare(Snapshot before, Snapshot after) {
        Map<String, Violation> found = new TreeMap<>();
        for (var e : after.objects().entrySet()) {
            ObjectState old = before.objects().get(e.getKey());
            ObjectState now = e.getValue();
            if (old == null) {
                found.put(e.getKey(), new Violation(e.getKey(), "was created", schemaOf(e.getKey())));
            } else if (!old.equals(now)) {
                List<String> what = new ArrayList<>();
                if (!Objects.equals(old.owner(), now.owner())) {
                    what.add("owner");
                }
                if (!Objects.equals(old.acl(), now.acl())) {
                    what.add("privileges (GRANT/REVOKE)");
                }
                if (!Objects.equals(old.definition(), now.definition())) {
                    what.add("definition");
                }
                found.put(e.getKey(), new Violation(e.getKey(), "was altered: " + String.join(", ", what), schemaOf(e.getKey())));
            }
        }
        for (String key : before.objects().keySet()) {
            if (!after.objects().containsKey(key)) {
                found.put(key, new Violation(key, "was dropped", schemaOf(key)));
            }
        }
        for (var e : after.writes().entrySet()) {
            long[] now = e.getValue();
            long[] old = before.writes().getOrDefault(e.getKey(), new long[3]);
            long ins = now[0] - old[0];
            long upd = now[1] - old[1];
            long del = now[2] - old[2];
            if (ins != 0 || upd != 0 || del != 0) {
                String key = "table " + e.getKey();
                found.put(key + " rows", new Violation(key, "had rows written: " + ins + " inserted, " + upd + " updated, " + del + " deleted",
                        e.getKey().substring(0, e.getKey().indexOf('.'))));
            }
        }
        return new ArrayList<>(found.values());
    }

    /** Functions in {@code own} schemas whose body names one of the {@code watched} schemas. */
    public static List<Violation> functionBodies(Connection c, List<String> own, List<String> watched) throws SQLException {
        List<Violation> out = new ArrayList<>();
        if (watched.isEmpty()) {
            return out;
        }
        try (PreparedStatement ps = c.prepareStatement(BODIES_SQL)) {
            ps.setArray(1, c.createArrayOf("text", watched.toArray()));
            ps.setArray(2, c.createArrayOf("text", own.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Violation("function " + rs.getString(1), "names schema " + rs.getString(2) + " in its body", rs.getString(2)));
                }
            }
        }
        return out;
    }

    private static String schemaOf(String key) {
        String identity = key.substring(key.indexOf(' ') + 1);
        // kinds may contain a space ("materialized view"): the identity starts after the kind's last word
        if (key.startsWith("materialized view ")) {
            identity = key.substring("materialized view ".length());
        }
        int dot = identity.indexOf('.');
        return dot < 0 ? identity : identity.substring(0, dot);
    }
}
