package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.EngineOptions;
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
     */
    public static List<VerifyResult> verify(Plan plan, DataSource dataSource, EngineOptions options, LockWatcher watcher,
                                            MigrationListener listener, Map<String, Set<Version>> only) {
        List<VerifyResult> results = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            Set<Version> versions = only == null ? null : only.getOrDefault(m.name(), Set.of());
            if (versions != null && versions.isEmpty()) {
                continue;
            }
            ModuleScripts scripts = ModuleScripts.of(m.descriptor());
            ModuleWork.withConnection(dataSource, m, c -> {
                List<HistoryTable.Row> rows = new HistoryTable(m.primarySchema()).appliedMigrations(c);
                // one transaction per module, always rolled back: the helpers are created once, each script runs in a
                // savepoint rolled back after it (what one script changes, the next never sees)
                boolean auto = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    begin(c, options);
                    for (HistoryTable.Row row : rows) {
                        if (versions != null && !versions.contains(row.version())) {
                            continue;
                        }
                        Optional<ScriptName> verify = scripts.verifyFor(row.version());
                        VerifyResult r = verify.isPresent() ? runInSavepoint(c, m, scripts, verify.get(), options, watcher, listener)
                                : new VerifyResult(m.name(), row.version().toString(), row.script(), false,
                                        Optional.of("no verify script " + m.descriptor().verifyLocation() + "/V" + row.version() + "__*.sql"));
                        results.add(r);
                        listener.verified(r);
                    }
                } finally {
                    watcher.pause();
                    c.rollback();
                    c.setAutoCommit(auto);
                }
                return null;
            });
        }
        return results;
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
                                               EngineOptions options, LockWatcher watcher, MigrationListener listener) throws SQLException {
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
            listener.waiting("module " + m.name() + ": verify " + script.fileName() + " " + what + "; " + held + "; retrying in "
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
            return runInSavepoint(c, m, scripts, script, options, watcher, listener);
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }
}
