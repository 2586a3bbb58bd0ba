package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.ValidateOutput;

/**
 * Flyway's error messages in the runner's words: what happened, which file (as {@code module:path}, never
 * a {@code file:/…jar!/…} URL) and line, and what to run next, naming only commands the runner has.
 * Flyway's advice that does not apply here (its repair and baseline settings, vendor links, "restore
 * backups" after a failure PostgreSQL rolled back) is left out.
 */
public final class FlywayMessages {

    /** The line Flyway reports for a failed statement ("Line       : 3"). */
    private static final Pattern LINE = Pattern.compile("(?m)^Line\\s*:\\s*(\\d+)");
    private static final Pattern CHECKSUM = Pattern.compile("Migration checksum mismatch for migration (?:version )?(\\S+)");
    private static final Pattern APPLIED_CHECKSUM = Pattern.compile("Applied to database\\s*:\\s*(-?\\d+)");
    private static final Pattern RESOLVED_CHECKSUM = Pattern.compile("Resolved locally\\s*:\\s*(-?\\d+)");
    private static final Pattern FAILED = Pattern.compile("Detected failed migration to version (\\S+) \\((.*?)\\)");
    private static final Pattern NOT_RESOLVED = Pattern.compile("Detected applied migration not resolved locally: (\\S+?)\\.?(?:\\s|$)");
    private static final Pattern NOT_APPLIED = Pattern.compile("Detected resolved migration not applied to database: (\\S+?)\\.?(?:\\s|$)");
    private static final Pattern NON_EMPTY = Pattern.compile("Found non-empty schema\\(s\\) (.*?) but no schema history table");
    private static final Pattern NEWER = Pattern.compile("has a version \\((\\S+)\\) that is newer than the latest available migration \\((\\S+)\\)");

    private FlywayMessages() {
    }

    /** The file name of a migration Flyway's validation reports as invalid. */
    public static String scriptOf(ValidateOutput o) {
        String path = o.filepath == null || o.filepath.isEmpty() ? "V" + o.version + "__" + String.valueOf(o.description).replace(' ', '_') + ".sql" : o.filepath;
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** One message for a Flyway failure while working on module {@code m}, starting with "module m: ". */
    public static String translate(PlannedModule m, FlywayException e) {
        return translate(m, e, null);
    }

    /**
     * As {@link #translate(PlannedModule, FlywayException)}, for a failure of migration {@code failed} (as
     * Flyway's callback reported it; {@code null} when no migration failed).
     */
    public static String translate(PlannedModule m, FlywayException e, MigrationInfo failed) {
        String prefix = "module " + m.name() + ": ";
        if (failed != null) {
            return prefix + migrationFailed(m, failed, e);
        }
        String message = String.valueOf(e.getMessage());
        String validation = validation(m, message);
        if (validation != null) {
            return prefix + validation;
        }
        SQLException sql = sqlCause(e);
        if (sql != null && lostConnection(sql)) {
            return prefix + "the connection to the database was lost (" + firstLine(sql.getMessage()) + "); PostgreSQL rolled back the open "
                    + "transaction. Run migrate again when the server answers: applied migrations are kept, the interrupted one runs again.";
        }
        return prefix + clean(m, message);
    }

    /** The runner's words for one validation error of {@code script} (a line of Flyway's validate result). */
    public static String validationError(PlannedModule m, String script, String message) {
        String v = validation(m, String.valueOf(message));
        return v != null ? v : script + ": " + clean(m, String.valueOf(message));
    }

    private static String migrationFailed(PlannedModule m, MigrationInfo info, FlywayException f) {
        String script = info.getScript();
        SQLException sql = sqlCause(f);
        Matcher lineMatch = LINE.matcher(String.valueOf(f.getMessage()));
        int line = lineMatch.find() ? Integer.parseInt(lineMatch.group(1)) : 0;
        String what = sql != null ? firstLine(sql.getMessage()) + (sql.getSQLState() == null ? "" : " (SQLSTATE " + sql.getSQLState() + ")")
                : firstLine(clean(m, String.valueOf(f.getMessage())));
        String file = location(m, info) + (line > 0 ? ", line " + line : "");
        String label = info.getVersion() == null ? "seed script " + script : "V" + info.getVersion() + " (" + script + ")";
        if (sql != null && lostConnection(sql)) {
            return label + ": the connection to the database was lost while it ran (" + what + ")\n  file: " + file
                    + "\n  PostgreSQL rolled back its transaction; run migrate again when the server answers: it runs again from the start.";
        }
        if (transactional(m, info)) {
            return label + " failed" + (line > 0 ? " at line " + line : "") + ": " + what + "\n  file: " + file
                    + "\n  its transaction was rolled back: the database is as before it (earlier migrations stay applied). "
                    + "Fix the cause, then run migrate again.";
        }
        return label + " failed" + (line > 0 ? " at line " + line : "") + ": " + what + "\n  file: " + file
                + "\n  it runs outside a transaction, so it was not rolled back; its failed history row stays until the next migrate, "
                + "which first drops what it left (INVALID indexes) and the row, then runs it again. Fix the cause, then run migrate again.";
    }

    private static boolean transactional(PlannedModule m, MigrationInfo info) {
        if (info.getVersion() == null) {
            return true;
        }
        ModuleScripts scripts = ModuleScripts.of(m.descriptor());
        return scripts.migrations().stream().filter(s -> s.fileName().equals(info.getScript())).findFirst()
                .map(s -> TransactionalScripts.canRunInTransaction(scripts.readMigration(s))).orElse(true);
    }

    /** " (module:path)" of the module's migration with {@code version}, or "" when this release has none. */
    static String scriptOf(PlannedModule m, String version) {
        String prefix = "V" + version + "__";
        return Resources.list(m.descriptor(), m.descriptor().migrationLocation()).stream().filter(f -> f.startsWith(prefix)).findFirst()
                .map(f -> " (" + m.name() + ":" + m.descriptor().migrationLocation() + "/" + f + ")").orElse("");
    }

    /** {@code module:path} of a migration or seed script, as packaged. */
    static String location(PlannedModule m, MigrationInfo info) {
        String dir = info.getVersion() != null ? m.descriptor().migrationLocation() : "db/" + m.name() + "/seed/…";
        if (info.getVersion() == null) {
            for (String seed : m.seedLocations()) {
                if (Resources.list(m.descriptor(), seed).contains(info.getScript())) {
                    dir = seed;
                }
            }
        }
        return m.name() + ":" + dir + "/" + info.getScript();
    }

    /** Validation failures (checksum, failed row, missing, non-empty schema, newer schema), or null. */
    private static String validation(PlannedModule m, String message) {
        List<String> out = new ArrayList<>();
        for (String part : message.split("(?=Migration checksum mismatch)|(?=Detected )")) {
            Matcher c = CHECKSUM.matcher(part);
            if (c.find()) {
                Matcher a = APPLIED_CHECKSUM.matcher(part);
                Matcher r = RESOLVED_CHECKSUM.matcher(part);
                out.add("V" + c.group(1) + scriptOf(m, c.group(1)) + " was changed after it was applied"
                        + (a.find() && r.find() ? " (checksum " + a.group(1) + " in the history table, " + r.group(1) + " in this release)" : "")
                        + "; nothing was run. Put the script back as it was applied and add a new migration for the change; if the edit "
                        + "does not change what the script builds (a comment, formatting), accept it with: repair --modules " + m.name()
                        + " --accept-changed-checksums");
                continue;
            }
            Matcher f = FAILED.matcher(part);
            if (f.find()) {
                out.add("V" + f.group(1) + scriptOf(m, f.group(1)) + " failed in an earlier run and its failed history row is still there. "
                        + "Run migrate again (it removes the row and what the failure left, then retries V" + f.group(1)
                        + "), or remove only the row with: repair --modules " + m.name());
                continue;
            }
            Matcher n = NOT_RESOLVED.matcher(part);
            if (n.find()) {
                out.add("V" + n.group(1) + " is applied in the database but is not in this release of module " + m.name() + " ("
                        + m.descriptor().version() + "): the database was migrated by a newer release, or the script was removed. "
                        + "Use the release that applied it (see info --modules " + m.name() + ")");
                continue;
            }
            Matcher p = NOT_APPLIED.matcher(part);
            if (p.find()) {
                out.add("V" + p.group(1) + " is in this release but was never applied, although later versions are: migrations of a module "
                        + "apply in version order only. Give it a version above the installed one (info --modules " + m.name() + ")");
            }
        }
        if (!out.isEmpty()) {
            return String.join("\n  ", out);
        }
        Matcher ne = NON_EMPTY.matcher(message);
        if (ne.find()) {
            return "schema " + ne.group(1).replace("\"", "") + " already holds objects but no history of module " + m.name()
                    + ": they were created without this runner. Adopt them at the last migration they match with: baseline --module "
                    + m.name() + " --version V (its verify scripts check them), then migrate";
        }
        Matcher nw = NEWER.matcher(message);
        if (nw.find()) {
            return "the database is at V" + nw.group(1) + ", newer than this release of module " + m.name() + " (latest V" + nw.group(2)
                    + "): it was migrated by a newer release. Use that release";
        }
        return null;
    }

    /**
     * Any other Flyway message: separator and blank lines, vendor links and advice about Flyway's own
     * settings removed, script locations as {@code module:path}.
     */
    public static String clean(PlannedModule m, String message) {
        if (message == null) {
            return "unknown error";
        }
        List<String> lines = new ArrayList<>();
        for (String line : message.split("\n")) {
            String l = line.strip();
            String lower = l.toLowerCase(Locale.ROOT);
            if (l.isEmpty() || l.matches("-+") || l.startsWith("Error Code") || l.startsWith("SQL State: null") || l.startsWith("SQL State  : null")
                    || l.startsWith("Statement  : Run Flyway with -X") || lower.contains("need more flexibility") || lower.contains("learn more")
                    || lower.contains("restore backups") || lower.contains("baselineonmigrate") || lower.contains("baseline()")
                    || lower.contains("run repair") || lower.contains("flyway repair")) {
                continue;
            }
            l = l.replaceFirst("^Error while executing \\w+ callback: ", "");
            l = l.replaceAll("https?://\\S+", "").replaceAll("\\s+\\(\\S*file:\\S*\\)", "").replaceAll("\\(\\S*jar!\\S*\\)", "");
            if (m != null) {
                l = l.replaceAll("(?<![\\w:/])(" + Pattern.quote(m.descriptor().resourceRoot()) + "/)", m.name() + ":$1");
            }
            lines.add(l.replaceFirst("^([A-Za-z][A-Za-z ]*?)\\s+:\\s", "$1: ").strip());
        }
        return lines.isEmpty() ? "unknown error" : String.join("\n  ", lines);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s) {
                return s;
            }
        }
        return null;
    }

    /** Connection broken, server shut down or the backend terminated (SQLSTATE class 08, 57P01-57P03). */
    static boolean lostConnection(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"));
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String s = text.strip();
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl).strip();
    }
}
