package dev.schemamodules.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.internal.Resources;
import dev.schemamodules.core.internal.ScriptRunner;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seed re-runs and data digests, for every module that ships seeds: a seed is idempotent by contract, so
 * running it again (by the engine, or by hand) must change no row.
 */
public final class Seeds {

    private Seeds() {
    }

    /** A seed script of a planned module: where it lives and its file name. */
    public record Script(String location, String fileName) {
        @Override
        public String toString() {
            return location + "/" + fileName;
        }
    }

    /**
     * The seed scripts the test database's plan applies for {@code module} (common, then the seed environment),
     * in Flyway's order for repeatable migrations (by description).
     */
    public static List<Script> scripts(TestDatabase db, String module) {
        PlannedModule m = planned(db, module);
        List<Script> out = new ArrayList<>();
        for (String location : m.seedLocations()) {
            for (String file : Resources.list(m.descriptor(), location)) {
                if (file.startsWith("R__") && file.endsWith(".sql")) {
                    out.add(new Script(location, file));
                }
            }
        }
        out.sort(Comparator.comparing(Script::fileName));
        return out;
    }

    /** Runs one seed script the way the engine does: one transaction, the module's search_path and placeholders. */
    public static void run(TestDatabase db, String module, Script script) throws Exception {
        PlannedModule m = planned(db, module);
        String sql = Resources.read(m.descriptor(), script.location(), script.fileName());
        try (Connection c = db.connection()) {
            c.setAutoCommit(false);
            try {
                ScriptRunner.run(c, script.toString(), sql, m.placeholders(), m.schemas());
                c.commit();
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Runs the module's seed script {@code environment/fileName} (e.g. {@code common}, {@code R__x.sql}) in
     * {@code db}, whether or not the database's plan applies that seed environment.
     */
    public static void run(TestDatabase db, String module, String environment, String fileName) throws Exception {
        run(db, module, new Script(planned(db, module).descriptor().seedLocation(environment), fileName));
    }

    /** Runs every seed script of {@code module} again, in order. */
    public static void runAll(TestDatabase db, String module) throws Exception {
        List<Script> scripts = scripts(db, module);
        assertThat(scripts).as("seed scripts of %s in the test database's plan (is the test's seed environment set?)", module).isNotEmpty();
        for (Script s : scripts) {
            run(db, module, s);
        }
    }

    /**
     * {@code rows:md5} of every row of every table (partitions included) of the module's schemas, per
     * qualified table; rows are compared as JSON text without {@code ignoredColumns}, sorted, so the digest
     * does not depend on physical order.
     */
    public static Map<String, String> digest(TestDatabase db, String module, String... ignoredColumns) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        for (String schema : planned(db, module).schemas()) {
            for (String table : db.column("SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                    + "WHERE n.nspname = ? AND c.relkind = 'r' AND c.relname <> 'flyway_schema_history' ORDER BY 1", schema)) {
                String qualified = "\"" + schema + "\".\"" + table + "\"";
                out.put(schema + "." + table, (String) db.scalar("SELECT count(*) || ':' || coalesce(md5(string_agg(r, '|' ORDER BY r)), '') "
                        + "FROM (SELECT (to_jsonb(x) - ?::text[])::text AS r FROM " + qualified + " x) rows", (Object) ignoredColumns));
            }
        }
        return out;
    }

    /**
     * The seed contract: a second {@code migrate} applies nothing, and running every seed script twice more
     * changes no row of any table of the module (apart from {@code ignoredColumns}, e.g. an {@code updated_at}
     * that a seed's upsert moves by design). Returns the digest, for further assertions.
     */
    public static Map<String, String> assertRerunChangesNothing(TestDatabase db, String module, String... ignoredColumns) throws Exception {
        Map<String, String> before = digest(db, module, ignoredColumns);
        assertThat(before.values()).as("%s: the seeds wrote rows", module).anyMatch(d -> !d.startsWith("0:"));
        assertThat(db.engine().migrate(db.plan(), MigrationListener.NONE).migrationsApplied())
                .as("%s: migrations or seeds re-applied by a second migrate", module).isZero();
        runAll(db, module);
        runAll(db, module);
        assertThat(digest(db, module, ignoredColumns)).as("%s: every row of every table after running every seed script twice more", module)
                .containsExactlyEntriesOf(before);
        return before;
    }

    private static PlannedModule planned(TestDatabase db, String module) {
        return db.plan().module(module).orElseThrow(() -> new IllegalArgumentException("module " + module + " is not in the test database's plan"));
    }
}
