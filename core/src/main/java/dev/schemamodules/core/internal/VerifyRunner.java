package dev.schemamodules.core.internal;

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

    /** Runs the verify script of every applied migration of every planned module; the caller holds the run-wide lock. */
    public static List<VerifyResult> verifyAll(Plan plan, DataSource dataSource, MigrationListener listener) {
        return verify(plan, dataSource, listener, null);
    }

    /**
     * Runs the verify scripts of the applied migrations in {@code only} (module name -> versions; {@code null}:
     * every applied migration); a module without versions there is not touched. The caller holds the run-wide lock.
     */
    public static List<VerifyResult> verify(Plan plan, DataSource dataSource, MigrationListener listener, Map<String, Set<Version>> only) {
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
                    try (Statement st = c.createStatement()) {
                        st.execute(HELPERS);
                    }
                    for (HistoryTable.Row row : rows) {
                        if (versions != null && !versions.contains(row.version())) {
                            continue;
                        }
                        Optional<ScriptName> verify = scripts.verifyFor(row.version());
                        VerifyResult r = verify.isPresent() ? runInSavepoint(c, m, scripts, verify.get())
                                : new VerifyResult(m.name(), row.version().toString(), row.script(), false,
                                        Optional.of("no verify script " + m.descriptor().verifyLocation() + "/V" + row.version() + "__*.sql"));
                        results.add(r);
                        listener.verified(r);
                    }
                } finally {
                    c.rollback();
                    c.setAutoCommit(auto);
                }
                return null;
            });
        }
        return results;
    }

    /** One verify script in a savepoint of the caller's transaction (which has the helpers), rolled back to it afterwards. */
    private static VerifyResult runInSavepoint(Connection c, PlannedModule m, ModuleScripts scripts, ScriptName script) throws SQLException {
        java.sql.Savepoint before = c.setSavepoint();
        try {
            ScriptRunner.run(c, script.fileName(), scripts.readVerify(script), m.placeholders(), m.schemas());
            return new VerifyResult(m.name(), script.version().toString(), script.fileName(), true, Optional.empty());
        } catch (ScriptRunner.ScriptFailure e) {
            return new VerifyResult(m.name(), script.version().toString(), script.fileName(), false, Optional.of(reason(script, e.getMessage())));
        } finally {
            c.rollback(before);
        }
    }

    public static VerifyResult run(Connection c, PlannedModule m, ModuleScripts scripts, ScriptName script) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (Statement st = c.createStatement()) {
                st.execute(HELPERS);
            }
            ScriptRunner.run(c, script.fileName(), scripts.readVerify(script), m.placeholders(), m.schemas());
            return new VerifyResult(m.name(), script.version().toString(), script.fileName(), true, Optional.empty());
        } catch (ScriptRunner.ScriptFailure e) {
            return new VerifyResult(m.name(), script.version().toString(), script.fileName(), false, Optional.of(reason(script, e.getMessage())));
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }
}
