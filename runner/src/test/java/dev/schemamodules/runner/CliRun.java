package dev.schemamodules.runner;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** One in-process run of the runner with captured output. */
record CliRun(int exitCode, String out, String err) {

    static CliRun run(Path workingDirectory, Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new RunnerEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), env, workingDirectory, false));
        return new CliRun(code, out.toString(), err.toString());
    }

    static CliRun run(Path workingDirectory, String... args) {
        return run(workingDirectory, Map.of(), args);
    }

    String all() {
        return out + err;
    }
}
