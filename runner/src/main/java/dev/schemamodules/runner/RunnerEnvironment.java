package dev.schemamodules.runner;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the runner reads from and writes to outside its arguments: standard output and error, the
 * environment variables and the working directory. Tests pass their own.
 */
public record RunnerEnvironment(PrintWriter out, PrintWriter err, Map<String, String> variables, Path workingDirectory, boolean terminal) {

    public static RunnerEnvironment system() {
        return new RunnerEnvironment(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true),
                new PrintWriter(new java.io.OutputStreamWriter(System.err, StandardCharsets.UTF_8), true),
                System.getenv(), Path.of("").toAbsolutePath(), System.console() != null);
    }
}
