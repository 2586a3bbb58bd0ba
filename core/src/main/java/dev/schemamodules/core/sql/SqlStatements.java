package dev.schemamodules.core.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a PostgreSQL script into its top-level statements, the way psql and Flyway do, without a
 * database. It understands {@code --} line comments, {@code /* *}{@code /} block comments (nested, as
 * PostgreSQL nests them), single-quoted strings with {@code ''} escapes, {@code E'...'} strings with
 * backslash escapes, double-quoted identifiers, dollar quotes ({@code $$...$$}, {@code $tag$...$tag$}),
 * and SQL-standard function bodies ({@code CREATE FUNCTION ... BEGIN ATOMIC ...; ...; END}), whose inner
 * semicolons do not end the statement. Flyway placeholders ({@code ${schema}}) are ordinary text.
 *
 * <p>Each {@link Statement} keeps its 1-based start line, its text, a <em>masked</em> copy of the text in
 * which comments and the contents of strings, quoted bodies and dollar quotes are blanked (same length,
 * same line breaks, so offsets map to lines) for keyword matching that cannot be fooled by literals, and
 * the comments around it: those between the previous statement and this one ({@code leading}), those
 * inside it, and those after its terminating semicolon on the same line ({@code trailing}).
 *
 * <p>Over 250 lines on purpose: it is one lexer, a single pass whose states (comment, string, quoted
 * identifier, dollar quote, {@code BEGIN ATOMIC} depth) share the position, line and pending comments;
 * split across classes they would have to pass that state back and forth.
 */
public final class SqlStatements {

    /** A comment, with the lines it starts and ends on; {@code text} includes the comment markers. */
    public record Comment(int startLine, int endLine, String text) {

        /** The comment without its markers ({@code --}, {@code /*}, {@code *}{@code /}), trimmed. */
        public String body() {
            if (text.startsWith("--")) {
                return text.substring(2).trim();
            }
            String t = text;
            if (t.startsWith("/*")) {
                t = t.substring(2);
            }
            if (t.endsWith("*/")) {
                t = t.substring(0, t.length() - 2);
            }
            return t.trim();
        }
    }

    /**
     * One top-level statement.
     *
     * @param line      1-based line of its first character
     * @param text      the statement as written, from its first character up to (not including) the
     *                  terminating semicolon
     * @param masked    {@code text} with comments and literal contents replaced by spaces (line breaks kept)
     * @param leading   comments between the previous statement (or the start of the script) and this one
     * @param inner     comments inside the statement
     * @param trailing  comments after the terminating semicolon that start on the line it ends on
     */
    public record Statement(int line, String text, String masked, List<Comment> leading, List<Comment> inner, List<Comment> trailing) {

        public Statement {
            leading = List.copyOf(leading);
            inner = List.copyOf(inner);
            trailing = List.copyOf(trailing);
        }

        /** The 1-based line of {@code offset} within {@link #text()}. */
        public int lineAt(int offset) {
            int l = line;
            for (int i = 0; i < offset && i < text.length(); i++) {
                if (text.charAt(i) == '\n') {
                    l++;
                }
            }
            return l;
        }

        /** The 1-based line of the statement's last character. */
        public int endLine() {
            return lineAt(text.length());
        }
    }

    private final String sql;
    private final int length;
    private final StringBuilder masked;
    private final List<Statement> statements = new ArrayList<>();
    private final List<Comment> pendingLeading = new ArrayList<>();
    private final List<Comment> pendingInner = new ArrayList<>();
    private int pos;
    private int line = 1;
    private int start = -1;
    private int startLine;
    /** Line on which the last statement ended (for trailing comments), or -1. */
    private int lastEndLine = -1;
    private final List<String> words = new ArrayList<>();
    private int beginDepth;

    private SqlStatements(String sql) {
        this.sql = sql;
        this.length = sql.length();
        this.masked = new StringBuilder(sql);
    }

    /** The top-level statements of {@code sql}, in order. An unterminated last statement is included. */
    public static List<Statement> split(String sql) {
        SqlStatements s = new SqlStatements(sql);
        s.run();
        return List.copyOf(s.statements);
    }

    private void run() {
        while (pos < length) {
            char c = sql.charAt(pos);
            char next = pos + 1 < length ? sql.charAt(pos + 1) : 0;
            if (c == '-' && next == '-') {
                lineComment();
            } else if (c == '/' && next == '*') {
                blockComment();
            } else if (c == '\'') {
                begin();
                boolean escapes = pos > 0 && (sql.charAt(pos - 1) == 'E' || sql.charAt(pos - 1) == 'e')
                        && (pos < 2 || !isIdentifierChar(sql.charAt(pos - 2)));
                quoted('\'', escapes);
            } else if (c == '"') {
                begin();
                quoted('"', false);
            } else if (c == '$' && dollarTagAt(pos) != null) {
                begin();
                dollarQuoted(dollarTagAt(pos));
            } else if (c == ';') {
                if (start >= 0 && beginDepth > 0) {
                    pos++;
                } else {
                    end();
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else if (isIdentifierStart(c)) {
                begin();
                word();
            } else {
                begin();
                pos++;
            }
        }
        end();
    }

    /** Marks the start of a statement at the current position if none is open. */
    private void begin() {
        if (start < 0) {
            start = pos;
            startLine = line;
            words.clear();
            beginDepth = 0;
        }
    }

    private void end() {
        if (start >= 0) {
            String text = sql.substring(start, pos);
            statements.add(new Statement(startLine, text, masked.substring(start, pos), pendingLeading, pendingInner, List.of()));
            pendingLeading.clear();
            pendingInner.clear();
            lastEndLine = line;
            start = -1;
        }
    }

    private void addComment(Comment comment) {
        if (start >= 0) {
            pendingInner.add(comment);
        } else if (comment.startLine() == lastEndLine && !statements.isEmpty()) {
            Statement last = statements.remove(statements.size() - 1);
            List<Comment> trailing = new ArrayList<>(last.trailing());
            trailing.add(comment);
            statements.add(new Statement(last.line(), last.text(), last.masked(), last.leading(), last.inner(), trailing));
        } else {
            pendingLeading.add(comment);
        }
    }

    private void lineComment() {
        int from = pos;
        while (pos < length && sql.charAt(pos) != '\n') {
            pos++;
        }
        blank(from, pos);
        addComment(new Comment(line, line, sql.substring(from, pos)));
    }

    private void blockComment() {
        int from = pos;
        int fromLine = line;
        int depth = 0;
        while (pos < length) {
            char c = sql.charAt(pos);
            char next = pos + 1 < length ? sql.charAt(pos + 1) : 0;
            if (c == '/' && next == '*') {
                depth++;
                pos += 2;
            } else if (c == '*' && next == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    break;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        blank(from, pos);
        addComment(new Comment(fromLine, line, sql.substring(from, pos)));
    }

    /** A quoted string or identifier; the quotes stay in the masked text, the contents are blanked. */
    private void quoted(char quote, boolean backslashEscapes) {
        pos++;
        int from = pos;
        while (pos < length) {
            char c = sql.charAt(pos);
            if (backslashEscapes && c == '\\' && pos + 1 < length) {
                if (sql.charAt(pos + 1) == '\n') {
                    line++;
                }
                pos += 2;
            } else if (c == quote) {
                if (pos + 1 < length && sql.charAt(pos + 1) == quote) {
                    pos += 2;
                } else {
                    break;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        if (quote == '\'') {
            blank(from, pos);
        }
        pos = Math.min(pos + 1, length);
    }

    private void dollarQuoted(String tag) {
        pos += tag.length();
        int from = pos;
        int close = sql.indexOf(tag, pos);
        int to = close < 0 ? length : close;
        for (int i = pos; i < to; i++) {
            if (sql.charAt(i) == '\n') {
                line++;
            }
        }
        blank(from, to);
        pos = close < 0 ? length : close + tag.length();
    }

    /** The dollar-quote opening tag at {@code at} ({@code $$} or {@code $tag$}), or null. */
    private String dollarTagAt(int at) {
        if (at > 0 && isIdentifierChar(sql.charAt(at - 1))) {
            return null; // '$' inside an identifier (foo$bar) or after a parameter digit
        }
        int i = at + 1;
        if (i < length && sql.charAt(i) == '$') {
            return "$$";
        }
        if (i >= length || !(Character.isLetter(sql.charAt(i)) || sql.charAt(i) == '_')) {
            return null;
        }
        while (i < length && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
        }
        return i < length && sql.charAt(i) == '$' ? sql.substring(at, i + 1) : null;
    }

    /** An unquoted word; tracks {@code CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ... END} nesting. */
    private void word() {
        int from = pos;
        while (pos < length && isIdentifierChar(sql.charAt(pos))) {
            pos++;
        }
        String w = sql.substring(from, pos).toLowerCase(Locale.ROOT);
        if (words.size() < 4) {
            words.add(w);
        }
        if (w.equals("begin") || w.equals("case")) {
            if (isRoutineDefinition()) {
                beginDepth++;
            }
        } else if (w.equals("end") && beginDepth > 0) {
            beginDepth--;
        }
    }

    private boolean isRoutineDefinition() {
        if (words.size() < 2 || !words.get(0).equals("create")) {
            return false;
        }
        if (isRoutine(words.get(1))) {
            return true;
        }
        return words.size() >= 4 && words.get(1).equals("or") && words.get(2).equals("replace") && isRoutine(words.get(3));
    }

    private static boolean isRoutine(String w) {
        return w.equals("function") || w.equals("procedure");
    }

    private void blank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (masked.charAt(i) != '\n') {
                masked.setCharAt(i, ' ');
            }
        }
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
}
