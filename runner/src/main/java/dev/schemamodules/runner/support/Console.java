package dev.schemamodules.runner.support;

import dev.schemamodules.core.internal.ConnectionStrings;
import dev.schemamodules.runner.RunnerEnvironment;
import java.io.PrintWriter;
import picocli.CommandLine.Help.Ansi;

/**
 * All human-readable output of a command: masked (no password ever reaches the screen), coloured only
 * on a terminal, progress and errors to standard error when the data on standard output is JSON.
 */
public final class Console {

    private final PrintWriter out;
    private final PrintWriter err;
    private final Ansi ansi;
    private final boolean jsonOnStdout;

    public Console(RunnerEnvironment env, boolean jsonOnStdout) {
        this.out = env.out();
        this.err = env.err();
        this.ansi = env.terminal() ? Ansi.AUTO : Ansi.OFF;
        this.jsonOnStdout = jsonOnStdout;
    }

    /** A line of the command's main output (plain text mode). */
    public void line(String text) {
        out.println(ansi.string(ConnectionStrings.mask(text)));
        out.flush();
    }

    /** Progress and notes: stdout in text mode, stderr when stdout carries JSON. */
    public void info(String text) {
        PrintWriter w = jsonOnStdout ? err : out;
        w.println(ansi.string(ConnectionStrings.mask(text)));
        w.flush();
    }

    public void warn(String text) {
        err.println(ansi.string("@|yellow warning:|@ " + ConnectionStrings.mask(text)));
        err.flush();
    }

    public void json(Object value) {
        out.println(ConnectionStrings.mask(Json.write(value)));
        out.flush();
    }

    /** Escapes picocli markup characters in data so it is printed as is. */
    public static String plain(String text) {
        return text == null ? "" : text.replace("@|", "@\\|");
    }
}
