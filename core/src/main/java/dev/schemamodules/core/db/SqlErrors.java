package dev.schemamodules.core.db;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** Readable messages for SQL failures. */
public final class SqlErrors {

    private SqlErrors() {
    }

    /** PostgreSQL's message with its detail, hint and context, separated by {@code " | "}; other errors' own message. */
    public static String describe(SQLException e) {
        if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
            ServerErrorMessage m = p.getServerErrorMessage();
            StringBuilder s = new StringBuilder(m.getSeverity() + ": " + m.getMessage());
            if (m.getDetail() != null) {
                s.append(" | detail: ").append(m.getDetail());
            }
            if (m.getHint() != null) {
                s.append(" | hint: ").append(m.getHint());
            }
            if (m.getWhere() != null) {
                s.append(" | where: ").append(m.getWhere().replace('\n', ' '));
            }
            return s.toString();
        }
        return e.getMessage();
    }
}
