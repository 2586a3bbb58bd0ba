package dev.schemamodules.bench;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.SchemaModule;
import dev.schemamodules.testing.ModuleJarBuilder;
import dev.schemamodules.testing.TestDatabase;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Not a test: checks, on whatever engine is built, that a failing migration in the middle of many
 * (SQL error, then an undeclared cross-module reference) leaves exactly the migrations before it applied,
 * one history row each, reports the exact script, and reports only committed migrations to the listener.
 */
public final class BatchIsolationCheck {

    private BatchIsolationCheck() {
    }

    public static void main(String[] args) throws Exception {
        check("sql error", "SELECT 1/0;", 300, 150);
        check("reference", "CREATE TABLE bad (id uuid REFERENCES auth.users (id));", 300, 233);
        System.out.println("batch isolation: OK");
        System.exit(0);
    }

    private static void check(String what, String badSql, int n, int bad) throws Exception {
        ModuleJarBuilder b = ModuleJarBuilder.module("iso", "1.0.0", "iso");
        for (int i = 1; i <= n; i++) {
            b.migration(i, "m" + i, i == bad ? badSql : "CREATE TABLE t" + i + " (id integer);", null, null);
        }
        Path dir = Files.createTempDirectory("bench-iso");
        String saved = System.getProperty("java.class.path");
        System.setProperty("java.class.path", Path.of(SchemaModule.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        Path jar;
        try {
            jar = b.writeTo(dir);
        } finally {
            System.setProperty("java.class.path", saved);
        }
        ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, Thread.currentThread().getContextClassLoader());
        Plan plan = Bench.plan(loader, "iso");
        try (TestDatabase db = TestDatabase.empty()) {
            db.engine().migrate(Bench.plan(loader, "platform"), MigrationListener.NONE);
            AtomicInteger reported = new AtomicInteger();
            MigrationListener l = new MigrationListener() {
                @Override
                public void migrationApplied(String module, String version, String description, Duration d) {
                    if (module.equals("iso")) {
                        reported.incrementAndGet();
                    }
                }
            };
            String message = null;
            try {
                Engine.on(db.dataSource(), EngineOptions.defaults().withVerifyAfterMigrate(false)).migrate(plan, l);
            } catch (MigrationException e) {
                message = e.getMessage();
            }
            long rows = db.count("SELECT count(*) FROM iso.flyway_schema_history WHERE version IS NOT NULL AND version <> '0'");
            long ok = db.count("SELECT count(*) FROM iso.flyway_schema_history WHERE success AND version IS NOT NULL AND version <> '0'");
            long max = db.count("SELECT coalesce(max(version::int), 0) FROM iso.flyway_schema_history WHERE version IS NOT NULL AND version <> '0'");
            long tables = db.count("SELECT count(*) FROM pg_tables WHERE schemaname = 'iso' AND tablename <> 'flyway_schema_history'");
            boolean pass = message != null && message.contains("V" + bad + "__m" + bad + ".sql") && rows == bad - 1 && ok == bad - 1
                    && max == bad - 1 && tables == bad - 1 && reported.get() == bad - 1;
            System.out.printf("%s at V%d of %d: history rows=%d (success %d, max V%d), tables=%d, listener saw %d, error names script=%s -> %s%n",
                    what, bad, n, rows, ok, max, tables, reported.get(), message != null && message.contains("V" + bad + "__"), pass ? "ok" : "FAIL");
            if (!pass) {
                System.out.println(message);
                throw new IllegalStateException("batch isolation check failed: " + what);
            }
        }
    }
}
