package dev.schemamodules.runner.command;

import picocli.CommandLine.Option;

/**
 * A database command that can print its result as one JSON document on standard output (a record of
 * {@code runner.json}; shapes in docs/json.md); progress and notes then go to standard error.
 */
abstract class JsonDatabaseCommand extends DatabaseCommand {

    @Option(names = "--json", description = "Machine-readable output on standard output; progress goes to standard error.")
    boolean json;

    @Override
    final boolean json() {
        return json;
    }
}
