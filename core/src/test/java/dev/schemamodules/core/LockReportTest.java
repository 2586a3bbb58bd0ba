package dev.schemamodules.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.LockReportOptions;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock report on a module built here: what it loads, the locks and effects it sees, and the budget verdicts. */
class LockReportTest {

    @TempDir
    Path dir;

    private Plan module() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/lockmod/migration"));
        Files.writeString(migrations.resolve("V1__create_items.sql"), """
                CREATE TYPE item_kind AS ENUM ('book', 'tool');
                CREATE TABLE items (id bigserial PRIMARY KEY, name text NOT NULL, kind item_kind NOT NULL,
                    status text NOT NULL CONSTRAINT chk_items_status CHECK (status IN ('new', 'done')),
                    price numeric(8, 2) NOT NULL CHECK (price BETWEEN 1 AND 5), code varchar(12) NOT NULL UNIQUE,
                    created_at timestamptz NOT NULL DEFAULT now(), ends_at timestamptz NOT NULL, CHECK (ends_at > created_at),
                    parent_id bigint REFERENCES items (id));
                CREATE TABLE tags (id integer PRIMARY KEY, item_id bigint NOT NULL REFERENCES items (id), label varchar(20) NOT NULL UNIQUE,
                    payload jsonb NOT NULL);
                """);
        Files.writeString(migrations.resolve("V2__add_items_score.sql"), "ALTER TABLE items ADD COLUMN score integer NOT NULL DEFAULT (random() * 10)::integer;\n");
        Files.writeString(migrations.resolve("V3__index_tags_item.sql"), "-- lock-budget:waive tags stays small: a few hundred rows per deployment\n"
                + "CREATE INDEX idx_tags_item_id ON tags (item_id);\n");
        Files.writeString(migrations.resolve("V4__add_items_note.sql"), "ALTER TABLE items ADD COLUMN note text;\n");
        Files.writeString(migrations.resolve("V5__index_items_name.sql"), "CREATE INDEX CONCURRENTLY idx_items_name ON items (name);\n");
        // an online move's shadow table: kept in step by a trigger on items, filled by V7's copy
        Files.writeString(migrations.resolve("V6__create_items_copy.sql"), """
                CREATE TABLE items_copy (id bigint PRIMARY KEY, name text NOT NULL);
                CREATE FUNCTION sync_items_copy() RETURNS trigger LANGUAGE plpgsql SET search_path = lockmod, pg_temp AS $f$
                BEGIN
                    INSERT INTO items_copy (id, name) VALUES (NEW.id, NEW.name) ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name;
                    RETURN NULL;
                END $f$;
                CREATE TRIGGER items_sync_copy AFTER INSERT OR UPDATE ON items FOR EACH ROW EXECUTE FUNCTION sync_items_copy();
                """);
        Files.writeString(migrations.resolve("V7__copy_items.sql"), "INSERT INTO items_copy (id, name) SELECT id, name FROM items ON CONFLICT (id) DO NOTHING;\n");
        ClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        ModuleDescriptor d = ModuleDescriptor.builder("lockmod").schemas("lockmod").classLoader(loader).build();
        return Planner.plan(ModuleRegistry.of(List.of(d)), PlanRequest.all());
    }

    @Test
    void measures_locks_waits_and_effects_per_migration_and_judges_the_budget() throws Exception {
        Plan plan = module();
        List<String> progress = new ArrayList<>();
        try (TestDatabase db = TestDatabase.empty()) {
            LockReport report = LockReports.onEmptyDatabase(db.settings(), plan, LockReportOptions.defaults().withRows(2000), progress::add);
            assertThat(report.migrations()).extracting(LockReport.Migration::version).as("measured migrations").containsExactly("1", "2", "3", "4", "5", "6", "7");
            assertThat(progress).as("one progress line per migration").hasSize(7);

            LockReport.Migration v1 = report.migrations().get(0);
            assertThat(v1.tables()).as("V1 only creates tables: nothing existing to load").isEmpty();
            assertThat(v1.growsWithRows()).as("V1 verdict").isEmpty();

            LockReport.Migration v2 = report.migrations().get(1);
            assertThat(v2.tables()).as("V2 loads the table it alters").singleElement()
                    .satisfies(t -> {
                        assertThat(t.table()).isEqualTo("lockmod.items");
                        assertThat(t.rows()).isEqualTo(2000);
                        assertThat(t.failure()).isEmpty();
                    });
            assertThat(v2.locks()).as("V2 locks").anySatisfy(l -> {
                assertThat(l.table()).isEqualTo("lockmod.items");
                assertThat(l.mode()).isEqualTo("AccessExclusiveLock");
                assertThat(l.blocksReaders()).isTrue();
            });
            assertThat(v2.effects()).as("V2 effects").singleElement().satisfies(e -> assertThat(e.rewritten()).as("rewritten").isTrue());
            assertThat(v2.writer().statements()).as("writer statements during V2").isPositive();
            assertThat(v2.reader().statements()).as("reader statements during V2").isPositive();
            assertThat(v2.growsWithRows()).as("V2: a rewrite under an exclusive lock grows with the rows").isNotEmpty()
                    .singleElement().satisfies(r -> assertThat(r).isEqualTo("blocks readers and writers of lockmod.items while its transaction rewrites lockmod.items (statement 1):"
                            + " the wait grows with the rows"));
            assertThat(v2.waiver()).as("V2 waiver").isEmpty();
            assertThat(v2.statements()).as("V2 per statement: its one statement rewrote items").singleElement().satisfies(st -> {
                assertThat(st.statement()).startsWith("ALTER TABLE items ADD COLUMN score");
                assertThat(st.effects()).singleElement().satisfies(e -> assertThat(e.rewritten()).isTrue());
            });

            LockReport.Migration v3 = report.migrations().get(2);
            assertThat(v3.tables()).extracting(LockReport.LoadedTable::table).as("V3 loads tags").contains("lockmod.tags");
            assertThat(v3.effects()).as("V3 scans tags to build the index").anySatisfy(e -> {
                assertThat(e.table()).isEqualTo("lockmod.tags");
                assertThat(e.seqScans()).isPositive();
            });
            assertThat(v3.locks()).as("V3 locks").anySatisfy(l -> {
                assertThat(l.table()).isEqualTo("lockmod.tags");
                assertThat(l.mode()).isEqualTo("ShareLock");
                assertThat(l.blocksWriters()).isTrue();
                assertThat(l.blocksReaders()).isFalse();
            });
            assertThat(v3.growsWithRows()).as("V3 is over budget").isNotEmpty();
            assertThat(v3.waiver()).as("V3 waiver").contains("tags stays small: a few hundred rows per deployment");

            LockReport.Migration v4 = report.migrations().get(3);
            assertThat(v4.locks()).as("V4 takes an exclusive lock").anySatisfy(l -> assertThat(l.mode()).isEqualTo("AccessExclusiveLock"));
            assertThat(v4.effects()).as("V4 changes only the catalog").allSatisfy(e -> {
                assertThat(e.rewritten()).isFalse();
                assertThat(e.seqScans()).isZero();
            });
            assertThat(v4.growsWithRows()).as("V4: metadata only").isEmpty();

            LockReport.Migration v5 = report.migrations().get(4);
            assertThat(v5.transactional()).as("CREATE INDEX CONCURRENTLY runs outside a transaction").isFalse();
            assertThat(v5.growsWithRows()).as("V5 verdict").isEmpty();

            LockReport.Migration v7 = report.migrations().get(6);
            assertThat(v7.tables()).extracting(LockReport.LoadedTable::table).as("V7 loads items, not the shadow table its trigger fills")
                    .containsExactly("lockmod.items");
            assertThat(v7.effects()).as("V7 copies every item into the shadow table").anySatisfy(e -> {
                assertThat(e.table()).isEqualTo("lockmod.items_copy");
                assertThat(e.rowsInserted()).isGreaterThanOrEqualTo(2000);
            });
            assertThat(db.count("SELECT count(*) FROM lockmod.items_copy")).as("shadow = items, writer's inserts included")
                    .isEqualTo(db.count("SELECT count(*) FROM lockmod.items"));

            assertThat(report.unwaivedGrowingWithRows()).extracting(LockReport.Migration::version).as("unwaived, growing with the rows").containsExactly("2");
            assertThat(db.count("SELECT count(*) FROM lockmod.items WHERE status IN ('new', 'done') AND price BETWEEN 1 AND 5"))
                    .as("generated items satisfy the CHECK constraints").isGreaterThanOrEqualTo(2000);
            assertThat(db.count("SELECT count(*) FROM lockmod.tags t JOIN lockmod.items i ON i.id = t.item_id")).as("tags reference items")
                    .isGreaterThanOrEqualTo(2000);
        }
    }
}
