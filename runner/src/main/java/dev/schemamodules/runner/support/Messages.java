package dev.schemamodules.runner.support;

import java.io.UncheckedIOException;
import java.sql.SQLException;

/** One line for an error the runner did not raise on purpose: what happened, in the runner's words. */
public final class Messages {

    private Messages() {
    }

    public static String describe(Throwable e) {
        Throwable t = e;
        while ((t instanceof UncheckedIOException || t.getClass() == RuntimeException.class) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof SQLException s) {
            return "the database reported: " + oneLine(s.getMessage()) + (s.getSQLState() == null ? "" : " (SQLSTATE " + s.getSQLState() + ")");
        }
        if (t instanceof java.io.IOException io) {
            return "input/output failed: " + oneLine(io.getMessage());
        }
        return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\n\\s*", "; ");
    }
}
