package dev.schemamodules.bench;

import dev.schemamodules.core.Planner;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import org.flywaydb.core.Flyway;

/**
 * "Plain Flyway" as a deploy step of its own (not a test): one Flyway instance per module, in dependency
 * order, same locations, schemas, history tables and placeholders as the runner; Flyway's defaults
 * otherwise. The order and placeholders come from the project's planner (no database, microseconds);
 * a hand-written deploy script would hard-code them. Argument: JDBC URL (user/password in it or none).
 */
public final class PlainFlywayMain {

    private PlainFlywayMain() {
    }

    public static void main(String[] args) {
        ClassLoader loader = PlainFlywayMain.class.getClassLoader();
        Plan plan = Planner.plan(ModuleRegistry.discover(loader), PlanRequest.all());
        int applied = 0;
        for (PlannedModule m : plan.modules()) {
            // Flyway's defaults but its transactional lock, as Bench.plainFlyway (this class runs alone in a jar of its own)
            Flyway flyway = Flyway.configure(loader)
                    .dataSource(args[0], args.length > 1 ? args[1] : null, null)
                    .schemas(m.schemas().toArray(String[]::new))
                    .defaultSchema(m.primarySchema())
                    .table("flyway_schema_history")
                    .locations("classpath:" + m.descriptor().migrationLocation())
                    .placeholders(m.placeholders())
                    .load();
            flyway.getConfigurationExtension(org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
            applied += flyway.migrate().migrationsExecuted;
        }
        System.out.println("plain Flyway: " + applied + " migration(s) applied");
    }
}
