package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "verify",
        header = "Run the verify script of every applied migration, rolled back.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules verify",
            "  schema-modules verify --modules chatbot-crm",
            "  schema-modules verify --json"}, mixinStandardHelpOptions = true,
        description = "Run the verify script of every applied migration, each in a transaction that is rolled back; exit 1 if any fails.")
final class VerifyCommand extends JsonDatabaseCommand {


    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        List<VerifyResult> results;
        try (Target target = openTarget(console)) {
            results = engine(target).verify(plan, json ? dev.schemamodules.core.api.MigrationListener.NONE : new ProgressPrinter(console));
        }
        long failed = results.stream().filter(r -> !r.passed()).count();
        if (json) {
            console.json(Map.of("passed", failed == 0, "results", results.stream().map(VerifyCommand::toJson).toList()));
        } else {
            console.line(results.size() - failed + " passed, " + failed + " failed");
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }

    static Map<String, Object> toJson(VerifyResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("module", r.module());
        o.put("version", r.version());
        o.put("script", r.script());
        o.put("passed", r.passed());
        o.put("failure", r.failure().orElse(null));
        return o;
    }
}
