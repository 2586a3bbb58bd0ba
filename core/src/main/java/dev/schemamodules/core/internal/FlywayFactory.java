package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * One Flyway instance per module: its own schemas, its own history table in its primary schema, its
 * own locations and placeholders. Flyway's transactional advisory lock is switched off (it deadlocks
 * with {@code CREATE INDEX CONCURRENTLY}); the run-wide session lock ({@link RunLock}) replaces it.
 */
public final class FlywayFactory {

    /** Name of every module's history table, inside the module's primary schema. */
    public static final String HISTORY_TABLE = "flyway_schema_history";
    /** Flyway tries its advisory lock once a second; it gives up after this many tries (its default, 50, per acquisition). */
    public static final int FLYWAY_LOCK_RETRIES = 10;

    private FlywayFactory() {
    }

    public static FluentConfiguration configure(PlannedModule module, DataSource dataSource, boolean withSeeds, Callback... callbacks) {
        return configure(module, dataSource, withSeeds ? module.seedLocations() : List.of(), callbacks);
    }

    /**
     * The module's migrations plus the given seed folders. Locations are fixed here, not afterwards: an indexed
     * module's scripts reach Flyway through a resource provider that lists exactly these locations.
     */
    public static FluentConfiguration configure(PlannedModule module, DataSource dataSource, List<String> seedLocations, Callback... callbacks) {
        List<String> locations = new ArrayList<>();
        locations.add("classpath:" + module.descriptor().migrationLocation());
        seedLocations.forEach(l -> locations.add("classpath:" + l));
        FluentConfiguration configuration = Flyway.configure(module.descriptor().classLoader())
                .dataSource(dataSource)
                .schemas(module.schemas().toArray(String[]::new))
                .defaultSchema(module.primarySchema())
                .table(HISTORY_TABLE)
                .locations(locations.toArray(String[]::new))
                .placeholders(module.placeholders())
                .validateMigrationNaming(true)
                // seeds are repeatable migrations applied only when asked for; a module's newer
                // migrations from a newer release are someone else's deploy, not an error here
                .ignoreMigrationPatterns("repeatable:missing", "*:future")
                .cleanDisabled(true)
                // Flyway's own advisory lock: the engine waits for it before the first change (FlywayLock),
                // within --lock-timeout; should another session take it later, Flyway gives up after this many 1 s tries
                .lockRetryCount(FLYWAY_LOCK_RETRIES)
                .baselineVersion("0")
                .loggers("slf4j")
                .callbacks(callbacks);
        if (ModuleResourceProvider.needed(module.descriptor())) {
            configuration.resourceProvider(new ModuleResourceProvider(module.descriptor(), locations.stream()
                    .map(l -> l.substring("classpath:".length())).toList()))
                    // modules are SQL only: without a class provider Flyway would still walk the jar for Java migrations
                    .javaMigrationClassProvider(java.util.List::of);
        }
        return configuration;
    }

    /**
     * A configuration (as {@link #configure}, without seeds) that sees only one of the module's versioned migrations,
     * {@code script}, to apply it alone: Flyway then resolves, sorts and checks one script instead of all of them.
     * Validation is off (what else is applied is not among the scripts it sees); the caller validates with a full
     * instance afterwards.
     */
    public static FluentConfiguration configureOnly(PlannedModule module, DataSource dataSource, String script, Callback... callbacks) {
        List<String> locations = List.of(module.descriptor().migrationLocation());
        return configure(module, dataSource, false, callbacks)
                .resourceProvider(new ModuleResourceProvider(module.descriptor(), locations).onlyMigration(script))
                .javaMigrationClassProvider(java.util.List::of)
                .validateOnMigrate(false)
                .target(ScriptName.parse(script).orElseThrow(() -> new IllegalArgumentException("not a migration script: " + script))
                        .version().toString());
    }

    /**
     * A configuration (as {@link #configure}, without seeds) that sees no script: its {@code migrate} creates the
     * module's schemas and history table (recording the schemas it created, as Flyway's migrate always does) and applies
     * nothing, so that a module not installed yet can have its first migrations applied in one batch.
     */
    public static FluentConfiguration configureNone(PlannedModule module, DataSource dataSource) {
        List<String> locations = List.of(module.descriptor().migrationLocation());
        return configure(module, dataSource, false)
                .resourceProvider(new ModuleResourceProvider(module.descriptor(), locations).noScripts())
                .javaMigrationClassProvider(java.util.List::of)
                .validateOnMigrate(false);
    }

    /**
     * The placeholders Flyway resolves in {@code script} of {@code module} that do not need the database: the module's own
     * and Flyway's {@code defaultSchema}, {@code table} and {@code filename}.
     */
    public static Map<String, String> placeholders(PlannedModule module, String script) {
        Map<String, String> placeholders = new LinkedHashMap<>(module.placeholders());
        placeholders.put("flyway:defaultSchema", module.primarySchema());
        placeholders.put("flyway:table", HISTORY_TABLE);
        placeholders.put("flyway:filename", script);
        return placeholders;
    }

    public static Flyway create(PlannedModule module, DataSource dataSource, boolean withSeeds, Callback... callbacks) {
        return load(configure(module, dataSource, withSeeds, callbacks));
    }

    /** Loads a configuration from {@link #configure}, with Flyway's transactional lock off. */
    public static Flyway load(FluentConfiguration configuration) {
        Flyway flyway = configuration.load();
        flyway.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
        return flyway;
    }
}
