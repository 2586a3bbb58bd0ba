package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.LockReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what the lock report observed for one migration into its figures and verdicts: the table locks it held
 * and for how long, what it did to each touched table, and whether it is over budget (a measured wait over the
 * budget, or a lock that blocks writers or readers of a loaded table held while its transaction did work that
 * grows with the rows).
 */
final class LockVerdict {

    private static final Set<String> BLOCKS_WRITERS = Set.of("ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");
    private static final List<String> STRENGTH = List.of("AccessShareLock", "RowShareLock", "RowExclusiveLock", "ShareUpdateExclusiveLock", "ShareLock",
            "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock");

    private LockVerdict() {
    }

    /** Union of what the sampler saw and what the migration held at its end, on tables that existed before it. */
    static List<LockReport.HeldLock> locks(LockSampler sampler, MigrationObserver observer, Map<Long, ScratchTables.Table> before, long end,
                                           long pollNanos) {
        Map<String, Double> held = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : sampler.seen.entrySet()) {
            long[] t = e.getValue();
            long last = observer.transactional ? end : t[1] + pollNanos;
            held.put(e.getKey(), (Math.max(last, t[0]) - t[0]) / 1e6);
        }
        for (String key : observer.heldAtEnd) {
            held.putIfAbsent(key, observer.transactional ? (end - observer.afterNanos) / 1e6 : 0);
        }
        List<LockReport.HeldLock> locks = new ArrayList<>();
        for (Map.Entry<String, Double> e : held.entrySet()) {
            String[] k = e.getKey().split("/", 2);
            ScratchTables.Table t = before.get(Long.parseLong(k[0]));
            if (t == null) {
                continue; // created by the migration itself: nobody else can have waited for it
            }
            locks.add(new LockReport.HeldLock(t.name(), k[1], e.getValue(), BLOCKS_WRITERS.contains(k[1]), "AccessExclusiveLock".equals(k[1])));
        }
        locks.sort(Comparator.comparing(LockReport.HeldLock::table).thenComparing(l -> -STRENGTH.indexOf(l.mode())));
        return locks;
    }

    /** Per touched table: rewritten (relfilenode changed), scans and rows changed in the migration's transaction. */
    static List<LockReport.TableEffect> effects(Set<Long> touched, Map<Long, ScratchTables.Table> before, Map<Long, ScratchTables.Table> after,
                                                MigrationObserver observer) {
        List<LockReport.TableEffect> effects = new ArrayList<>();
        for (long oid : touched) {
            ScratchTables.Table b = before.get(oid);
            ScratchTables.Table a = after.get(oid);
            boolean rewritten = a != null && b != null && a.relfilenode() != b.relfilenode();
            long[] s = observer.stats.getOrDefault(oid, new long[4]);
            effects.add(new LockReport.TableEffect(b.name(), rewritten, s[0], s[1], s[2], s[3]));
        }
        return effects;
    }

    static List<String> waitsOverBudget(LockReport.Probe writer, LockReport.Probe reader, long budget) {
        List<String> over = new ArrayList<>();
        if (writer.longestLockWaitMillis() > budget) {
            over.add(String.format(Locale.ROOT, "a writer waited %.0f ms for a lock (budget %d ms)", writer.longestLockWaitMillis(), budget));
        }
        if (reader.longestLockWaitMillis() > budget) {
            over.add(String.format(Locale.ROOT, "a reader waited %.0f ms for a lock (budget %d ms)", reader.longestLockWaitMillis(), budget));
        }
        return over;
    }

    /**
     * One verdict per migration: which loaded tables it locked against writers (and readers) while its transaction
     * did work that grows with the rows; the waits then grow with the table whatever size was measured. With the
     * per-statement record, only row work done while such a lock was already held counts (a count check before the
     * swap's lock does not); without it, any row work in the transaction does.
     */
    static List<String> growsWithRows(boolean transactional, List<LockReport.LoadedTable> loaded, List<LockReport.HeldLock> locks,
                                      List<LockReport.TableEffect> effects, MigrationObserver observer, Map<Long, ScratchTables.Table> before) {
        if (!transactional) {
            return List.of();
        }
        Set<String> writersBlocked = new TreeSet<>();
        Set<String> readersBlocked = new TreeSet<>();
        Set<String> workDone = new java.util.LinkedHashSet<>();
        if (!observer.statements.isEmpty()) {
            for (LockReport.StatementEffect st : observer.statements) {
                Set<String> held = observer.locksAfterRowWork.getOrDefault(st.number(), Set.of());
                Set<String> w = new TreeSet<>();
                Set<String> r = new TreeSet<>();
                for (String key : held) {
                    String[] k = key.split("/", 2);
                    ScratchTables.Table t = before.get(Long.parseLong(k[0]));
                    if (t != null && rows(loaded, t.name()) > 0 && BLOCKS_WRITERS.contains(k[1])) {
                        ("AccessExclusiveLock".equals(k[1]) ? r : w).add(t.name());
                    }
                }
                List<String> work = work(st.effects(), loaded);
                if (!work.isEmpty() && !(w.isEmpty() && r.isEmpty())) {
                    writersBlocked.addAll(w);
                    readersBlocked.addAll(r);
                    work.forEach(x -> workDone.add(x + " (statement " + st.number() + ")"));
                }
            }
        } else {
            workDone.addAll(work(effects, loaded));
            for (LockReport.HeldLock l : locks) {
                if (rows(loaded, l.table()) > 0 && l.blocksReaders()) {
                    readersBlocked.add(l.table());
                } else if (rows(loaded, l.table()) > 0 && l.blocksWriters()) {
                    writersBlocked.add(l.table());
                }
            }
        }
        writersBlocked.removeAll(readersBlocked);
        if (workDone.isEmpty() || (writersBlocked.isEmpty() && readersBlocked.isEmpty())) {
            return List.of();
        }
        List<String> parts = new ArrayList<>();
        if (!readersBlocked.isEmpty()) {
            parts.add("blocks readers and writers of " + String.join(", ", readersBlocked));
        }
        if (!writersBlocked.isEmpty()) {
            parts.add("blocks writers of " + String.join(", ", writersBlocked));
        }
        return List.of(String.join(" and ", parts) + " while its transaction " + String.join(", ", workDone) + ": the wait grows with the rows");
    }

    private static List<String> work(List<LockReport.TableEffect> effects, List<LockReport.LoadedTable> loaded) {
        List<String> out = new ArrayList<>();
        for (LockReport.TableEffect e : effects) {
            if (rows(loaded, e.table()) > 0 && (e.rewritten() || e.seqScans() > 0 || e.rowsUpdated() + e.rowsDeleted() > 0)) {
                out.add((e.rewritten() ? "rewrites " : e.seqScans() > 0 ? "scans " : "changes rows of ") + e.table());
            }
        }
        return out;
    }

    private static long rows(List<LockReport.LoadedTable> loaded, String table) {
        return loaded.stream().filter(t -> t.table().equals(table)).mapToLong(LockReport.LoadedTable::rows).findFirst().orElse(0);
    }
}
