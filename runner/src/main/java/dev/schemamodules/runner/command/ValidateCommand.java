package dev.schemamodules.runner.command;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.ValidationResult;
import dev.schemamodules.runner.ExitCodes;
import dev.schemamodules.runner.support.Console;
import dev.schemamodules.runner.support.Target;
import java.util.List;
import picocli.CommandLine.Command;

@Command(name = "validate",
        header = "Check that applied scripts are unchanged, none failed or missing.",
        footerHeading = "%nExamples:%n",
        footer = {"  schema-modules validate",
            "  schema-modules validate --modules medication --url postgresql://app@db:5432/app"}, mixinStandardHelpOptions = true,
        description = {"Check that every applied migration is unchanged (checksums), none failed and none is missing from its module,",
            "and that no module's history is ahead of the release this runner carries (named with both versions). Changes nothing."})
final class ValidateCommand extends DatabaseCommand {

    @Override
    public Integer call() {
        Console console = console();
        Plan plan = plan(console);
        List<ValidationResult> results;
        try (Target target = openTarget(console)) {
            results = engine(target).validate(plan, releases(target));
        }
        for (ValidationResult r : results) {
            if (r.valid()) {
                console.line(String.format("  @|green valid|@    %s", r.module()));
            } else {
                console.line(String.format("  @|red INVALID|@  %s", r.module()));
                r.errors().forEach(e -> console.line("           " + Console.plain(e)));
            }
        }
        boolean ok = results.stream().allMatch(ValidationResult::valid);
        console.line(ok ? "all modules valid" : "validation failed");
        return ok ? ExitCodes.OK : ExitCodes.FAILURE;
    }
}
