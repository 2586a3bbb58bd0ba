package dev.schemamodules.core.api;

import java.util.List;
import java.util.Optional;

/**
 * What applying migrations to a loaded scratch database cost the sessions around them: per migration, the
 * locks it took and how long it held them, the longest lock wait a concurrent writer and a concurrent reader
 * saw, the total time, and what it did to each table it touched (rewrite, scans, rows changed). Made by
 * {@link dev.schemamodules.core.LockReports#nextTo} or {@link dev.schemamodules.core.LockReports#onEmptyDatabase}.
 *
 * @param rowsPerTable  rows loaded into every table a migration touches (and the tables their foreign keys need)
 * @param budgetMillis  the longest acceptable writer or reader wait
 * @param migrations    one entry per measured migration, in the order applied
 */
public record LockReport(long rowsPerTable, long budgetMillis, List<Migration> migrations) {

    /**
     * Copies the list.
     *
     * @param rowsPerTable see {@link #rowsPerTable()}
     * @param budgetMillis see {@link #budgetMillis()}
     * @param migrations   see {@link #migrations()}
     */
    public LockReport {
        migrations = List.copyOf(migrations);
    }

    /** {@return the migrations over budget (a measured wait, or a lock held while doing work that grows with the rows) without a waiver} */
    public List<Migration> unwaivedOverBudget() {
        return migrations.stream().filter(m -> m.overBudget() && m.waiver().isEmpty()).toList();
    }

    /**
     * The migrations without a waiver that hold a lock blocking writers or readers while doing work that grows with
     * the rows: over budget at a large enough size whatever the size measured (what the build checks at small sizes,
     * where measured waits are mostly scheduling noise).
     *
     * @return those migrations, in the order applied
     */
    public List<Migration> unwaivedGrowingWithRows() {
        return migrations.stream().filter(m -> !m.growsWithRows().isEmpty() && m.waiver().isEmpty()).toList();
    }

    /**
     * One migration.
     *
     * @param module          the module it belongs to
     * @param version         its version
     * @param script          its script's file name
     * @param transactional   whether it ran in one transaction (locks held until its commit)
     * @param totalMillis     from the start of its transaction (or first statement) to its commit
     * @param tables          the tables it touched that existed before it, with the rows they held
     * @param locks           table locks it took, strongest mode per table first
     * @param effects         per table it touched: rewritten (new relfilenode), sequential scans, rows inserted/updated/deleted
     * @param writer          the concurrent writer (an insert and an update by key, alternately, on the touched tables)
     * @param reader          the concurrent reader (a read by key on the touched tables)
     * @param waitsOverBudget the writer's or reader's measured lock wait over the budget, described (empty: within)
     * @param growsWithRows   locks blocking writers (or readers) held while the migration's transaction did work that grows
     *                        with the rows (rewrite, scan, rows changed), described: over budget on a large enough table
     * @param waiver          the reason of a {@code -- lock-budget:waive <reason>} line in the script, or of its entry in the
     *                        module's {@code db/<module>/lock-budget-waivers} file (for released scripts, which cannot change)
     * @param statements      per statement of the script, in order: its time and what it did to the touched tables (rewrites
     *                        always; scans and rows changed only when the script runs in a transaction)
     */
    public record Migration(String module, String version, String script, boolean transactional, double totalMillis, List<LoadedTable> tables,
                            List<HeldLock> locks, List<TableEffect> effects, Probe writer, Probe reader, List<String> waitsOverBudget,
                            List<String> growsWithRows, Optional<String> waiver, List<StatementEffect> statements) {

        /**
         * Copies the lists.
         *
         * @param module          see {@link #module()}
         * @param version         see {@link #version()}
         * @param script          see {@link #script()}
         * @param transactional   see {@link #transactional()}
         * @param totalMillis     see {@link #totalMillis()}
         * @param tables          see {@link #tables()}
         * @param locks           see {@link #locks()}
         * @param effects         see {@link #effects()}
         * @param writer          see {@link #writer()}
         * @param reader          see {@link #reader()}
         * @param waitsOverBudget see {@link #waitsOverBudget()}
         * @param growsWithRows   see {@link #growsWithRows()}
         * @param waiver          see {@link #waiver()}
         * @param statements      see {@link #statements()}
         */
        public Migration {
            statements = List.copyOf(statements);
            tables = List.copyOf(tables);
            locks = List.copyOf(locks);
            effects = List.copyOf(effects);
            waitsOverBudget = List.copyOf(waitsOverBudget);
            growsWithRows = List.copyOf(growsWithRows);
        }

        /** {@return whether a measured wait was over the budget or a blocking lock was held during work that grows with the rows} */
        public boolean overBudget() {
            return !waitsOverBudget.isEmpty() || !growsWithRows.isEmpty();
        }
    }

    /**
     * A table loaded for the measurement.
     *
     * @param table   the table, schema-qualified
     * @param rows    the rows it held
     * @param failure why rows could not be generated for it (empty: they could)
     */
    public record LoadedTable(String table, long rows, Optional<String> failure) {
    }

    /**
     * A lock the migration held: {@code heldMillis} from when it was first seen (polled every few ms, or at the
     * end of the migration) to its release (the commit, for a transactional migration).
     *
     * @param table         the table, schema-qualified
     * @param mode          the lock mode, e.g. {@code AccessExclusiveLock}
     * @param heldMillis    how long it was held
     * @param blocksWriters whether the mode blocks inserts, updates and deletes
     * @param blocksReaders whether the mode blocks plain reads
     */
    public record HeldLock(String table, String mode, double heldMillis, boolean blocksWriters, boolean blocksReaders) {
    }

    /**
     * One statement of a migration script: what it did to the touched tables.
     *
     * @param number    its number in the script (1 = first)
     * @param statement its text, comments before it removed, shortened to 100 characters
     * @param millis    how long it ran
     * @param effects   the touched tables it rewrote, scanned or changed rows of (scans and rows only inside a transaction)
     */
    public record StatementEffect(int number, String statement, double millis, List<TableEffect> effects) {

        /**
         * Copies the list.
         *
         * @param number    see {@link #number()}
         * @param statement see {@link #statement()}
         * @param millis    see {@link #millis()}
         * @param effects   see {@link #effects()}
         */
        public StatementEffect {
            effects = List.copyOf(effects);
        }
    }

    /**
     * What the migration did to one table.
     *
     * @param table        the table, schema-qualified
     * @param rewritten    whether it got a new relfilenode (a rewrite)
     * @param seqScans     sequential scans of it
     * @param rowsInserted rows inserted
     * @param rowsUpdated  rows updated
     * @param rowsDeleted  rows deleted
     */
    public record TableEffect(String table, boolean rewritten, long seqScans, long rowsInserted, long rowsUpdated, long rowsDeleted) {
    }

    /**
     * A concurrent client.
     *
     * @param statements             statements run
     * @param longestStatementMillis the longest of them
     * @param longestLockWaitMillis  the longest lock wait (sampled)
     * @param errors                 statements that failed
     * @param firstError             the first failure's message (empty: none); a deadlock with the migration
     *                               (SQLSTATE 40P01), when there was one, rather than an earlier ordinary failure
     */
    public record Probe(long statements, double longestStatementMillis, double longestLockWaitMillis, long errors, Optional<String> firstError) {
    }
}
