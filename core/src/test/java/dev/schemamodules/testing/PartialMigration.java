package dev.schemamodules.testing;

import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.internal.FlywayFactory;
import javax.sql.DataSource;

/**
 * Applies a module only up to a given version, as an older release would have left it, so that tests
 * and benchmarks can seed data at that version before migrating further. Test support only: the
 * engine itself always migrates to the newest version.
 */
public final class PartialMigration {

    private PartialMigration() {
    }

    /** Applies {@code module}'s pending migrations up to and including {@code version}, without seeds. */
    public static void migrateTo(PlannedModule module, DataSource dataSource, String version) {
        FlywayFactory.load(FlywayFactory.configure(module, dataSource, false).target(version)).migrate();
    }
}
