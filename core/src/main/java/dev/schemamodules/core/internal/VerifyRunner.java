package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.VerifyResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Runs one verify script in a transaction that is always rolled back. */
public final class VerifyRunner {

    private VerifyRunner() {
    }

    public static VerifyResult run(Connection c, PlannedModule m, ModuleScripts scripts, ScriptName script) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            ScriptRunner.run(c, script.fileName(), scripts.readVerify(script), m.placeholders(), m.schemas());
            return new VerifyResult(m.name(), script.version().getVersion(), script.fileName(), true, Optional.empty());
        } catch (ScriptRunner.ScriptFailure e) {
            return new VerifyResult(m.name(), script.version().getVersion(), script.fileName(), false, Optional.of(e.getMessage()));
        } finally {
            c.rollback();
            c.setAutoCommit(auto);
        }
    }
}
