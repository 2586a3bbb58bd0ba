package dev.schemamodules.testing;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.Engine;
import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.db.DataSources;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Template databases, migrated once per JVM per module set, and the per-class databases cloned from
 * them with {@code CREATE DATABASE ... TEMPLATE ...} (no connection may be open on a template while it
 * is cloned, so cloning is serialised and templates are never connected to after migration).
 */
public final class TemplateDatabases {

    /** Distinguishes this JVM's databases from other JVMs' on a shared external server. */
    static final String RUN_ID = UUID.randomUUID().toString().substring(0, 6);
    private static final Map<String, String> TEMPLATES = new HashMap<>();
    private static final List<String> CREATED = new ArrayList<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private TemplateDatabases() {
    }

    /** The modules' plan, as every test of this JVM sees the class path. */
    public static Plan plan(List<String> modules, String seed) {
        PlanRequest request = PlanRequest.of(modules.toArray(String[]::new));
        if (seed != null && !seed.isEmpty()) {
            request = request.withSeed(seed);
        }
        return Planner.plan(ModuleRegistry.discover(Thread.currentThread().getContextClassLoader()), request);
    }

    /** A new database for one test class: a clone of the template for {@code modules} + {@code seed}. */
    public static synchronized String freshDatabase(TestPostgres pg, List<String> modules, String seed) {
        String name = "t_" + RUN_ID + "_" + COUNTER.incrementAndGet();
        if (modules.isEmpty()) {
            createDatabase(pg, name, null);
        } else {
            createDatabase(pg, name, template(pg, modules, seed));
        }
        return name;
    }

    /** A new, empty database (for tests that migrate themselves). */
    public static synchronized String emptyDatabase(TestPostgres pg) {
        String name = "t_" + RUN_ID + "_" + COUNTER.incrementAndGet();
        createDatabase(pg, name, null);
        return name;
    }

    private static String template(TestPostgres pg, List<String> modules, String seed) {
        String key = String.join(",", new TreeSet<>(modules)) + "|" + (seed == null ? "" : seed);
        String existing = TEMPLATES.get(key);
        if (existing != null) {
            return existing;
        }
        String name = "tpl_" + RUN_ID + "_" + key.replaceAll("[^a-z0-9]+", "_").toLowerCase(Locale.ROOT);
        if (name.length() > 60) {
            name = name.substring(0, 50) + "_" + Integer.toHexString(key.hashCode());
        }
        createDatabase(pg, name, null);
        Plan plan = plan(modules, seed);
        try (HikariDataSource ds = DataSources.create(pg.settings(name), "schema-modules-test-template", Duration.ofSeconds(30))) {
            Engine.on(ds, EngineOptions.defaults()).migrate(plan, dev.schemamodules.core.api.MigrationListener.NONE);
        }
        TEMPLATES.put(key, name);
        return name;
    }

    private static void createDatabase(TestPostgres pg, String name, String template) {
        try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + (template == null ? "" : " TEMPLATE " + template));
            CREATED.add(name);
        } catch (SQLException e) {
            throw new IllegalStateException("creating test database " + name + (template == null ? "" : " from " + template) + ": " + e.getMessage(), e);
        }
    }

    /** Drops a database created here (open connections are terminated). */
    public static synchronized void drop(TestPostgres pg, String name) {
        try (Connection c = pg.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            CREATED.remove(name);
        } catch (SQLException e) {
            // a leftover test database is harmless; the JVM's shutdown hook tries again
        }
    }

    static synchronized void dropAll(TestPostgres pg) {
        for (String name : new ArrayList<>(CREATED)) {
            drop(pg, name);
        }
    }
}
