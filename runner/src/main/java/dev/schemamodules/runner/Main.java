package dev.schemamodules.runner;

/** Runs one command in this JVM (the jar's main class, {@link Launcher}, usually starts this in a JVM of its own). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Launcher.watchLauncher();
        System.exit(Cli.run(args, RunnerEnvironment.system()));
    }
}
