package dev.schemamodules.core.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.schemamodules.core.api.LockReport;
import dev.schemamodules.core.api.LockReportOptions;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.Progress;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.db.ConnectionSettings;
import dev.schemamodules.core.db.DataSources;
import dev.schemamodules.core.db.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.callback.Callback;

/**
 * The lock report on an empty database of its own (see {@link LockReport}). For each module of the plan: the
 * migrations up to its installed version are applied unmeasured; then each pending migration is measured:
 * the tables it names that exist before it are filled with generated rows ({@link RowGenerator}; the mirrors
 * of an online move are left to their triggers, see {@link ScratchTables}); a writer and a reader
 * ({@link LockProbe}) start on them, each on its own connection; a {@link LockSampler} samples {@code pg_locks};
 * the migration runs through Flyway with a {@link MigrationObserver}; {@link LockVerdict} makes the figures.
 */
public final class LockReporter {

    private static final Pattern WAIVER = Pattern.compile("(?m)^\\s*--\\s*lock-budget:waive\\s+(\\S.*?)\\s*$");
    /** Waivers of released scripts (which cannot change): {@code <script file name>: <reason>} per line, # comments. */
    public static final String WAIVER_FILE = "lock-budget-waivers";

    private final ConnectionSettings settings;
    private final LockReportOptions options;
    private final Consumer<String> lines;
    private final Progress progress;

    /** @param lines one line per measured migration; {@code progress} meters the row loads */
    public LockReporter(ConnectionSettings emptyDatabase, LockReportOptions options, Consumer<String> lines, Progress progress) {
        this.settings = emptyDatabase;
        this.options = options;
        this.lines = lines;
        this.progress = progress;
    }

    public LockReport run(Plan plan) {
        try (HikariDataSource ds = DataSources.create(settings, "schema-modules-lock-report", Duration.ofSeconds(30));
             HikariDataSource probes = DataSources.create(settings, "schema-modules-lock-probe", Duration.ofSeconds(30));
             Connection loader = ds.getConnection()) {
            loader.setAutoCommit(true);
            RowGenerator rows = new RowGenerator(loader);
            List<LockReport.Migration> out = new ArrayList<>();
            for (PlannedModule module : plan.modules()) {
                String installed = options.installed().get(module.name());
                boolean measured = options.modules().isEmpty() || options.modules().contains(module.name());
                ModuleScripts scripts = ModuleScripts.of(module.descriptor());
                Version from = installed == null ? null : Version.parse(installed);
                if (from != null) {
                    migrate(module, ds, from, null);
                }
                if (!measured) {
                    migrate(module, ds, null, null);
                    continue;
                }
                Map<String, String> fileWaivers = fileWaivers(module, scripts);
                List<ScriptName> pending = scripts.migrations().stream().filter(s -> from == null || s.version().compareTo(from) > 0).toList();
                for (int i = 0; i < pending.size(); i++) {
                    ScriptName script = pending.get(i);
                    String text = scripts.readMigration(script);
                    Optional<String> waiver = waiver(text).or(() -> Optional.ofNullable(fileWaivers.get(script.fileName())));
                    String label = String.format(Locale.ROOT, "%s V%s (%d of %d)", module.name(), script.version(), i + 1, pending.size());
                    LockReport.Migration m = measure(module, script, text, waiver, label, ds, probes, loader, rows);
                    out.add(m);
                    lines.accept(line(m));
                }
            }
            return new LockReport(options.rowsPerTable(), options.budget().toMillis(), out);
        } catch (SQLException e) {
            throw new MigrationException(null, "lock report: " + SqlErrors.describe(e), e);
        }
    }

    static String line(LockReport.Migration m) {
        return String.format(Locale.ROOT, "%s V%s: %.0f ms, writer waited %.0f ms, reader waited %.0f ms%s%s", m.module(), m.version(), m.totalMillis(),
                m.writer().longestLockWaitMillis(), m.reader().longestLockWaitMillis(), m.overBudget() ? ", OVER BUDGET" : "",
                m.waiver().map(w -> " (waived: " + w + ")").orElse(""));
    }

    private static void migrate(PlannedModule module, DataSource ds, Version target, Callback callback) {
        var config = FlywayFactory.configure(module, ds, false, callback == null ? new Callback[0] : new Callback[] {callback});
        if (target != null) {
            config.target(target.toString());
        }
        FlywayFactory.load(config).migrate();
    }

    private LockReport.Migration measure(PlannedModule module, ScriptName script, String text, Optional<String> waiver, String label, HikariDataSource ds,
                                         HikariDataSource probes, Connection loader, RowGenerator rows) throws SQLException {
        Map<Long, ScratchTables.Table> before = ScratchTables.existing(loader);
        Set<Long> touched = ScratchTables.namedIn(text, before.values());
        Set<Long> toLoad = new LinkedHashSet<>(touched);
        toLoad.removeAll(ScratchTables.mirrors(loader, before.values()));
        List<LockReport.LoadedTable> loaded = new ArrayList<>();
        Set<Long> probeTables = new LinkedHashSet<>();
        if (!toLoad.isEmpty()) {
            for (RowGenerator.Loaded l : rows.ensureRows(toLoad, options.rowsPerTable(), progress, label)) {
                if (touched.contains(l.oid())) {
                    loaded.add(new LockReport.LoadedTable(l.name(), l.rows(), Optional.ofNullable(l.failure())));
                    if (l.failure() == null && l.rows() > 0) {
                        probeTables.add(l.oid());
                    }
                }
            }
            before = ScratchTables.existing(loader);
        }
        Map<Long, String> names = new HashMap<>();
        for (long oid : touched) {
            names.put(oid, before.get(oid).name());
        }
        MigrationObserver observer = new MigrationObserver(touched, names);
        LockSampler sampler = new LockSampler(probes, options.pollInterval());
        LockProbe writer = new LockProbe(probes, "writer", probeTables, rows, true);
        LockProbe reader = new LockProbe(probes, "reader", probeTables, rows, false);
        long start;
        long end;
        String failure = null;
        try {
            writer.start(loader, before);
            reader.start(loader, before);
            sampler.start(writer.pid, reader.pid);
            writer.poller = sampler;
            reader.poller = sampler;
            Thread.sleep(20);
            observer.sampler = sampler;
            start = System.nanoTime();
            // as a deploy does (Migrator): a transactional script that gives up on its lock_timeout while the
            // writer and reader run was rolled back and runs again after 1, 2, 4 s; its waits count in the figures
            for (int attempt = 0; ; attempt++) {
                try {
                    migrate(module, ds, script.version(), observer);
                    break;
                } catch (RuntimeException e) {
                    if (attempt < 3 && observer.transactional && lockTimeout(e)) {
                        Thread.sleep(1000L << attempt);
                        continue;
                    }
                    failure = e.getMessage();
                    break;
                }
            }
            end = System.nanoTime();
            Thread.sleep(Math.max(20, 3 * options.pollInterval().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException(null, "lock report interrupted", e);
        } finally {
            sampler.stop();
            writer.stop();
            reader.stop();
        }
        if (failure != null) {
            throw new MigrationException(null, module.name() + " " + script.fileName() + " failed on the loaded scratch database: " + failure, null);
        }
        if (observer.begin > 0) {
            start = Math.min(start, observer.begin);
        }
        List<LockReport.HeldLock> locks = LockVerdict.locks(sampler, observer, before, end, options.pollInterval().toNanos());
        List<LockReport.TableEffect> effects = LockVerdict.effects(touched, before, ScratchTables.existing(loader), observer);
        LockReport.Probe w = writer.result();
        LockReport.Probe r = reader.result();
        return new LockReport.Migration(module.name(), script.version().toString(), script.fileName(), observer.transactional, (end - start) / 1e6,
                loaded, locks, effects, w, r, LockVerdict.waitsOverBudget(w, r, options.budget().toMillis()),
                LockVerdict.growsWithRows(observer.transactional, loaded, locks, effects, observer, before), waiver, observer.statements);
    }

    static Optional<String> waiver(String text) {
        Matcher m = WAIVER.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The module's {@code db/<module>/lock-budget-waivers} file: {@code <script file name>: <reason>} per line. A line
     * naming no script of the module, or without a reason, is an error (a waiver must say why, and a stale one hides nothing).
     */
    static Map<String, String> fileWaivers(PlannedModule module, ModuleScripts scripts) {
        var d = module.descriptor();
        if (!Resources.list(d, d.resourceRoot()).contains(WAIVER_FILE)) {
            return Map.of();
        }
        Set<String> known = new LinkedHashSet<>(scripts.migrations().stream().map(ScriptName::fileName).toList());
        Map<String, String> out = new LinkedHashMap<>();
        String[] fileLines = Resources.read(d, d.resourceRoot(), WAIVER_FILE).split("\n", -1);
        for (int i = 0; i < fileLines.length; i++) {
            String l = fileLines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int colon = l.indexOf(':');
            String file = colon < 0 ? l : l.substring(0, colon).strip();
            String reason = colon < 0 ? "" : l.substring(colon + 1).strip();
            if (reason.isEmpty() || !known.contains(file)) {
                throw new MigrationException(module.name(), String.format(Locale.ROOT, "%s/%s line %d: %s", d.resourceRoot(), WAIVER_FILE, i + 1,
                        reason.isEmpty() ? "expected '<script file name>: <reason>'" : "no migration " + file + " in module " + module.name()), null);
            }
            out.put(file, reason);
        }
        return out;
    }

    private static boolean lockTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException q && "55P03".equals(q.getSQLState())) {
                return true;
            }
            if (t.getMessage() != null && t.getMessage().contains("SQL State  : 55P03")) {
                return true;
            }
        }
        return false;
    }
}
