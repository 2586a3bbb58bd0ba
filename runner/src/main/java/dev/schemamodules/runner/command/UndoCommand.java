package dev.schemamodules.runner.command;

import dev.schemamodules.core.Engine;
import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.UndoPreview;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.ModuleStatus;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Backup;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ModuleCatalog;
import dev.schemamodules.runner.support.Inputs;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import dev.schemamodules.core.db.ConnectionStrings;
import dev.schemamodules.runner.support.DeployHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "undo",
        header = "Revert a module's newest migrations with its undo scripts.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules undo --module telehealth --steps 1",
            "  schema-modules undo --module therapy --to 5",
            "  # platform and, first, every installed module that needs it",
            "  schema-modules undo --module platform --all --cascade"}, aliases = "down", mixinStandardHelpOptions = true,
        description = {"Revert a module's newest migrations with its undo scripts, newest first; each undo script and the removal of",
            "its history row run in one transaction. Refused before anything changes while an installed module depends on what",
            "would be removed, unless --cascade (which reverts exactly those dependents completely first, in reverse plan order),",
            "and while a table it drops holds rows, unless --backup DIR or --discard-data."})
final class UndoCommand extends DatabaseCommand {

    @Option(names = "--module", required = true, paramLabel = "MODULE", description = "The module to revert.")
    String module;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Target target = new Target();

    static final class Target {
        @Option(names = "--steps", paramLabel = "N", converter = Inputs.PositiveCount.class, description = "Revert the last N applied migrations (default 1).")
        Integer steps;

        @Option(names = "--to", paramLabel = "VERSION", converter = Inputs.Version.class, description = "Revert every migration above VERSION (0 = all).")
        String to;

        @Option(names = "--all", description = "Revert every migration of the module.")
        boolean all;
    }

    @Option(names = "--cascade", description = {"Revert first, completely, the installed dependents whose requires= would no longer hold",
        "(and theirs), instead of refusing; dependents whose requirement still holds are kept. Says which before it starts."})
    boolean cascade;

    @Option(names = "--dry-run", description = "Print the dependents a cascade reverts, every undo script in order and the rows of the tables they drop; change nothing.")
    boolean dryRun;

    @Option(names = "--backup", paramLabel = "DIR", description = "Run pg_dump of every schema the undo touches into DIR first (0600 file, 0700 folder); refuse to undo if it fails.")
    java.nio.file.Path backup;

    @Option(names = "--pg-dump", paramLabel = "PATH", description = "pg_dump to use for --backup (default: the newest on PATH or in /usr/lib/postgresql).")
    String pgDump;

    @Option(names = "--backup-timeout", paramLabel = "SECONDS", defaultValue = "21600", converter = Inputs.PositiveSeconds.class,
            description = "Stop pg_dump and refuse to undo if --backup takes longer than this (default: ${DEFAULT-VALUE}).")
    int backupTimeoutSeconds;

    @Option(names = "--discard-data", description = "Allow dropping tables that hold rows without a backup (the rows are lost).")
    boolean discardData;

    @Override
    public Integer call() {
        Console console = console();
        catalog = ModuleCatalog.load(modules, env(), console);
        ModuleRegistry registry = catalog.registry();
        Plan plan = ModuleCatalog.plan(registry, modules, true);
        PlannedModule m = plan.module(module).orElseThrow(() -> new PlanException("--module " + module + ": unknown module; available: "
                + String.join(", ", registry.names())));
        try (dev.schemamodules.runner.support.Target db = openTarget(console)) {
            Version to = resolveTarget(db, plan, m);
            console.info("undo " + module + " down to version " + to + (cascade ? " (cascade)" : ""));
            Engine engine = engine(db);
            UndoPreview preview = engine.undoPreview(plan, module, to, cascade);
            if (!preview.cascade().isEmpty()) {
                console.line("--cascade first reverts completely: " + String.join(", ", preview.cascade()));
            }
            if (dryRun) {
                preview.steps().forEach(st -> console.line("  " + st.module() + "  U" + st.version() + "  " + st.script()));
                console.line(preview.rowsLost().isEmpty() ? "no table that holds rows would be dropped"
                        : "rows that would be lost: " + String.join(", ", preview.rowsLost().stream().map(Object::toString).toList()));
                console.line(preview.steps().size() + " undo script(s) would run; nothing was changed");
                return ExitCodes.OK;
            }
            if (!preview.rowsLost().isEmpty()) {
                String tables = String.join(", ", preview.rowsLost().stream().map(Object::toString).toList());
                if (backup == null && !discardData) {
                    throw new MigrationException(module, "undo would drop tables that hold rows: " + tables + "; pass --backup DIR (pg_dump of "
                            + String.join(", ", preview.schemas()) + " first) or --discard-data. Nothing was undone");
                }
                if (backup == null) {
                    console.info("--discard-data: dropping " + tables);
                }
            }
            if (backup != null) {
                Backup.run(env().workingDirectory().resolve(backup), pgDump, java.time.Duration.ofSeconds(backupTimeoutSeconds), db.settings(), db.dataSource(),
                        preview.schemas(), "undone", console);
            }
            List<String> touched = new ArrayList<>(preview.steps().stream().map(UndoPreview.Step::module).distinct().toList());
            if (touched.isEmpty()) {
                console.line("nothing to undo");
                return ExitCodes.OK;
            }
            Plan affected = new Plan(plan.modules().stream().filter(p -> touched.contains(p.name())).toList(), plan.seedEnvironment());
            Map<String, String> before = installed(engine, affected);
            List<DeployHistory.Module> planned = recorded(preview, plan, before, Map.of(), "planned");
            long deploy = DeployHistory.start(db.dataSource(), "undo", null, null, planned);
            List<ModuleStatus.MigrationRef> undone;
            try {
                undone = engine.undo(plan, module, to, cascade, new ProgressPrinter(console));
            } catch (RuntimeException e) {
                // what did happen: each undo step commits on its own, so a failure part-way leaves the earlier ones undone
                List<DeployHistory.Module> state = recorded(preview, plan, before, installed(engine, affected), "failed");
                DeployHistory.finish(db.dataSource(), deploy, false, ConnectionStrings.mask(String.valueOf(e.getMessage())), state).ifPresent(console::warn);
                throw e;
            }
            DeployHistory.finish(db.dataSource(), deploy, true, null, recorded(preview, plan, before, installed(engine, affected), "undone"))
                    .ifPresent(console::warn);
            console.line(undone.size() + " migration(s) undone");
            console.line("recorded in " + DeployHistory.TABLE + " (deploy " + deploy + ")");
        }
        return ExitCodes.OK;
    }

    /** Installed schema version per module of {@code plan} (absent: nothing installed). */
    private static Map<String, String> installed(Engine engine, Plan plan) {
        Map<String, String> versions = new LinkedHashMap<>();
        for (ModuleStatus s : engine.status(plan)) {
            s.installedVersion().ifPresent(v -> versions.put(s.module(), v));
        }
        return versions;
    }

    /**
     * The modules of an undo as the deploy history records them: release, source, schema version before and after,
     * how many migrations were reverted and which scripts (the preview's, in the order they run).
     *
     * @param after installed versions after the undo; {@code null} values (absent keys) mean fully reverted.
     *              Empty while the undo has not run: the after-versions are then unknown
     */
    private List<DeployHistory.Module> recorded(UndoPreview preview, Plan plan, Map<String, String> before, Map<String, String> after, String state) {
        List<DeployHistory.Module> modules = new ArrayList<>();
        boolean ran = !"planned".equals(state);
        for (String name : preview.steps().stream().map(UndoPreview.Step::module).distinct().toList()) {
            List<String> scripts = preview.steps().stream().filter(st -> st.module().equals(name)).map(UndoPreview.Step::script).toList();
            String from = before.get(name);
            String to = ran ? after.get(name) : null;
            int reverted = ran ? (int) preview.steps().stream().filter(st -> st.module().equals(name))
                    .filter(st -> to == null || Version.parse(st.version()).isAbove(Version.parse(to))).count() : 0;
            modules.add(new DeployHistory.Module(name, plan.module(name).map(p -> p.descriptor().version()).orElse("?"), source(name), from, to,
                    ran ? reverted : null, state, scripts));
        }
        return modules;
    }

    private Version resolveTarget(dev.schemamodules.runner.support.Target db, Plan plan, PlannedModule m) {
        if (target.all) {
            return Version.parse("0");
        }
        if (target.to != null) {
            return Version.parse(target.to);
        }
        int steps = target.steps == null ? 1 : target.steps;
        if (steps < 1) {
            throw new ConfigurationException("--steps must be 1 or more");
        }
        List<ModuleStatus.MigrationRef> applied = engine(db).status(new Plan(List.of(m), plan.seedEnvironment())).get(0).applied().stream()
                .filter(r -> r.version() != null).toList();
        if (applied.size() <= steps) {
            return Version.parse("0");
        }
        return Version.parse(applied.get(applied.size() - steps - 1).version());
    }
}
