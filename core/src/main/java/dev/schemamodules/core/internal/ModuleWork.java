package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;

/** Runs work for one module and turns SQL and Flyway failures into a {@link MigrationException} naming it. */
public final class ModuleWork {

    private ModuleWork() {
    }

    /** Work on one connection. */
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} on a connection of its own, closed afterwards. */
    public static <T> T withConnection(DataSource dataSource, PlannedModule m, SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw failure(m, e);
        }
    }

    /** {@code e}, which stopped work on {@code m}, as the {@link MigrationException} naming the module. */
    public static MigrationException failure(PlannedModule m, SQLException e) {
        return new MigrationException(m.name(), "module " + m.name() + ": " + ScriptRunner.describe(e), e);
    }

    /** Runs {@code work}; a Flyway failure becomes a condensed {@link MigrationException}. */
    public static <T> T guard(PlannedModule m, Supplier<T> work) {
        try {
            return work.get();
        } catch (FlywayException e) {
            throw new MigrationException(m.name(), FlywayMessages.translate(m, e), e);
        }
    }
}
