package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
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
            assertThat(ReferenceCheck.find(c, List.of("ref_own"), List.of("ref_own", "ref_required"), ReferenceCheck.Side.OWN))
                    .as("read from the module's side").isEqualTo(found);
            assertThat(ReferenceCheck.find(c, List.of("ref_own"), List.of("ref_own", "ref_required"), ReferenceCheck.Side.OTHERS))
                    .as("read from the other side").isEqualTo(found);

            for (ReferenceCheck.Side side : ReferenceCheck.Side.values()) {
                assertThat(ReferenceCheck.find(c, List.of("ref_own"), List.of("ref_own", "ref_required", "ref_other"), side))
                        .as("every referenced schema allowed, read from " + side).isEmpty();
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
            List<ReferenceCheck.Violation> expected = ReferenceCheck.find(c, own, allowed, ReferenceCheck.Side.OWN);
            assertThat(expected).hasSize(10);

            c.createStatement().execute("CREATE TABLE ref_own.spare_1 (id int); CREATE TABLE ref_own.spare_2 (id int);"
                    + " CREATE TABLE ref_own.spare_3 (id int); CREATE TABLE ref_own.spare_4 (id int)");
            assertThat(sizes(c)).as("own relations and functions, other's").containsExactly(9L, 5L);
            assertThat(ReferenceCheck.smallerSide(c, c.createArrayOf("text", own.toArray()), c.createArrayOf("text", allowed.toArray())))
                    .isEqualTo(ReferenceCheck.Side.OTHERS);
            assertThat(ReferenceCheck.find(c, own, allowed)).as("module larger").isEqualTo(expected)
                    .isEqualTo(ReferenceCheck.find(c, own, allowed, ReferenceCheck.Side.OTHERS));

            for (int i = 0; i < 10; i++) {
                c.createStatement().execute("CREATE TABLE ref_other.filler_" + i + " (id int)");
            }
            assertThat(sizes(c)).as("own relations and functions, other's").containsExactly(9L, 15L);
            assertThat(ReferenceCheck.smallerSide(c, c.createArrayOf("text", own.toArray()), c.createArrayOf("text", allowed.toArray())))
                    .isEqualTo(ReferenceCheck.Side.OWN);
            assertThat(ReferenceCheck.find(c, own, allowed)).as("module smaller").isEqualTo(expected);
        }
    }

    private static List<Long> sizes(Connection c) throws Exception {
        try (var rs = c.createStatement().executeQuery("SELECT (SELECT count(*) FROM pg_class WHERE relnamespace = 'ref_own'::regnamespace)"
                + " + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'ref_own'::regnamespace),"
                + " (SELECT count(*) FROM pg_class WHERE relnamespace = 'ref_other'::regnamespace)"
                + " + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'ref_other'::regnamespace)")) {
            rs.next();
            return List.of(rs.getLong(1), rs.getLong(2));
        }
    }
}
