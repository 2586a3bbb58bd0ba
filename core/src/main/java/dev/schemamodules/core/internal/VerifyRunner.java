package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationListener;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Runs one verify script in a transaction that is always rolled back, after creating the shared verify
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
        List<VerifyResult> results = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            ModuleScripts scripts = ModuleScripts.of(m.descriptor());
            ModuleWork.withConnection(dataSource, m, c -> {
                for (HistoryTable.Row row : new HistoryTable(m.primarySchema()).appliedMigrations(c)) {
                    Optional<ScriptName> verify = scripts.verifyFor(row.version());
                    VerifyResult r = verify.isPresent() ? run(c, m, scripts, verify.get())
                            : new VerifyResult(m.name(), row.version().toString(), row.script(), false,
                                    Optional.of("no verify script " + m.descriptor().verifyLocation() + "/V" + row.version() + "__*.sql"));
                    results.add(r);
                    listener.verified(r);
                }
                return null;
            });
        }
        return results;
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
