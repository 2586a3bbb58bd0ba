package dev.schemamodules.core.internal;

import dev.schemamodules.core.db.SqlErrors;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Runs an undo or verify script on a given connection (the caller owns the transaction), with the same
 * placeholders Flyway gives the module's migrations.
 */
public final class ScriptRunner {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private ScriptRunner() {
    }

    /** A script failed; the message says which script and what PostgreSQL answered. */
    public static final class ScriptFailure extends Exception {
        ScriptFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public static String resolve(String script, String sql, Map<String, String> placeholders) throws ScriptFailure {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = placeholders.get(name);
            if (value == null) {
                int line = sql.substring(0, m.start()).split("\n", -1).length;
                throw new ScriptFailure(script + " line " + line + ": no value for placeholder ${" + name + "}; this module's placeholders are "
                        + placeholders.keySet() + " (a dependency's schema needs a requires= entry)", null);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Runs {@code sql} with {@code search_path} set, for the current transaction only, to
     * {@code schemas} (as Flyway does for migrations), so undo and verify scripts resolve names the same
     * way their migration did.
     */
    public static void run(Connection c, String script, String sql, Map<String, String> placeholders, List<String> schemas) throws ScriptFailure {
        String resolved = resolve(script, sql, placeholders);
        try (Statement st = c.createStatement()) {
            st.execute("SELECT set_config('search_path', '" + schemas.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "))
                    + "', true)");
            st.execute(resolved);
        } catch (SQLException e) {
            throw new ScriptFailure(script + ": " + describe(e), e);
        }
    }

    /** See {@link SqlErrors#describe}. */
    public static String describe(SQLException e) {
        return SqlErrors.describe(e);
    }
}
