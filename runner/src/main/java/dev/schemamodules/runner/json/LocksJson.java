package dev.schemamodules.runner.json;

import dev.schemamodules.core.api.LockReport;
import java.util.List;

/**
 * {@code locks --json}: the lock report. Durations are milliseconds rounded to 0.1.
 *
 * @param rowsPerTable rows loaded into each table a migration touches ({@code --rows})
 * @param budgetMillis the longest acceptable writer or reader wait ({@code --budget-ms})
 * @param overBudget   whether a migration is over budget without a waiver (the exit code is 1 exactly then)
 * @param migrations   one per measured migration, in the order applied
 */
public record LocksJson(long rowsPerTable, long budgetMillis, boolean overBudget, List<Migration> migrations) {

    /**
     * @param transactional   whether it ran in one transaction (locks held until its commit)
     * @param totalMillis     from the start of its transaction (or first statement) to its commit
     * @param tables          the existing tables it touched, with the rows loaded into them
     * @param locks           table locks it took, strongest first
     * @param effects         what it did to each touched table
     * @param writer          the concurrent writer
     * @param reader          the concurrent reader
     * @param statements      per statement of the script: its number, text (shortened), time, and what it did to the
     *                        touched tables (rewrites always; scans and rows changed only inside a transaction)
     * @param overBudget      whether it is over budget (waived or not)
     * @param waitsOverBudget measured waits over the budget, as sentences
     * @param growsWithRows   blocking locks held while doing work that grows with the rows, as sentences
     * @param waiver          the reason of its {@code -- lock-budget:waive} line, {@code null} without one
     */
    public record Migration(String module, String version, String script, boolean transactional, double totalMillis, List<Table> tables,
                            List<Lock> locks, List<Effect> effects, Probe writer, Probe reader, List<Statement> statements, boolean overBudget, List<String> waitsOverBudget,
                            List<String> growsWithRows, String waiver) {
    }

    /** @param failure why rows could not be generated for it, {@code null} when they were */
    public record Table(String table, long rows, String failure) {
    }

    /** @param mode the PostgreSQL lock mode, e.g. {@code AccessExclusiveLock} */
    public record Lock(String table, String mode, double heldMillis, boolean blocksWriters, boolean blocksReaders) {
    }

    /** @param rewritten whether the table got a new relfilenode (a rewrite) */
    public record Effect(String table, boolean rewritten, long seqScans, long rowsInserted, long rowsUpdated, long rowsDeleted) {
    }

    /** @param number 1 = the script's first statement */
    public record Statement(int number, String statement, double millis, List<Effect> effects) {
    }

    /** @param firstError the first error the client got, {@code null} without one */
    public record Probe(long statements, double longestStatementMillis, double longestLockWaitMillis, long errors, String firstError) {
    }

    public static LocksJson of(LockReport report) {
        return new LocksJson(report.rowsPerTable(), report.budgetMillis(), !report.unwaivedOverBudget().isEmpty(),
                report.migrations().stream().map(LocksJson::migration).toList());
    }

    private static Migration migration(LockReport.Migration m) {
        return new Migration(m.module(), m.version(), m.script(), m.transactional(), round(m.totalMillis()),
                m.tables().stream().map(t -> new Table(t.table(), t.rows(), t.failure().orElse(null))).toList(),
                m.locks().stream().map(l -> new Lock(l.table(), l.mode(), round(l.heldMillis()), l.blocksWriters(), l.blocksReaders())).toList(),
                m.effects().stream().map(LocksJson::effect).toList(), probe(m.writer()), probe(m.reader()),
                m.statements().stream().map(st -> new Statement(st.number(), st.statement(), round(st.millis()), st.effects().stream().map(LocksJson::effect).toList()))
                        .toList(), m.overBudget(), m.waitsOverBudget(), m.growsWithRows(), m.waiver().orElse(null));
    }

    private static Effect effect(LockReport.TableEffect e) {
        return new Effect(e.table(), e.rewritten(), e.seqScans(), e.rowsInserted(), e.rowsUpdated(), e.rowsDeleted());
    }

    private static Probe probe(LockReport.Probe p) {
        return new Probe(p.statements(), round(p.longestStatementMillis()), round(p.longestLockWaitMillis()), p.errors(), p.firstError().orElse(null));
    }

    private static double round(double millis) {
        return Math.round(millis * 10) / 10.0;
    }
}
