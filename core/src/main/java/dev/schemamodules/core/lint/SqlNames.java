package dev.schemamodules.core.lint;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names as the lint rules compare them: the regular expressions of a possibly qualified, possibly quoted
 * name (Flyway placeholders count as name parts), the comparison key of a table name, and the small text
 * helpers the rules share.
 */
final class SqlNames {

    /** A possibly qualified, possibly quoted name; Flyway placeholders count as name parts. */
    static final String PART = "(?:\"(?:[^\"]|\"\")*\"|\\$\\{[^}]*\\}|[A-Za-z_][A-Za-z0-9_$]*)";
    static final String NAME = PART + "(?:\\s*\\.\\s*" + PART + ")*";
    static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.DOTALL;
    private static final Pattern NAME_PART = Pattern.compile(PART);
    private static final Pattern LEADING_NAME = Pattern.compile("^" + NAME, FLAGS);

    private SqlNames() {
    }

    /**
     * A table name as {@code schema.name}, lower case unless quoted. Unqualified names and names in the
     * module's own schema ({@code ${schema}}, first on the search_path when migrations run) have an empty
     * schema part; temporary tables have {@code pg_temp}.
     */
    static String key(String qualified) {
        List<String> parts = new ArrayList<>();
        Matcher part = NAME_PART.matcher(qualified.strip());
        while (part.find()) {
            parts.add(unquote(part.group()));
        }
        if (parts.isEmpty()) {
            return "." + qualified.strip().toLowerCase(Locale.ROOT);
        }
        String name = parts.get(parts.size() - 1);
        String schema = parts.size() >= 2 ? parts.get(parts.size() - 2) : "";
        if (schema.equals("${schema}")) {
            schema = "";
        }
        return schema + "." + name;
    }

    static String unquote(String part) {
        if (part.startsWith("\"") && part.endsWith("\"") && part.length() >= 2) {
            return part.substring(1, part.length() - 1).replace("\"\"", "\"");
        }
        return part.startsWith("${") ? part : part.toLowerCase(Locale.ROOT);
    }

    /** Qualified names in a comma-separated list (each as written, options after a name dropped). */
    static List<String> splitQualified(String list) {
        return splitTopLevel(list).stream().map(String::strip).filter(s -> !s.isEmpty())
                .map(s -> {
                    Matcher n = LEADING_NAME.matcher(s);
                    return n.find() ? n.group() : s.split("\\s+")[0];
                }).toList();
    }

    /** Splits at commas outside parentheses. */
    static List<String> splitTopLevel(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        parts.add(text.substring(from));
        return parts;
    }

    static int leadingSpace(String s) {
        return s.length() - s.stripLeading().length();
    }

    /** The last part of a qualified name: unquoted and lower case unless it was quoted. */
    static String simpleName(String qualified) {
        Matcher part = NAME_PART.matcher(qualified.strip());
        String last = qualified.strip();
        while (part.find()) {
            last = part.group();
        }
        if (last.startsWith("\"") && last.endsWith("\"") && last.length() >= 2) {
            return last.substring(1, last.length() - 1).replace("\"\"", "\"");
        }
        return last.toLowerCase(Locale.ROOT);
    }

    static String normalizeKind(String kind) {
        return kind.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    }

    static String firstWords(String sql, int n) {
        String[] words = sql.toLowerCase(Locale.ROOT).split("\\s+", n + 1);
        return String.join(" ", Arrays.asList(words).subList(0, Math.min(n, words.length))) + " ";
    }
}
