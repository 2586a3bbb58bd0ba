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
 *
 * <p>A test class should not wait for the server's file copying: after handing out a clone, the next one for
 * the same modules (the spare) is made on a background thread while the test class runs, and a closed
 * database is dropped there too. Every create and drop still runs one at a time (this class's lock); the JVM's
 * end drops whatever is left, spares included. {@link #useSpares(boolean)} switches spares off (the provisioning
 * benchmark measures both).
 */
public final class TemplateDatabases {

    /** Distinguishes this JVM's databases from other JVMs' on a shared external server. */
    static final String RUN_ID = UUID.randomUUID().toString().substring(0, 6);
    private static final Map<String, String> TEMPLATES = new HashMap<>();
    private static final List<String> CREATED = new ArrayList<>();
    private static final AtomicInteger COUNTER = new AtomicInteger();
    /** Template key (server, modules, seed) -> a clone made ahead that no test has yet. */
    private static final Map<String, String> SPARES = new HashMap<>();
    /** Spare database -> its server (to drop a spare no test took). */
    private static final Map<String, TestPostgres> SPARE_SERVERS = new HashMap<>();
    private static volatile boolean spares = true;
    private static final java.util.concurrent.ExecutorService BACKGROUND = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "schema-modules-test-databases");
        t.setDaemon(true);
        return t;
    });

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
        if (modules.isEmpty()) {
            String name = "t_" + RUN_ID + "_" + COUNTER.incrementAndGet();
            createDatabase(pg, name, null);
            return name;
        }
        String template = template(pg, modules, seed);
        String key = System.identityHashCode(pg) + "|" + key(modules, seed);
        String name = SPARES.remove(key);
        if (name != null) {
            SPARE_SERVERS.remove(name);
        } else {
            name = "t_" + RUN_ID + "_" + COUNTER.incrementAndGet();
            createDatabase(pg, name, template);
        }
        if (spares) {
            BACKGROUND.execute(() -> makeSpare(pg, key, template));
        }
        return name;
    }

    /** Whether clones are made ahead (default) or only when a test asks. Dropping spares made so far when switched off. */
    public static void useSpares(boolean on) {
        spares = on;
        if (!on) {
            synchronized (TemplateDatabases.class) {
                for (String name : new ArrayList<>(SPARES.values())) {
                    dropNow(null, name);
                }
                SPARES.clear();
            }
        }
    }

    private static synchronized void makeSpare(TestPostgres pg, String key, String template) {
        if (!spares || SPARES.containsKey(key)) {
            return;
        }
        String name = "t_" + RUN_ID + "_" + COUNTER.incrementAndGet();
        try {
            createDatabase(pg, name, template);
            SPARES.put(key, name);
            SPARE_SERVERS.put(name, pg);
        } catch (RuntimeException e) {
            // the next test clones on demand
        }
    }

    private static String key(List<String> modules, String seed) {
        return String.join(",", new TreeSet<>(modules)) + "|" + (seed == null ? "" : seed);
    }

    /** A new, empty database (for tests that migrate themselves). */
    public static synchronized String emptyDatabase(TestPostgres pg) {
        String name = "t_" + RUN_ID + "_" + COUNTER.incrementAndGet();
        createDatabase(pg, name, null);
        return name;
    }

    private static String template(TestPostgres pg, List<String> modules, String seed) {
        String key = key(modules, seed);
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

    /**
     * Waits until the background thread has done what was asked of it so far (drops, clones made ahead), at most two
     * minutes: a benchmark calls this before it starts a clock, so that a database dropped a moment ago (with the
     * checkpoint {@code DROP DATABASE} forces) is not timed with what it measures.
     */
    public static void settle() {
        try {
            BACKGROUND.submit(() -> { }).get(2, java.util.concurrent.TimeUnit.MINUTES);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // shut down at the JVM's end: nothing is pending any more
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the test databases' background work did not finish within 2 minutes", e);
        }
    }

    /** Drops a database created here (open connections are terminated), on the background thread: the caller does not wait. */
    public static void drop(TestPostgres pg, String name) {
        try {
            BACKGROUND.execute(() -> dropNow(pg, name));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            dropNow(pg, name);
        }
    }

    private static synchronized void dropNow(TestPostgres pg, String name) {
        TestPostgres server = pg != null ? pg : SPARE_SERVERS.remove(name);
        if (server == null) {
            return;
        }
        try (Connection c = server.connect("postgres"); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            CREATED.remove(name);
        } catch (SQLException e) {
            // a leftover test database is harmless; the JVM's shutdown hook tries again
        }
    }

    /** At the JVM's end: waits for the background creates and drops, then drops every database created here, spares included. */
    static void dropAll(TestPostgres pg) {
        spares = false;
        BACKGROUND.shutdown();
        try {
            BACKGROUND.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (TemplateDatabases.class) {
            SPARES.clear();
            SPARE_SERVERS.clear();
            for (String name : new ArrayList<>(CREATED)) {
                dropNow(pg, name);
            }
        }
    }
}
