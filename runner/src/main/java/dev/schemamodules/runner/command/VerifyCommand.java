package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.VerifyResult;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.json.VerifyJson;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.ProgressPrinter;
import dev.schemamodules.runner.support.Target;
import java.util.List;
import picocli.CommandLine.Command;

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
            console.json(VerifyJson.of(results));
        } else {
            console.line(results.size() - failed + " passed, " + failed + " failed");
        }
        return failed == 0 ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
