package dev.schemamodules.runner.command;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.EngineOptions;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.PreflightReport;
import dev.schemamodules.core.api.MigrateReport;
import dev.schemamodules.core.api.ModuleOutcome;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.VersionSkew;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Backup;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import dev.schemamodules.runner.support.Inputs;
import dev.schemamodules.core.db.ConnectionStrings;
import dev.schemamodules.runner.support.DeployHistory;
import dev.schemamodules.runner.support.ManifestResolver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "migrate",
        header = "Apply every pending migration of the selected modules in plan order.",
        footerHeading = "%nExamples:%n",
        footer = {"  # every module plus development data, into the embedded PostgreSQL",
            "  schema-modules migrate --seed dev",
            "  # one module on a server, after a pg_dump backup",
            "  schema-modules migrate --modules therapy --backup backups/ --url postgresql://app@db:5432/app",
            "  # only print the SQL, change nothing",
            "  schema-modules migrate --modules messaging --dry-run"}, mixinStandardHelpOptions = true,
        description = {"Apply every pending migration of the selected modules (and their dependencies) in plan order,",
            "under one run-wide lock; then run the verify scripts of the migrations this run applied (all of them with",
            "--verify-all, or the verify command). One line per migration, a summary at the end."})
final class MigrateCommand extends DatabaseCommand {

    @Option(names = "--no-verify", description = "Skip the verify scripts after migrating.")
    boolean noVerify;

    @Option(names = "--verify-all", description = {"After migrating, run the verify script of every applied migration of the selected modules,",
        "not only of those this run applied (as the verify command does)."})
    boolean verifyAll;

    @Option(names = "--backup", paramLabel = "DIR", description = "Run pg_dump of the plan's schemas into DIR first; refuse to migrate if it fails.")
    Path backup;

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "pg_dump to use for --backup (default: the newest on PATH or in /usr/lib/postgresql).")
    String pgDump;

    @Option(names = "--backup-timeout", paramLabel = "SECONDS", defaultValue = "21600", converter = Inputs.PositiveSeconds.class,
            description = "Stop pg_dump and refuse to migrate if --backup takes longer than this (default: ${DEFAULT-VALUE}).")
    int backupTimeoutSeconds;

    @Option(names = "--migrations-per-transaction", paramLabel = "N", defaultValue = "0", converter = Inputs.NonNegativeCount.class,
            description = {"Apply up to N pending migrations of a module in one transaction (a failing batch is re-run one by one, so",
                "history and error reports stay exact). 0 (default): batches of 200 when a module is installed fresh, one",
                "transaction per migration when upgrading (a batch holds its locks until it commits)."})
    int migrationsPerTransaction;

    @Option(names = "--dry-run", description = "Print the SQL that would run and change nothing (same as the dry-run command).")
    boolean dryRun;

    @Option(names = "--strict", description = {"Fail before any change (exit 1) when a module's history in the database is ahead of the release",
        "this runner carries. Without it such a module is left as it is, named in a warning, and the others are migrated."})
    boolean strict;

    /** The last line: what changed, migrations and seed scripts counted apart. */
    static String outcome(MigrateReport report) {
        int seeds = report.modules().stream().mapToInt(ModuleOutcome::seeds).sum();
        int migrations = report.migrationsApplied();
        if (migrations == 0 && seeds == 0) {
            return report.skipped().isEmpty() ? "nothing to migrate: every module is up to date"
                    : "nothing to migrate: every other module is up to date";
        }
        return (migrations == 0 ? "no migration" : migrations + " migration(s)") + (seeds == 0 ? "" : " and " + seeds + " seed script(s)") + " applied";
    }

    @Override
    public void checkBeforeConnecting(picocli.CommandLine commandLine) {
        if (noVerify && verifyAll) {
            throw usage(commandLine, "--no-verify and --verify-all exclude each other: give one of them");
        }
        super.checkBeforeConnecting(commandLine);
    }

    @Override
    public Integer call() {
        if (dryRun) {
            DryRunCommand delegate = new DryRunCommand();
            delegate.root = root;
            delegate.database = database;
            delegate.modules = modules;
            return delegate.call();
        }
        Console console = console();
        Plan plan = plan(console);
        printOrder(console, plan);
        try (Target target = openTarget(console)) {
            EngineOptions options = engineOptions().withVerifyAfterMigrate(!noVerify).withVerifyAll(verifyAll)
                    .withMigrationsPerTransaction(migrationsPerTransaction).withStrictVersions(strict);
            if (backup != null) {
                Engine engine = Engine.on(target.dataSource(), options);
                PreflightReport preflight = engine.preflight(plan, releases(target));   // no dump for a run that would be refused anyway
                if (!preflight.ok()) {
                    throw new MigrationException(null, "preflight found " + preflight.problems().size() + " problem(s) in the plan; nothing was changed:\n  - "
                            + String.join("\n  - ", preflight.problems()));
                }
                Backup.run(env().workingDirectory().resolve(backup), pgDump, Duration.ofSeconds(backupTimeoutSeconds), target.settings(), target.dataSource(),
                        engine.withInstalledNames(plan).modules().stream().flatMap(m -> m.schemas().stream()).toList(), "migrated", console);
            }
            List<DeployHistory.Module> planned = plan.modules().stream()
                    .map(m -> new DeployHistory.Module(m.name(), m.descriptor().version(), source(m.name()), null, null, null, "planned")).toList();
            long deploy = DeployHistory.start(target.dataSource(), "migrate", manifestName(), manifestSha256(), planned);
            MigrateReport report;
            try (ProgressPrinter progress = progress(console)) {
                report = Engine.on(target.dataSource(), options).migrate(plan, progress, releases(target));
            } catch (RuntimeException e) {
                DeployHistory.finish(target.dataSource(), deploy, false, ConnectionStrings.mask(String.valueOf(e.getMessage())), planned)
                        .ifPresent(console::warn);
                throw e;
            }
            List<DeployHistory.Module> applied = new ArrayList<>();
            for (ModuleOutcome o : report.modules()) {
                applied.add(new DeployHistory.Module(o.module(), release(plan, o.module()), source(o.module()), o.fromVersion().orElse(null),
                        o.toVersion().orElse(null), o.migrations(), o.migrations() == 0 && o.seeds() == 0 ? "up to date" : "migrated"));
            }
            for (VersionSkew k : report.skipped()) {
                applied.add(new DeployHistory.Module(k.module(), k.runnerRelease(), source(k.module()), k.databaseVersion(), k.databaseVersion(), 0,
                        DeployHistory.SKIPPED_AHEAD));
            }
            DeployHistory.finish(target.dataSource(), deploy, true, null, applied).ifPresent(console::warn);
            console.line("");
            console.line("@|bold summary|@ (" + ProgressPrinter.millis(report.duration()) + "):");
            // column widths from this run's names and releases (a 1.0.0 next to a 1.1.0-SNAPSHOT stays aligned)
            int nameWidth = 14;
            int releaseWidth = 9;
            for (ModuleOutcome o : report.modules()) {
                nameWidth = Math.max(nameWidth, o.module().length());
                releaseWidth = Math.max(releaseWidth, release(plan, o.module()).length());
            }
            for (VersionSkew k : report.skipped()) {
                nameWidth = Math.max(nameWidth, k.module().length());
                releaseWidth = Math.max(releaseWidth, k.runnerRelease().length());
            }
            String columns = "  %-" + nameWidth + "s %-" + releaseWidth + "s ";
            for (ModuleOutcome o : report.modules()) {
                String change = o.migrations() == 0 && o.seeds() == 0 ? "up to date at " + o.toVersion().orElse("-")
                        : o.fromVersion().orElse("empty") + " -> " + o.toVersion().orElse("-") + ", " + o.migrations() + " migration(s)"
                        + (o.seeds() > 0 ? ", " + o.seeds() + " seed script(s)" : "");
                console.line(String.format(columns + "%s  (%s; %s)", o.module(), release(plan, o.module()), change, source(o.module()),
                        ProgressPrinter.millis(o.duration())));
            }
            for (VersionSkew k : report.skipped()) {
                console.line(String.format(columns + "skipped: %s; %s  (%s)", k.module(), k.runnerRelease(), k.state(), Console.plain(k.needs()),
                        source(k.module())));
            }
            if (!noVerify) {
                console.line("  verified: " + report.verification().size() + " script(s) passed"
                        + (verifyAll ? "" : report.migrationsApplied() == 0 ? " (nothing applied; --verify-all or the verify command checks everything)"
                        : " (this run's migrations; --verify-all for every applied one)"));
            }
            console.line(outcome(report));
            for (VersionSkew k : report.skipped()) {
                console.warn(k.describe() + "; it was skipped and left as it is (use --strict to fail instead)");
            }
            console.line("recorded in " + DeployHistory.TABLE + " (deploy " + deploy + ")");
        }
        return ExitCodes.OK;
    }

    private static String release(Plan plan, String module) {
        return plan.module(module).map(m -> m.descriptor().version()).orElse("?");
    }

    private String manifestName() {
        return modules.manifest() == null ? null : modules.manifest().toString();
    }

    private String manifestSha256() {
        return modules.manifest() == null ? null : ManifestResolver.sha256(env().workingDirectory().resolve(modules.manifest()));
    }
}
