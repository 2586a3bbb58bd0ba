package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.core.api.Version;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Runs verify scripts in a transaction that is always rolled back (several of one module: each in a savepoint
 * rolled back after it), after creating the shared verify
 * helpers ({@code pg_temp.verify_columns / verify_constraints / verify_indexes / verify_relations / ...}, see
 * {@code dev/schemamodules/core/verify-helpers.sql}) in that transaction.
 */
public final class VerifyRunner {

    private static final String HELPERS = loadHelpers();

    private VerifyRunner() {
    }

    private static String loadHelpers() {
        try (InputStream in = VerifyRunner.class.getResourceAsStream("/dev/schemamodules/core/verify-helpers.sql")) {
            if (in == null) {
                throw new IllegalStateException("verify-helpers.sql missing from core");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The failure without the script name (the result carries it) and without PostgreSQL's context
     * line, which for a verify script only repeats the statement that raised.
     */
    static String reason(ScriptName script, String message) {
        String r = message.startsWith(script.fileName() + ": ") ? message.substring(script.fileName().length() + 2) : message;
        int where = r.indexOf(" | where: ");
        return where < 0 ? r : r.substring(0, where);
    }

    /**
     * Runs the verify script of every applied migration of every planned module; the caller holds the run-wide lock.
     * Every statement queues for a lock at most {@link EngineOptions#ddlLockTimeout()}; see {@link #verify}.
     */
    public static List<VerifyResult> verifyAll(Plan plan, DataSource dataSource, EngineOptions options, LockWatcher watcher,
                                               MigrationListener listener) {
        return verify(plan, dataSource, options, watcher, listener, null);
    }

    /**
     * Runs the verify scripts of the applied migrations in {@code only} (module name -> versions; {@code null}:
     * every applied migration); a module without versions there is not touched. The caller holds the run-wide lock.
     * A script waits for a lock at most {@link EngineOptions#ddlLockTimeout()} (a behaviour check that writes a row
     * must not queue without end behind another session's lock on a busy database, nor hold up the sessions queued
     * behind it); one that gives up, or that PostgreSQL chose as a deadlock victim, is rolled back and runs again after
     * 1, 2, 4 ... s, at most {@link EngineOptions#ddlLockRetries()} times, naming the sessions that held the lock
     * ({@code watcher}); after that it fails, naming them. {@link EngineOptions#statementTimeout()}, when set, bounds
     * each statement too.
     *
     * <p>The work is each module's scripts in two halves ({@code jobs}), and with two jobs or more a second session
     * works beside the first: each takes the next job nobody has taken, so two jobs' scripts run at once, each job in its
     * own always rolled-back transaction with a savepoint per script (verify scripts only read, or write rows in their
     * transaction, never DDL: two jobs can only meet on a row, which the lock timeout above bounds). The second session
     * only starts working once the data source has given it a connection: a pool with none to spare leaves every job
     * to the first, and the run never waits for the second session's connection. Results are reported, and a failure
     * thrown, in plan and history order, as one session gives them.
     */
    public static List<VerifyResult> verify(Plan plan, DataSource dataSource, EngineOptions options, LockWatcher watcher,
                                            MigrationListener listener, Map<String, Set<Version>> only) {
        Consumer<String> waiting = line -> {
            synchronized (listener) {
                listener.waiting(line);
            }
        };
        List<PlannedModule> modules = plan.modules().stream()
                .filter(m -> only == null || !only.getOrDefault(m.name(), Set.of()).isEmpty()).toList();
        if (modules.isEmpty()) {
            return List.of();
        }
        List<VerifyResult> results = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            ModuleJob[] jobs = jobs(c, modules, only).toArray(ModuleJob[]::new);
            AtomicInteger next = new AtomicInteger();
            if (jobs.length >= 2) {
                Thread second = new Thread(() -> {
                    try (Connection own = dataSource.getConnection(); LockWatcher ownWatcher = watcher.alongside()) {
                        for (int i = next.getAndIncrement(); i < jobs.length; i = next.getAndIncrement()) {
                            jobs[i].run(own, options, ownWatcher, waiting);
                        }
                    } catch (SQLException | RuntimeException e) {
                        // no connection to spare (or it broke between jobs; the job holds its failure): the first session
                        // verifies what is left
                    }
                }, "schema-modules-verify-2");
                second.setDaemon(true);
                second.start();
            }
            int reported = 0;
            for (int i = next.getAndIncrement(); i < jobs.length; i = next.getAndIncrement()) {
                try {
                    jobs[i].run(c, options, watcher, waiting);
                } catch (SQLException | RuntimeException e) {
                    // the job holds its failure, thrown in plan order below
                }
                reported = report(jobs, reported, false, results, listener);
            }
            report(jobs, reported, true, results, listener);
        } catch (SQLException e) {
            throw ModuleWork.failure(modules.get(0), e);
        }
        return results;
    }

    /**
     * The work of {@link #verify}: each module's applied migrations to verify, in history order, in two halves when it has
     * two or more (so that the two sessions share a large module too).
     */
    private static List<ModuleJob> jobs(Connection c, List<PlannedModule> modules, Map<String, Set<Version>> only) {
        List<ModuleJob> jobs = new ArrayList<>();
        for (PlannedModule m : modules) {
            Set<Version> versions = only == null ? null : only.get(m.name());
            List<HistoryTable.Row> rows;
            try {
                rows = new HistoryTable(m.primarySchema()).appliedMigrations(c);
            } catch (SQLException e) {
                throw ModuleWork.failure(m, e);
            }
            rows = rows.stream().filter(r -> versions == null || versions.contains(r.version())).toList();
            if (rows.isEmpty()) {
                continue;
            }
            ModuleScripts scripts = ModuleScripts.of(m.descriptor());   // listed once, shared by the module's halves
            int half = (rows.size() + 1) / 2;
            if (rows.size() >= 2) {
                jobs.add(new ModuleJob(m, scripts, rows.subList(0, half)));
                jobs.add(new ModuleJob(m, scripts, rows.subList(half, rows.size())));
            } else {
                jobs.add(new ModuleJob(m, scripts, rows));
            }
        }
        return jobs;
    }

    /** Gives the results of {@code jobs} from {@code from} on, in order, while they are done (with {@code await}: all); the next to give. */
    private static int report(ModuleJob[] jobs, int from, boolean await, List<VerifyResult> results, MigrationListener listener) {
        int i = from;
        for (; i < jobs.length && (await || jobs[i].done.getCount() == 0); i++) {
            ModuleJob job = jobs[i];
            try {
                job.done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrationException(job.module.name(), "module " + job.module.name() + ": interrupted while its verify scripts ran", e);
            }
            for (VerifyResult r : job.results) {
                results.add(r);
                synchronized (listener) {
                    listener.verified(r);
                }
            }
            if (job.failure != null) {
                throw job.failure;
            }
        }
        return i;
    }

    /** Verify scripts of one module, run by whichever session takes them first; their results, or what stopped them. */
    private static final class ModuleJob {
        final PlannedModule module;
        final ModuleScripts scripts;
        /** The applied migrations whose scripts to run, in history order. */
        final List<HistoryTable.Row> rows;
        final List<VerifyResult> results = new ArrayList<>();
        final CountDownLatch done = new CountDownLatch(1);
        volatile RuntimeException failure;

        ModuleJob(PlannedModule module, ModuleScripts scripts, List<HistoryTable.Row> rows) {
            this.module = module;
            this.scripts = scripts;
            this.rows = rows;
        }

        /** Runs the module's scripts on {@code c} in one transaction, always rolled back. */
        void run(Connection c, EngineOptions options, LockWatcher watcher, Consumer<String> waiting) throws SQLException {
            try {
                verifyModule(c, module, scripts, rows, options, watcher, waiting, results);
            } catch (SQLException e) {
                failure = ModuleWork.failure(module, e);
                throw e;
            } catch (RuntimeException e) {
                failure = e;
                throw e;
            } catch (Error e) {
                failure = new MigrationException(module.name(), "module " + module.name() + ": verify stopped: " + e, e);
                throw e;
            } finally {
                done.countDown();
            }
        }
    }

    /** The verify scripts of {@code m}'s applied migrations {@code rows} on {@code c}, into {@code results}. */
    private static void verifyModule(Connection c, PlannedModule m, ModuleScripts scripts, List<HistoryTable.Row> rows, EngineOptions options,
                                     LockWatcher watcher, Consumer<String> waiting, List<VerifyResult> results) throws SQLException {
        // one transaction per job (a module, or half of one), always rolled back: the helpers are created once, each script runs in a
        // savepoint rolled back after it (what one script changes, the next never sees)
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            begin(c, options);
            for (HistoryTable.Row row : rows) {
                Optional<ScriptName> verify = scripts.verifyFor(row.version());
                results.add(verify.isPresent() ? runInSavepoint(c, m, scripts, verify.get(), options, watcher, waiting)
                        : new VerifyResult(m.name(), row.version().toString(), row.script(), false,
                                Optional.of("no verify script " + m.descriptor().verifyLocation() + "/V" + row.version() + "__*.sql")));
            }
        } finally {
            watcher.pause();
            c.rollback();
            c.setAutoCommit(auto);
        }
    }

    /**
     * Starts a verify transaction on {@code c} (auto-commit off): the helpers, and the timeouts of {@link #verify} for
     * this transaction only, in one round trip.
     */
    private static void begin(Connection c, EngineOptions options) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute(HELPERS + "\nSELECT set_config('lock_timeout', '" + options.ddlLockTimeout().toMillis() + "ms', true)"
                    + options.statementTimeout().map(t -> ", set_config('statement_timeout', '" + t.toMillis() + "ms', true)").orElse(""));
        }
    }

    /**
     * One verify script in a savepoint of the caller's transaction (which has the helpers), rolled back to it afterwards;
     * run again while it gives up on a lock or is a deadlock victim, as {@link #verify} says.
     */
    private static VerifyResult runInSavepoint(Connection c, PlannedModule m, ModuleScripts scripts, ScriptName script,
                                               EngineOptions options, LockWatcher watcher, Consumer<String> waiting) throws SQLException {
        int pid = c.unwrap(PGConnection.class).getBackendPID();
        for (int attempt = 0; ; attempt++) {
            ScriptRunner.ScriptFailure failure = null;
            java.sql.Savepoint before = c.setSavepoint();
            watcher.watch(pid);
            try {
                ScriptRunner.run(c, script.fileName(), scripts.readVerify(script), m.placeholders(), m.schemas());
            } catch (ScriptRunner.ScriptFailure e) {
                failure = e;
            } finally {
                watcher.pause();
                c.rollback(before);
            }
            if (failure == null) {
                return new VerifyResult(m.name(), script.version().toString(), script.fileName(), true, Optional.empty());
            }
            boolean deadlock = Migrator.hasSqlState(failure, "40P01");
            if (!deadlock && !Migrator.hasSqlState(failure, "55P03")) {
                return failed(m, script, reason(script, failure.getMessage()));
            }
            List<String> blockers = watcher.lastBlockers();
            String what = deadlock ? "was chosen by PostgreSQL as the victim of a deadlock with another session (rolled back)"
                    : "could not get a lock within " + options.ddlLockTimeout().toMillis() / 1000.0 + " s (lock_timeout; rolled back, nothing waited behind it)";
            String held = "held by " + (blockers.isEmpty() ? "a session that had let go when looked at" : String.join("; ", blockers));
            if (attempt >= options.ddlLockRetries()) {
                return failed(m, script, (deadlock ? "chosen by PostgreSQL as a deadlock victim " + (attempt + 1) + " time(s)"
                        : "gave up on a lock " + (attempt + 1) + " time(s), after " + options.ddlLockTimeout().toMillis() / 1000.0 + " s each (lock_timeout)")
                        + "; " + held + ". Nothing of the script was checked: run verify again when that session has finished"
                        + (deadlock ? "" : ", or raise --ddl-lock-timeout"));
            }
            long pause = Migrator.retryPauseMillis(attempt);
            waiting.accept("module " + m.name() + ": verify " + script.fileName() + " " + what + "; " + held + "; retrying in "
                    + pause / 1000 + " s (" + (attempt + 1) + " of " + options.ddlLockRetries() + ")");
            try {
                Thread.sleep(pause);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                return failed(m, script, what + "; interrupted while waiting to run it again");
            }
        }
    }

    private static VerifyResult failed(PlannedModule m, ScriptName script, String why) {
        return new VerifyResult(m.name(), script.version().toString(), script.fileName(), false, Optional.of(why));
    }

    /**
     * One verify script on {@code c} in a transaction of its own, always rolled back (with the helpers and the timeouts of
     * {@link #verify}, and run again as it says when it gives up on a lock).
     */
    public static VerifyResult run(Connection c, PlannedModule m, ModuleScripts scripts, ScriptName script, EngineOptions options,
                                   LockWatcher watcher, MigrationListener listener) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            begin(c, options);
            return runInSavepoint(c, m, scripts, script, options, watcher, listener::waiting);
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }
}
