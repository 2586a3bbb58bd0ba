package dev.schemamodules.core.lint;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement's text as code for rule SM014, same length and offsets (so a match maps to its line):
 * comments and string literals blanked, except the contents of strings cast to a {@code reg*} type
 * ({@code 'x.t'::regclass}) and of {@code AS '...'} routine bodies; dollar-quoted bodies (functions, DO
 * blocks, nested quotes inside them) read as code themselves, their delimiters blanked. Unlike
 * {@link SqlStatements}' masked text, which blanks bodies so top-level keywords cannot be fooled by them.
 */
final class SqlCode {

    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$(?:[A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern AS_BODY = Pattern.compile("(?<![\\w$])AS\\s*$", SqlNames.FLAGS);
    private static final Pattern REG_CAST = Pattern.compile("^\\s*::\\s*reg\\w+", SqlNames.FLAGS);

    /**
     * {@code text} as code, same length and offsets: comments and string literals blanked, except the
     * contents of strings cast to a {@code reg*} type and of {@code AS '...'} routine bodies; dollar-quoted
     * bodies read as code themselves (their delimiters blanked).
     */
    static String of(String text) {
        char[] out = text.toCharArray();
        scan(text, 0, text.length(), out);
        return new String(out);
    }

    private static void scan(String t, int from, int to, char[] out) {
        int i = from;
        while (i < to) {
            char c = t.charAt(i);
            char n = i + 1 < to ? t.charAt(i + 1) : 0;
            if (c == '-' && n == '-') {
                int end = t.indexOf('\n', i);
                end = end < 0 || end > to ? to : end;
                blank(out, i, end);
                i = end;
            } else if (c == '/' && n == '*') {
                int depth = 0;
                int j = i;
                while (j < to) {
                    if (t.startsWith("/*", j)) {
                        depth++;
                        j += 2;
                    } else if (t.startsWith("*/", j)) {
                        depth--;
                        j += 2;
                        if (depth == 0) {
                            break;
                        }
                    } else {
                        j++;
                    }
                }
                blank(out, i, Math.min(j, to));
                i = j;
            } else if (c == '\'') {
                boolean escapes = i > from && (t.charAt(i - 1) == 'E' || t.charAt(i - 1) == 'e');
                int j = i + 1;
                while (j < to) {
                    char d = t.charAt(j);
                    if (escapes && d == '\\') {
                        j += 2;
                    } else if (d == '\'' && j + 1 < to && t.charAt(j + 1) == '\'') {
                        j += 2;
                    } else if (d == '\'') {
                        break;
                    } else {
                        j++;
                    }
                }
                int end = Math.min(j + 1, to);
                boolean keep = REG_CAST.matcher(t.substring(end, Math.min(to, end + 20))).find()
                        || AS_BODY.matcher(t.substring(from, i)).find();
                if (keep) {
                    out[i] = ' ';
                    if (end - 1 > i) {
                        out[end - 1] = ' ';
                    }
                    scan(t, i + 1, Math.max(i + 1, end - 1), out);
                } else {
                    blank(out, i, end);
                }
                i = end;
            } else if (c == '"') {
                int j = t.indexOf('"', i + 1);
                while (j >= 0 && j + 1 < to && t.charAt(j + 1) == '"') {
                    j = t.indexOf('"', j + 2);
                }
                i = j < 0 || j >= to ? to : j + 1;
            } else if (c == '$' && (i == from || !isIdentifierChar(t.charAt(i - 1)))) {
                Matcher tag = DOLLAR_TAG.matcher(t).region(i, to);
                if (tag.lookingAt()) {
                    String delimiter = tag.group();
                    int close = t.indexOf(delimiter, tag.end());
                    close = close < 0 || close >= to ? to : close;
                    blank(out, i, tag.end());
                    scan(t, tag.end(), close, out);
                    int end = Math.min(to, close + delimiter.length());
                    blank(out, close, end);
                    i = end;
                } else {
                    i++;
                }
            } else {
                i++;
            }
        }
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static void blank(char[] out, int from, int to) {
        for (int i = from; i < to && i < out.length; i++) {
            if (out[i] != '\n') {
                out[i] = ' ';
            }
        }
    }
    private SqlCode() {
    }
}
