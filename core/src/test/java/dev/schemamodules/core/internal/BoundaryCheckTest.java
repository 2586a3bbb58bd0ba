package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.testing.TestDatabase;
import java.sql.Connection;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fingerprint of other modules' schemas that the module-boundary check compares, on real PostgreSQL. */
class BoundaryCheckTest {

    /** Two constraint names that agree on their first 39 characters: their identities agree on 63 bytes. */
    private static final String FKEY = "accounts_owner_reference_and_status_combination_fkey";
    private static final String UKEY = "accounts_owner_reference_and_status_combination_ukey";

    @Test
    void objectsWithLongNamesKeepTheirWholeIdentity() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            createOtherModule(c);
            BoundaryCheck.Snapshot snapshot = BoundaryCheck.snapshot(c, List.of("boundary_other"));
            // a UNION typed by a first branch of type name cut both to "boundary_other.accounts.accounts_owner_reference_and_status_comb"
            assertThat(snapshot.objects().keySet())
                    .contains("constraint boundary_other.accounts." + FKEY, "constraint boundary_other.accounts." + UKEY)
                    .allMatch(key -> !key.endsWith("_comb"));
        }
    }

    @Test
    void twoReadsOfAnUnchangedSchemaAreEqualAndADropNamesTheWholeObject() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            createOtherModule(c);
            c.setAutoCommit(false);
            List<String> watched = List.of("boundary_other");
            BoundaryCheck.Snapshot before = BoundaryCheck.snapshot(c, watched);
            for (int i = 0; i < 20; i++) {
                assertThat(BoundaryCheck.compare(before, BoundaryCheck.snapshot(c, watched))).as("read %d of an unchanged schema", i).isEmpty();
            }
            c.createStatement().execute("ALTER TABLE boundary_other.accounts DROP CONSTRAINT " + UKEY);
            assertThat(BoundaryCheck.compare(before, BoundaryCheck.snapshot(c, watched)))
                    .extracting(BoundaryCheck.Violation::toString)
                    .containsExactlyInAnyOrder("constraint boundary_other.accounts." + UKEY + " was dropped",
                            "index boundary_other." + UKEY + " was dropped");
            c.rollback();
        }
    }

    @Test
    void aWatchedSchemasFunctionsAreReadAndTheirChangesNamed() throws Exception {
        try (TestDatabase db = TestDatabase.empty(); Connection c = db.connection()) {
            createOtherModule(c);
            c.createStatement().execute("""
                    CREATE FUNCTION boundary_other.owner_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM boundary_other.owners';
                    CREATE SCHEMA boundary_own;
                    CREATE FUNCTION boundary_own.peek() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM boundary_other.accounts';
                    """);
            c.setAutoCommit(false);
            List<String> watched = List.of("boundary_other");
            BoundaryCheck.Snapshot before = BoundaryCheck.snapshot(c, watched);
            assertThat(before.objects().keySet()).contains("function boundary_other.owner_count()");
            c.createStatement().execute("CREATE OR REPLACE FUNCTION boundary_other.owner_count() RETURNS bigint LANGUAGE sql AS 'SELECT 0::bigint'");
            c.createStatement().execute("CREATE FUNCTION boundary_other.added() RETURNS int LANGUAGE sql AS 'SELECT 1'");
            assertThat(BoundaryCheck.compare(before, BoundaryCheck.snapshot(c, watched)))
                    .extracting(BoundaryCheck.Violation::toString)
                    .contains("function boundary_other.owner_count() was altered: definition", "function boundary_other.added() was created");
            assertThat(BoundaryCheck.functionBodies(c, List.of("boundary_own"), watched))
                    .extracting(BoundaryCheck.Violation::toString)
                    .singleElement().asString().contains("boundary_own.peek()").contains("boundary_other");
            c.rollback();
        }
    }

    private static void createOtherModule(Connection c) throws Exception {
        c.createStatement().execute("""
                CREATE SCHEMA boundary_other;
                CREATE TABLE boundary_other.owners (id bigint PRIMARY KEY);
                CREATE TABLE boundary_other.accounts (
                    id bigint PRIMARY KEY,
                    owner_id bigint NOT NULL,
                    status text NOT NULL,
                    CONSTRAINT %s FOREIGN KEY (owner_id) REFERENCES boundary_other.owners (id),
                    CONSTRAINT %s UNIQUE (owner_id, status));
                """.formatted(FKEY, UKEY));
    }
}
