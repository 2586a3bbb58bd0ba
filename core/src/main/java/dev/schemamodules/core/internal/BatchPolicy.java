package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.Version;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;

/**
 * Which pending migrations of a module are applied together in one transaction, and how many at a time:
 * each run of versioned migrations whose scripts can run in a transaction, between those that cannot, in batches of
 * {@link EngineOptions#migrationsPerTransaction()} ({@link EngineOptions#AUTO}: large batches for a
 * fresh install, one per transaction for an upgrade).
 */
public final class BatchPolicy {

    private BatchPolicy() {
    }

    /** Migrations per transaction for this run of the module. */
    public static int batchSize(EngineOptions options, boolean freshInstall) {
        if (options.migrationsPerTransaction() != EngineOptions.AUTO) {
            return options.migrationsPerTransaction();
        }
        return freshInstall ? EngineOptions.DEFAULT_MIGRATIONS_PER_TRANSACTION : 1;
    }

    /** The leading pending versioned migrations that can run in a transaction, in order. */
    public static List<MigrationInfo> batchable(MigrationInfo[] pending, ModuleScripts scripts) {
        List<MigrationInfo> run = new ArrayList<>();
        for (Segment s : segments(pending, scripts)) {
            if (!s.transactional()) {
                break;
            }
            run.addAll(s.migrations());
        }
        return run;
    }

    /** A run of pending versioned migrations that can run in a transaction, or one that cannot. */
    public record Segment(List<MigrationInfo> migrations, boolean transactional) {
    }

    /**
     * The pending versioned migrations, in order, up to the first that is not versioned (a seed): each run of
     * migrations that can run in a transaction is one segment, each migration that cannot is a segment of its own.
     */
    public static List<Segment> segments(MigrationInfo[] pending, ModuleScripts scripts) {
        List<Segment> segments = new ArrayList<>();
        // one map for the whole list (a scan per migration made a module of 10,000 migrations quadratic)
        Map<Version, ScriptName> byVersion = new HashMap<>();
        for (ScriptName s : scripts.migrations()) {
            byVersion.putIfAbsent(s.version(), s);
        }
        List<MigrationInfo> run = new ArrayList<>();
        for (MigrationInfo p : pending) {
            if (p.getVersion() == null) {
                break;
            }
            if (transactional(p, scripts, byVersion)) {
                run.add(p);
                continue;
            }
            if (!run.isEmpty()) {
                segments.add(new Segment(List.copyOf(run), true));
                run.clear();
            }
            segments.add(new Segment(List.of(p), false));
        }
        if (!run.isEmpty()) {
            segments.add(new Segment(List.copyOf(run), true));
        }
        return segments;
    }

    private static boolean transactional(MigrationInfo info, ModuleScripts scripts, Map<Version, ScriptName> byVersion) {
        Optional<ScriptName> script = Optional.ofNullable(byVersion.get(Version.parse(info.getVersion().getVersion())));
        return script.isPresent() && TransactionalScripts.canRunInTransaction(scripts.readMigration(script.get()));
    }
}
