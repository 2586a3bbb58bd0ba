package dev.schemamodules.runner.support;

import dev.schemamodules.core.db.ConnectionStrings;
import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.runner.json.JsonOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
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
    private final Path logFile;
    private final boolean terminal;
    private boolean liveLine;

    public Console(RunnerEnvironment env, boolean jsonOnStdout) {
        this(env, jsonOnStdout, null);
    }

    /** @param logFile where to append every line too (masked, no colour), or null */
    public Console(RunnerEnvironment env, boolean jsonOnStdout, Path logFile) {
        this.out = env.out();
        this.err = env.err();
        this.ansi = env.terminal() ? Ansi.AUTO : Ansi.OFF;
        this.jsonOnStdout = jsonOnStdout;
        this.logFile = logFile;
        this.terminal = env.terminal();
    }

    /** Whether output goes to a terminal (live progress lines) rather than a pipe or file (periodic lines). */
    public boolean terminal() {
        return terminal;
    }

    /** Terminal only: replaces the current status line (progress); the next normal line starts below it. */
    public synchronized void live(String text) {
        PrintWriter w = jsonOnStdout ? err : out;
        w.print("\r" + ansi.string(ConnectionStrings.mask(text)) + "\u001b[K");
        w.flush();
        liveLine = true;
    }

    /** Terminal only: removes the status line. */
    public synchronized void clearLive() {
        if (liveLine) {
            PrintWriter w = jsonOnStdout ? err : out;
            w.print("\r\u001b[K");
            w.flush();
            liveLine = false;
        }
    }

    /** Appends a line to the log file only. */
    public void log(String text) {
        appendToLog(logFile, text);
    }

    /** Appends {@code text} (markup removed, masked) to the log file, if there is one. */
    public static void appendToLog(Path logFile, String text) {
        if (logFile == null) {
            return;
        }
        try {
            if (logFile.getParent() != null) {
                Files.createDirectories(logFile.getParent());
            }
            Files.writeString(logFile, LocalDateTime.now().withNano(0) + " " + Ansi.OFF.string(ConnectionStrings.mask(text)) + System.lineSeparator(),
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --log-file " + logFile, e);
        }
    }

    /** A line of the command's main output (plain text mode). */
    public void line(String text) {
        clearLive();
        appendToLog(logFile, text);
        out.println(ansi.string(ConnectionStrings.mask(text)));
        out.flush();
    }

    /** Progress and notes: stdout in text mode, stderr when stdout carries JSON. */
    public void info(String text) {
        clearLive();
        appendToLog(logFile, text);
        PrintWriter w = jsonOnStdout ? err : out;
        w.println(ansi.string(ConnectionStrings.mask(text)));
        w.flush();
    }

    /** A note about the run (which database, what happens next): always standard error, so standard output stays the result. */
    public void note(String text) {
        clearLive();
        appendToLog(logFile, text);
        err.println(ansi.string(ConnectionStrings.mask(text)));
        err.flush();
    }

    public void warn(String text) {
        clearLive();
        appendToLog(logFile, "warning: " + text);
        err.println(ansi.string("@|yellow warning:|@ " + ConnectionStrings.mask(text)));
        err.flush();
    }

    /**
     * The command's result as one JSON document (a record of {@code runner.json}, serialized by Jackson), alone on
     * standard output; everything else of a {@code --json} run goes to standard error.
     */
    public void json(Object document) {
        clearLive();
        String text = ConnectionStrings.mask(JsonOutput.write(document));
        appendToLog(logFile, text);
        out.println(text);
        out.flush();
    }

    /** Escapes picocli markup characters in data so it is printed as is. */
    public static String plain(String text) {
        return text == null ? "" : text.replace("@|", "@\\|");
    }
}
