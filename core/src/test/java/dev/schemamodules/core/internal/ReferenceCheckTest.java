package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What {@link ReferenceCheck} finds in a module's schema, for each kind of object that can reference another schema. */
class ReferenceCheckTest {

    private static final String OTHER = """
            CREATE SCHEMA ref_other;
            CREATE TABLE ref_other.owners (id bigint PRIMARY KEY);
            CREATE TYPE ref_other.mood AS ENUM ('calm', 'busy');
            CREATE FUNCTION ref_other.next_id() RETURNS bigint LANGUAGE sql AS 'SELECT 1::bigint';
            CREATE FUNCTION ref_other.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE FUNCTION ref_other.allowed() RETURNS boolean LANGUAGE sql AS 'SELECT true';
            CREATE SCHEMA ref_required;
            CREATE TABLE ref_required.teams (id bigint PRIMARY KEY);
            """;

    /** One object of each kind in ref_own, each referencing ref_other; one reference to a required schema. */
    private static final String OWN = """
            CREATE SCHEMA ref_own;
            CREATE TABLE ref_own.pets (
                id bigint PRIMARY KEY DEFAULT ref_other.next_id(),
                owner_id bigint REFERENCES ref_other.owners (id),
                team_id bigint REFERENCES ref_required.teams (id),
                mood ref_other.mood);
            CREATE VIEW ref_own.owner_ids AS SELECT id FROM ref_other.owners;
            CREATE TRIGGER pets_touch BEFORE UPDATE ON ref_own.pets FOR EACH ROW EXECUTE FUNCTION ref_other.touch();
            ALTER TABLE ref_own.pets ENABLE ROW LEVEL SECURITY;
            CREATE POLICY pets_allowed ON ref_own.pets USING (ref_other.allowed());
            CREATE FUNCTION ref_own.owner_count() RETURNS bigint LANGUAGE sql RETURN (SELECT count(*) FROM ref_other.owners);
            CREATE DOMAIN ref_own.mood_domain AS ref_other.mood;
            CREATE FUNCTION ref_own.pinned() RETURNS int LANGUAGE sql SET search_path = ref_other, pg_catalog AS 'SELECT 1';
            """;

    @Test
    void findsEveryKindOfReferenceToAnUndeclaredSchemaAndNoneToAllowedOnes() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.createStatement().execute(OTHER);
            c.createStatement().execute(OWN);

            List<ReferenceCheck.Violation> found = ReferenceCheck.find(c, List.of("ref_own"), List.of("ref_own", "ref_required"));

            assertThat(found).allMatch(v -> v.schema().equals("ref_other"), "only the undeclared schema");
            assertThat(found).extracting(v -> v.object() + " -> " + v.referenced()).contains(
                    "table constraint pets_owner_id_fkey on ref_own.pets -> table column ref_other.owners.id",
                    "default value for ref_own.pets.id -> function ref_other.next_id()",
                    "table column ref_own.pets.mood -> type ref_other.mood",
                    "rule \"_RETURN\" on ref_own.owner_ids -> table column ref_other.owners.id",
                    "trigger pets_touch on ref_own.pets -> function ref_other.touch()",
                    "policy pets_allowed on ref_own.pets -> function ref_other.allowed()",
                    "function ref_own.owner_count() -> table ref_other.owners",
                    "type ref_own.mood_domain -> type ref_other.mood",
                    "function ref_own.pinned() -> its pinned search_path");
            assertThat(found).extracting(ReferenceCheck.Violation::object).noneMatch(o -> o.contains("team_id"));
            for (ReferenceCheck.Reading reading : READINGS) {
                assertThat(ReferenceCheck.find(c, List.of("ref_own"), List.of("ref_own", "ref_required"), reading))
                        .as("read as " + reading).isEqualTo(found);
                assertThat(ReferenceCheck.find(c, List.of("ref_own"), List.of("ref_own", "ref_required", "ref_other"), reading))
                        .as("every referenced schema allowed, read as " + reading).isEmpty();
            }
        }
    }

    /**
     * Each side is read when it is the smaller one, and both give the same answer: a module larger than the schemas it may
     * not reference, then one smaller than them.
     */
    @Test
    void readsFromTheSmallerSideWithTheSameAnswer() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.createStatement().execute(OTHER);
            c.createStatement().execute(OWN);
            List<String> own = List.of("ref_own");
            List<String> allowed = List.of("ref_own", "ref_required");
            List<ReferenceCheck.Violation> expected = ReferenceCheck.find(c, own, allowed, new ReferenceCheck.Reading(ReferenceCheck.Side.OWN,
                    ReferenceCheck.Listing.SCAN));
            assertThat(expected).hasSize(10);

            c.createStatement().execute("CREATE TABLE ref_own.spare_1 (id int); CREATE TABLE ref_own.spare_2 (id int);"
                    + " CREATE TABLE ref_own.spare_3 (id int); CREATE TABLE ref_own.spare_4 (id int)");
            assertThat(sizes(c)).as("objects in own schemas, in the other's").containsExactly(9L, 5L);
            assertThat(chosen(c, own, allowed)).isEqualTo(new ReferenceCheck.Reading(ReferenceCheck.Side.OTHERS, ReferenceCheck.Listing.DEPENDENCIES));
            assertThat(ReferenceCheck.find(c, own, allowed)).as("module larger").isEqualTo(expected);

            for (int i = 0; i < 10; i++) {
                c.createStatement().execute("CREATE TABLE ref_other.filler_" + i + " (id int)");
            }
            assertThat(sizes(c)).as("objects in own schemas, in the other's").containsExactly(9L, 15L);
            assertThat(chosen(c, own, allowed)).isEqualTo(new ReferenceCheck.Reading(ReferenceCheck.Side.OWN, ReferenceCheck.Listing.DEPENDENCIES));
            assertThat(ReferenceCheck.find(c, own, allowed)).as("module smaller").isEqualTo(expected);

            // both sides over the limit: the smaller one is scanned
            assertThat(ReferenceCheck.chosenReading(c, c.createArrayOf("text", own.toArray()), c.createArrayOf("text", allowed.toArray()), 8))
                    .isEqualTo(new ReferenceCheck.Reading(ReferenceCheck.Side.OWN, ReferenceCheck.Listing.SCAN));
            assertThat(ReferenceCheck.chosenReading(c, c.createArrayOf("text", own.toArray()), c.createArrayOf("text", allowed.toArray()), 9))
                    .isEqualTo(new ReferenceCheck.Reading(ReferenceCheck.Side.OWN, ReferenceCheck.Listing.DEPENDENCIES));
        }
    }

    /**
     * Objects of every kind a listing knows, in two schemas that reference each other every way they can, some moved
     * between schemas after they were made, and a schema renamed after its objects were made.
     */
    private static final String KINDS = """
            CREATE SCHEMA kinds_b;
            CREATE TABLE kinds_b.parent (id bigint PRIMARY KEY, during int4range, CHECK (id > 0), CHECK (false) NO INHERIT,
                EXCLUDE USING gist (during WITH &&));
            CREATE TABLE kinds_b.log (id bigint);
            CREATE TYPE kinds_b.pair AS (x int, y int);
            CREATE TYPE kinds_b.span AS RANGE (subtype = int8);
            CREATE TYPE kinds_b.mood AS ENUM ('calm');
            CREATE DOMAIN kinds_b.positive AS int CONSTRAINT positive_check CHECK (VALUE > 0);
            CREATE SEQUENCE kinds_b.counter;
            CREATE TABLE kinds_b.idents (id int GENERATED ALWAYS AS IDENTITY, s serial, g int GENERATED ALWAYS AS (id * 2) STORED,
                d int DEFAULT 7);
            CREATE FUNCTION kinds_b.f(int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT $1';
            CREATE FUNCTION kinds_b.g(int) RETURNS int LANGUAGE sql IMMUTABLE RETURN $1 + 1;
            CREATE FUNCTION kinds_b.touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE PROCEDURE kinds_b.p() LANGUAGE sql AS 'SELECT 1';
            CREATE AGGREGATE kinds_b.total(int) (sfunc = int4pl, stype = int);
            CREATE MATERIALIZED VIEW kinds_b.mv AS SELECT id FROM kinds_b.parent;
            CREATE VIEW kinds_b.v AS SELECT id FROM kinds_b.parent;
            CREATE TABLE kinds_b.parted (id int, k int) PARTITION BY RANGE (k);
            CREATE TABLE kinds_b.parted_1 PARTITION OF kinds_b.parted FOR VALUES FROM (0) TO (10);
            CREATE INDEX parent_f ON kinds_b.parent (kinds_b.f(id::int));
            CREATE TRIGGER parent_touch BEFORE UPDATE ON kinds_b.parent FOR EACH ROW EXECUTE FUNCTION kinds_b.touch();
            CREATE RULE log_parent AS ON INSERT TO kinds_b.parent DO ALSO INSERT INTO kinds_b.log VALUES (NEW.id);
            ALTER TABLE kinds_b.parent ENABLE ROW LEVEL SECURITY;
            CREATE POLICY parent_all ON kinds_b.parent USING (kinds_b.f(1) = 1);

            CREATE SCHEMA kinds_a;
            CREATE TABLE kinds_a.refs (
                id bigint PRIMARY KEY DEFAULT nextval('kinds_b.counter'),
                parent_id bigint REFERENCES kinds_b.parent (id),
                pair kinds_b.pair, pairs kinds_b.pair[], span kinds_b.span, spans kinds_b.span_multirange,
                positive kinds_b.positive, mood kinds_b.mood, parent kinds_b.parent,
                computed int GENERATED ALWAYS AS (kinds_b.g(id::int)) STORED,
                CONSTRAINT refs_f_check CHECK (kinds_b.f(1) = 1));
            CREATE INDEX refs_f ON kinds_a.refs (kinds_b.f(id::int));
            CREATE TABLE kinds_a.heir (extra int) INHERITS (kinds_b.parent);
            CREATE TABLE kinds_a.parted_2 PARTITION OF kinds_b.parted FOR VALUES FROM (10) TO (20);
            CREATE VIEW kinds_a.v AS SELECT kinds_b.total(id::int) FROM kinds_b.v;
            CREATE MATERIALIZED VIEW kinds_a.mv AS SELECT id FROM kinds_b.mv;
            CREATE DOMAIN kinds_a.small AS kinds_b.positive CHECK (VALUE < 100);
            CREATE TYPE kinds_a.wrapper AS (p kinds_b.pair);
            CREATE FUNCTION kinds_a.h(kinds_b.pair) RETURNS kinds_b.mood LANGUAGE sql RETURN 'calm'::kinds_b.mood;
            CREATE TRIGGER refs_touch BEFORE UPDATE ON kinds_a.refs FOR EACH ROW EXECUTE FUNCTION kinds_b.touch();
            CREATE RULE log_refs AS ON INSERT TO kinds_a.refs DO ALSO INSERT INTO kinds_b.log VALUES (NEW.id);
            ALTER TABLE kinds_a.refs ENABLE ROW LEVEL SECURITY;
            CREATE POLICY refs_all ON kinds_a.refs USING (kinds_b.f(1) = 1);
            CREATE STATISTICS kinds_a.refs_stats ON id, parent_id FROM kinds_a.refs;

            CREATE TABLE kinds_a.moved (id int PRIMARY KEY, parent_id bigint REFERENCES kinds_b.parent (id));
            CREATE FUNCTION kinds_a.moved_f() RETURNS int LANGUAGE sql RETURN 1;
            CREATE TYPE kinds_a.moved_mood AS ENUM ('calm');
            ALTER TABLE kinds_a.moved SET SCHEMA kinds_b;
            ALTER FUNCTION kinds_a.moved_f() SET SCHEMA kinds_b;
            ALTER TYPE kinds_a.moved_mood SET SCHEMA kinds_b;
            CREATE TABLE kinds_a.uses_moved (id int REFERENCES kinds_b.moved (id), m kinds_b.moved_mood DEFAULT kinds_b.moved_f()::text::kinds_b.moved_mood);

            CREATE SCHEMA kinds_c_old;
            CREATE TABLE kinds_c_old.t (id int PRIMARY KEY);
            CREATE TABLE kinds_a.uses_c (id int REFERENCES kinds_c_old.t (id));
            ALTER SCHEMA kinds_c_old RENAME TO kinds_c;
            """;

    /**
     * Listing a side through {@code pg_depend} finds every object the scan of the catalogs finds that a reading can meet: one
     * that depends on something, or that something depends on, other than internally. Both listings give the same
     * violations, read from either side.
     */
    @Test
    void listsTheSameObjectsThroughDependenciesAsByScanning() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            c.createStatement().execute(KINDS);
            for (List<String> schemas : List.of(List.of("kinds_a"), List.of("kinds_b"), List.of("kinds_c"), List.of("kinds_a", "kinds_b", "kinds_c"))) {
                Set<String> scanned = listing(c, schemas, ReferenceCheck.Listing.SCAN);
                Set<String> byDependencies = listing(c, schemas, ReferenceCheck.Listing.DEPENDENCIES);
                assertThat(byDependencies).as("listed through pg_depend, " + schemas).isSubsetOf(scanned);
                Set<String> missed = new TreeSet<>(scanned);
                missed.removeAll(byDependencies);
                assertThat(missed).as("objects of " + schemas + " only the scan lists: none a reading meets").allSatisfy(o -> assertThat(inReading(c, o)).isFalse());
                assertThat(scanned).as("objects of " + schemas).hasSizeGreaterThan(5);
            }

            List<String> own = List.of("kinds_a");
            List<String> allowed = List.of("kinds_a");
            List<ReferenceCheck.Violation> expected = ReferenceCheck.find(c, own, allowed, new ReferenceCheck.Reading(ReferenceCheck.Side.OWN,
                    ReferenceCheck.Listing.SCAN));
            assertThat(expected).extracting(v -> v.object() + " -> " + v.referenced()).contains(
                    "table column kinds_a.refs.pairs -> type kinds_b.pair[]",
                    "table column kinds_a.refs.spans -> type kinds_b.span_multirange",
                    "table column kinds_a.refs.parent -> type kinds_b.parent",
                    "table kinds_a.heir -> table kinds_b.parent",
                    "index kinds_a.refs_f -> function kinds_b.f(integer)",
                    "table constraint uses_moved_id_fkey on kinds_a.uses_moved -> table column kinds_b.moved.id",
                    "table constraint uses_c_id_fkey on kinds_a.uses_c -> table column kinds_c.t.id");
            for (ReferenceCheck.Reading reading : READINGS) {
                assertThat(ReferenceCheck.find(c, own, allowed, reading)).as("read as " + reading).isEqualTo(expected);
            }
        }
    }

    /** Each object of {@code schemas} as {@code listing} lists it: catalog and identity. */
    private static Set<String> listing(Connection c, List<String> schemas, ReferenceCheck.Listing listing) throws Exception {
        Set<String> out = new TreeSet<>();
        try (PreparedStatement ps = c.prepareStatement("WITH side AS (SELECT oid FROM pg_namespace WHERE nspname = ANY (?)),"
                + " listed (classid, objid) AS (" + ReferenceCheck.listed("side", listing) + ")"
                + " SELECT classid::regclass || ' ' || classid || ' ' || objid || ' ' || coalesce((pg_identify_object(classid, objid, 0)).identity, '?')"
                + " FROM listed")) {
            ps.setArray(1, c.createArrayOf("text", schemas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    assertThat(out.add(rs.getString(1))).as("listed once: " + rs.getString(1)).isTrue();
                }
            }
        }
        return out;
    }

    /** Whether the object ({@link #listing}'s text) depends on something, or something depends on it, other than internally. */
    private static boolean inReading(Connection c, String object) {
        String[] parts = object.split(" ");
        try (PreparedStatement ps = c.prepareStatement("SELECT EXISTS (SELECT FROM pg_depend WHERE deptype IN ('n', 'a')"
                + " AND ((classid = ?::oid AND objid = ?::oid) OR (refclassid = ?::oid AND refobjid = ?::oid)))")) {
            ps.setString(1, parts[1]);
            ps.setString(2, parts[2]);
            ps.setString(3, parts[1]);
            ps.setString(4, parts[2]);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every way of reading. */
    private static final List<ReferenceCheck.Reading> READINGS = java.util.Arrays.stream(ReferenceCheck.Side.values())
            .flatMap(side -> java.util.Arrays.stream(ReferenceCheck.Listing.values()).map(listing -> new ReferenceCheck.Reading(side, listing)))
            .toList();

    private static ReferenceCheck.Reading chosen(Connection c, List<String> own, List<String> allowed) throws Exception {
        return ReferenceCheck.chosenReading(c, c.createArrayOf("text", own.toArray()), c.createArrayOf("text", allowed.toArray()));
    }

    /** The tables, views, types and functions of ref_own and ref_other, counted from the catalogs (not their indexes or row types). */
    private static List<Long> sizes(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("""
                SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'ref_own'::regnamespace AND relkind IN ('r', 'v'))
                     + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'ref_own'::regnamespace)
                     + (SELECT count(*) FROM pg_type WHERE typnamespace = 'ref_own'::regnamespace AND typtype = 'd'),
                       (SELECT count(*) FROM pg_class WHERE relnamespace = 'ref_other'::regnamespace AND relkind IN ('r', 'v'))
                     + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'ref_other'::regnamespace)
                     + (SELECT count(*) FROM pg_type WHERE typnamespace = 'ref_other'::regnamespace AND typtype = 'e')""")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2));
        }
    }
}
