package dev.schemamodules.core.db;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.ScratchDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;

/** A scratch database created next to the live one ({@code CREATE DATABASE}, needs CREATEDB), dropped on close. */
public final class SameServerScratch implements ScratchDatabase {

    private final DataSource live;
    private final String name;
    private final HikariDataSource dataSource;
    private final String description;
    private final Thread dropOnExit;
    private final ConnectionSettings settings;

    /** Scratch databases are named {@code schema_modules_scratch_<epoch seconds>_<random>}. */
    static final String PREFIX = "schema_modules_scratch_";

    /** A leftover scratch database (its run was killed) is dropped by a later run once it is this old and unused. */
    static final long LEFTOVER_AFTER_SECONDS = 60;

    private SameServerScratch(DataSource live, String name, HikariDataSource dataSource, String description, Thread dropOnExit,
                              ConnectionSettings settings) {
        this.settings = settings;
        this.live = live;
        this.name = name;
        this.dataSource = dataSource;
        this.description = description;
        this.dropOnExit = dropOnExit;
    }

    /** The pool of a scratch database being created, and whether the JVM has begun to stop (guarded by itself). */
    private static final class PoolSlot {
        private HikariDataSource pool;
        private boolean stopping;

        /** The main thread: keeps the pool, unless the JVM is stopping (then it is closed and false returned). */
        synchronized boolean offer(HikariDataSource ds) {
            if (stopping) {
                ds.close();
                return false;
            }
            pool = ds;
            return true;
        }

        /** The shutdown hook: no pool is kept from now on; the one kept so far, if any. */
        synchronized HikariDataSource stop() {
            stopping = true;
            return pool;
        }
    }

    /**
     * Drops the scratch database (closing its pool first, ending any session left in it); for the shutdown hook.
     * Tried three times, half a second apart (a session of the run may still be connecting), each time with a
     * connection from the run's pool or, when another shutdown hook has closed that pool already (hooks run
     * concurrently), one of its own straight from the driver.
     */
    private static void dropAtExit(DataSource live, ConnectionSettings liveSettings, String name, PoolSlot slot) {
        HikariDataSource ds = slot.stop();
        if (ds != null) {
            ds.close();
        }
        String why = "";
        for (int attempt = 1; attempt <= 3; attempt++) {
            try (Connection c = connectForDrop(live, liveSettings); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                return;
            } catch (SQLException | RuntimeException e) {
                why = e instanceof SQLException sql ? SqlErrors.describe(sql) : String.valueOf(e.getMessage());
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        System.err.println("could not drop scratch database " + name + " while stopping (" + why
                + "); the next drift drops it, or drop it by hand");
    }

    private static Connection connectForDrop(DataSource live, ConnectionSettings liveSettings) throws SQLException {
        try {
            return live.getConnection();
        } catch (SQLException | RuntimeException poolClosed) {
            java.util.Properties p = new java.util.Properties();
            liveSettings.user().ifPresent(u -> p.setProperty("user", u));
            liveSettings.password().ifPresent(pw -> p.setProperty("password", pw));
            p.setProperty("connectTimeout", "10");
            p.setProperty("ApplicationName", "schema-modules-scratch-drop");
            return java.sql.DriverManager.getConnection(liveSettings.jdbcUrl(), p);
        }
    }

    /**
     * Drops scratch databases that earlier runs left behind (killed with SIGKILL, or the server went away):
     * older than {@link #LEFTOVER_AFTER_SECONDS} by their name and with no session connected.
     */
    static java.util.List<String> dropLeftovers(Connection c) throws SQLException {
        java.util.List<String> dropped = new java.util.ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        java.util.List<String> candidates = new java.util.ArrayList<>();
        try (Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery("SELECT datname FROM pg_database d WHERE datname LIKE '"
                + PREFIX + "%' AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a WHERE a.datname = d.datname)")) {
            while (rs.next()) {
                candidates.add(rs.getString(1));
            }
        }
        for (String db : candidates) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(PREFIX + "(\\d+)_[0-9a-f]+").matcher(db);
            if (m.matches() && now - Long.parseLong(m.group(1)) < LEFTOVER_AFTER_SECONDS) {
                continue;
            }
            try (Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS \"" + db.replace("\"", "\"\"") + "\"");
                dropped.add(db);
            } catch (SQLException e) {
                // in use after all, or not ours to drop: leave it
            }
        }
        return dropped;
    }

    public static SameServerScratch create(DataSource live, ConnectionSettings liveSettings) {
        String name = PREFIX + System.currentTimeMillis() / 1000 + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        // Ctrl-C or a kill (SIGTERM), which end the JVM through its shutdown hooks, drop it too. The hook is
        // registered before CREATE DATABASE: the database is visible to others as soon as the server commits it,
        // before this JVM hears back, and a kill in between must not leave it behind. A hook that runs while
        // the CREATE is in flight waits for it (bounded) before dropping.
        PoolSlot slot = new PoolSlot();
        java.util.concurrent.CountDownLatch created = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            try {
                created.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            dropAtExit(live, liveSettings, name, slot);
        }, "drop-" + name);
        Runtime.getRuntime().addShutdownHook(hook);
        try (Connection c = live.getConnection(); Statement st = c.createStatement()) {
            dropLeftovers(c);
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            removeHook(hook);
            throw new MigrationException(null, "cannot create scratch database " + name + " on the same server (the role needs CREATEDB; "
                    + "or use --scratch embedded): " + SqlErrors.describe(e), e);
        } finally {
            created.countDown();
        }
        String url = liveSettings.jdbcUrl().replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        ConnectionSettings s = new ConnectionSettings(url, liveSettings.user().orElse(null), liveSettings.password().orElse(null),
                ConnectionStrings.describe(url, liveSettings.user().orElse(null), liveSettings.password().isPresent()));
        HikariDataSource pool;
        try {
            pool = DataSources.create(s, "schema-modules-scratch", Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            removeHook(hook);
            dropAtExit(live, liveSettings, name, slot);
            throw e;
        }
        if (!slot.offer(pool)) {
            // stopped (SIGTERM, Ctrl-C) while the database was being created: the hook drops it
            throw new MigrationException(null, "stopped while creating scratch database " + name, null);
        }
        return new SameServerScratch(live, name, pool, s.masked(), hook, s);
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs and finds nothing to drop
        }
    }

    /** How to connect to the scratch database (for pools of its own). */
    public ConnectionSettings settings() {
        return settings;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(dropOnExit);
        } catch (IllegalStateException shuttingDown) {
            return;   // the hook drops it
        }
        drop();
    }

    private synchronized void drop() {
        if (dataSource.isClosed()) {
            return;
        }
        dataSource.close();
        try (Connection c = live.getConnection(); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new MigrationException(null, "could not drop scratch database " + name + "; drop it by hand: " + e.getMessage(), e);
        }
    }
}
