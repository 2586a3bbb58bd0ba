package dev.schemamodules.core.internal;

import dev.schemamodules.core.sql.SqlStatements;
import java.util.regex.Pattern;

/**
 * Whether a migration script can run inside a transaction, read from its SQL: PostgreSQL refuses a few
 * statements in a transaction block ({@code CREATE/DROP INDEX CONCURRENTLY}, {@code REINDEX},
 * {@code VACUUM}, {@code CREATE/DROP DATABASE}, {@code CREATE/DROP TABLESPACE}, {@code ALTER SYSTEM},
 * subscriptions, {@code DISCARD ALL}). Comments are ignored; anything else that merely mentions such a
 * word (a string, a function body) makes the answer "no", which is the safe side: the engine then does
 * not batch the script, it runs it alone as Flyway would. A wrong "yes" is safe too: the batch fails,
 * is rolled back whole and re-run one migration per transaction.
 */
public final class TransactionalScripts {

    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern NON_TRANSACTIONAL = Pattern.compile(
            "\\b(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX|VACUUM"
                    + "|(?:CREATE|DROP)\\s+(?:DATABASE|TABLESPACE)|ALTER\\s+SYSTEM|(?:CREATE|ALTER|DROP)\\s+SUBSCRIPTION"
                    + "|DISCARD\\s+ALL)\\b"
                    // transaction control inside procedural code (a DO block or procedure that commits per batch,
                    // which Flyway runs outside a transaction by the script's .sql.conf executeInTransaction=false)
                    + "|\\b(?:COMMIT|ROLLBACK)\\s*;",
            Pattern.CASE_INSENSITIVE);

    /** A statement that builds, drops or rebuilds an index without blocking writes, or a session setting. */
    private static final Pattern CONCURRENT_INDEX_WORK = Pattern.compile(
            "(?:CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+CONCURRENTLY|DROP\\s+INDEX\\s+CONCURRENTLY|REINDEX\\s+(?:\\([^)]*\\)\\s*)?(?:INDEX|TABLE)\\s+CONCURRENTLY"
                    + "|SET|RESET)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SETTING = Pattern.compile("(?:SET|RESET)\\b", Pattern.CASE_INSENSITIVE);

    private TransactionalScripts() {
    }

    /**
     * {@code true} when every statement of {@code sql} is {@code CREATE [UNIQUE] INDEX CONCURRENTLY},
     * {@code DROP INDEX CONCURRENTLY} or {@code REINDEX ... CONCURRENTLY} (with {@code SET}/{@code RESET} allowed),
     * and there is at least one such statement. Such a script takes only {@code SHARE UPDATE EXCLUSIVE} on its tables,
     * which no read or write conflicts with, so nothing the applications run queues behind it while it waits; and it can
     * create, drop or rebuild indexes and nothing else (an index's expressions and predicate may call only immutable
     * functions, which PostgreSQL keeps from writing), so the module-boundary check watches indexes only for it.
     * The script is read with {@link SqlStatements}, the linter's lexer: a statement hidden after a string that holds
     * {@code --}, or in what only looks like a comment, is seen as the statement it is.
     */
    public static boolean onlyConcurrentIndexWork(String sql) {
        boolean any = false;
        for (SqlStatements.Statement statement : SqlStatements.split(sql)) {
            String st = statement.masked().strip();
            if (st.isEmpty()) {
                continue;
            }
            if (!CONCURRENT_INDEX_WORK.matcher(st).matches()) {
                return false;
            }
            any |= !SETTING.matcher(st).lookingAt();
        }
        return any;
    }

    /** {@code true} when no statement of {@code sql} needs to run outside a transaction block. */
    public static boolean canRunInTransaction(String sql) {
        String code = LINE_COMMENT.matcher(BLOCK_COMMENT.matcher(sql).replaceAll(" ")).replaceAll(" ");
        return !NON_TRANSACTIONAL.matcher(code).find();
    }
}
