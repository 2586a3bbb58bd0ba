package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import org.flywaydb.core.api.MigrationVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Adopt a database whose module objects already exist (created by the application's own scripts) at an explicit",
            "version: the verify scripts up to that version must pass, then a baseline row is written and later migrations apply",
            "normally. There is no default version (Flyway's baselineVersion=1 would silently skip a V1 that never ran)."})
final class BaselineCommand extends DatabaseCommand {

    @Option(names = "--module", required = true, paramLabel = "MODULE", description = "The module to adopt.")
    String module;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The migration version the existing objects correspond to.")
    String version;

    @Option(names = "--no-verify", description = "Write the baseline without running the verify scripts first (not recommended).")
    boolean noVerify;

    @Override
    public Integer call() {
        Console console = console();
        if (!modules.modules().isEmpty() && !modules.modules().contains(module)) {
            throw new ConfigurationException("--module " + module + " is not among --modules " + modules.modules());
        }
        modules.modules().clear();
        modules.modules().add(module);
        Plan plan = plan(console);
        try (Target target = openTarget(console)) {
            engine(target).baseline(plan, module, MigrationVersion.fromVersion(version), !noVerify, new ProgressPrinter(console));
        }
        console.line("baselined " + module + " at V" + version + (noVerify ? " (not verified)" : " (verify scripts up to V" + version + " passed)"));
        return ExitCodes.OK;
    }
}
