package dev.schemamodules.runner;

/** Entry point of {@code schema-modules-runner.jar}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.run(args, RunnerEnvironment.system()));
    }
}
