package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "baseline",
        header = "Adopt a database whose module objects already exist.",
        footerHeading = "%nExamples:%n",
        footer = {"  # the therapy objects exist already up to V8: adopt them there",
            "  schema-modules baseline --module therapy --version 8 --url postgresql://app@db:5432/app"}, mixinStandardHelpOptions = true,
        description = {"Adopt a database whose module objects already exist (created by the application's own scripts) at an explicit",
            "version: the verify scripts up to that version must pass, then a baseline row is written and later migrations apply",
            "normally. There is no default version (Flyway's baselineVersion=1 would silently skip a V1 that never ran)."})
final class BaselineCommand extends DatabaseCommand {

    // no mixinStandardHelpOptions: its -V/--version would take this command's --version
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--module", required = true, paramLabel = "MODULE", description = "The module to adopt.")
    String module;

    @Option(names = "--version", required = true, paramLabel = "VERSION", description = "The migration version the existing objects correspond to.")
    String version;

    @Option(names = "--no-verify", description = "Write the baseline without running the verify scripts first (not recommended).")
    boolean noVerify;

    @Override
    public void checkBeforeConnecting(picocli.CommandLine commandLine) {
        try {
            if (!Version.parse(version).isAbove(Version.ZERO)) {
                throw new IllegalArgumentException("not above 0");
            }
        } catch (RuntimeException e) {
            throw usage(commandLine, "--version " + version + ": not a migration version; give the V number of the last migration whose objects "
                    + "already exist, e.g. --version 8 for V8__...sql");
        }
        super.checkBeforeConnecting(commandLine);
    }

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
            engine(target).baseline(plan, module, Version.parse(version), !noVerify, new ProgressPrinter(console));
        }
        console.line("baselined " + module + " at V" + version + (noVerify ? " (not verified)" : " (verify scripts up to V" + version + " passed)"));
        return ExitCodes.OK;
    }
}
