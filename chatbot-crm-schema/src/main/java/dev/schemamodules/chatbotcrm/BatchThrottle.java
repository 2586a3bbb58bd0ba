package dev.schemamodules.chatbotcrm;

/**
 * Batch sizing and back-off of the public-id backfill (no database access: the task feeds it what it
 * measured). Each batch holds its row locks until it commits, so a writer that wants one of those rows
 * waits at most one batch: the batch size is adapted so that a batch takes about {@code targetMillis}.
 *
 * <ul>
 *   <li>a batch slower than 1.25 x the target shrinks the next one in proportion;</li>
 *   <li>a full batch faster than 0.8 x the target grows the next one in proportion, at most doubling;</li>
 *   <li>another session that waited on the batch's locks longer than {@code maxLockWaitMillis} halves the
 *       batch and asks for a pause of a quarter of that wait (at most 250 ms), so that queued writers go first;</li>
 *   <li>replication lag over {@code maxLagMillis} halves the batch and asks for a pause until it falls.</li>
 * </ul>
 * Sizes stay within {@code [min, max]}.
 */
final class BatchThrottle {

    static final long MAX_PAUSE_MILLIS = 250;
    static final long LAG_PAUSE_MILLIS = 250;

    private final int min;
    private final int max;
    private final long targetMillis;
    private final long maxLockWaitMillis;
    private final long maxLagMillis;
    private int size;

    BatchThrottle(int initial, int min, int max, long targetMillis, long maxLockWaitMillis, long maxLagMillis) {
        if (min < 1 || min > max || initial < min || initial > max || targetMillis < 1 || maxLockWaitMillis < 1 || maxLagMillis < 1) {
            throw new IllegalArgumentException("batch sizes " + min + " <= " + initial + " <= " + max + ", target " + targetMillis
                    + " ms, lock wait " + maxLockWaitMillis + " ms, lag " + maxLagMillis + " ms");
        }
        this.size = initial;
        this.min = min;
        this.max = max;
        this.targetMillis = targetMillis;
        this.maxLockWaitMillis = maxLockWaitMillis;
        this.maxLagMillis = maxLagMillis;
    }

    /** Rows the next batch may lock. */
    int size() {
        return size;
    }

    /**
     * After a committed batch: {@code selected} rows it locked (a full batch locks {@link #size()}),
     * {@code elapsedMillis} from its start to its commit, {@code othersWaitedMillis} the longest time another
     * session had been waiting on its locks just before the commit (0 when none). Returns the pause before the
     * next batch, in milliseconds.
     */
    long afterBatch(int selected, double elapsedMillis, double othersWaitedMillis) {
        if (othersWaitedMillis > maxLockWaitMillis) {
            size = Math.max(min, size / 2);
            return Math.min(MAX_PAUSE_MILLIS, (long) Math.ceil(othersWaitedMillis / 4));
        }
        if (elapsedMillis > targetMillis * 1.25) {
            size = clamp((long) (size * (targetMillis / elapsedMillis)));
        } else if (selected >= size && elapsedMillis < targetMillis * 0.8) {
            double factor = Math.min(2.0, targetMillis / Math.max(elapsedMillis, 1.0));
            size = clamp((long) (size * factor));
        }
        return 0;
    }

    /** Whether replication lag {@code lagMillis} is over the limit; if so the batch shrinks (call again after a pause). */
    boolean tooMuchLag(double lagMillis) {
        if (lagMillis > maxLagMillis) {
            size = Math.max(min, size / 2);
            return true;
        }
        return false;
    }

    private int clamp(long n) {
        return (int) Math.max(min, Math.min(max, n));
    }
}
