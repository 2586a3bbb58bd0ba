package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Flyway's own session advisory lock, one per history table (key {@code 77431708279161 +
 * "\"schema\".\"flyway_schema_history\"".hashCode()}, as flyway-database-postgresql 13 computes it).
 * Flyway retries it once a second, {@code lockRetryCount} times per acquisition, and takes it several
 * times per module, so a session holding it (another tool, a stuck run of an older runner) could make a
 * run wait for many minutes in silence. The run-wide lock already serialises runners, so before the
 * first change the engine waits here, within the run's {@code --lock-timeout}, until no other session
 * holds any planned module's Flyway lock, naming the holder while it waits and when it gives up.
 */
public final class FlywayLock {

    private static final long FLYWAY_LOCK_MAGIC = 77431708279161L;

    private FlywayLock() {
    }

    /** Flyway's advisory lock key for the history table in {@code schema}. */
    public static long key(String schema) {
        return FLYWAY_LOCK_MAGIC + ("\"" + schema + "\".\"" + FlywayFactory.HISTORY_TABLE + "\"").hashCode();
    }

    /**
     * Waits until no other session holds Flyway's lock of any of {@code schemas}, until {@code deadline}
     * ({@link System#nanoTime()}); then fails naming the holder, with nothing changed. Whether a lock is free is asked of
     * the lock itself ({@link #held}); only a lock found held is looked up in {@code pg_locks} to name its holder, so a
     * run that waits for nobody does not read that view (which locks every partition of the server's lock table while
     * it is read).
     */
    public static void awaitFree(Connection c, List<String> schemas, long deadline, Duration timeout, Consumer<String> waiting) {
        long nextReport = 0;
        try {
            for (String schema : held(c, schemas)) {
                while (true) {
                    Optional<String> holder = held(c, List.of(schema)).isEmpty() ? Optional.empty() : holder(c, schema);
                    if (holder.isEmpty()) {
                        break;   // free, or let go between the two reads: the next schema
                    }
                    long now = System.nanoTime();
                    if (now >= deadline) {
                        throw new MigrationException(null, "Flyway's migration lock of " + schema + "." + FlywayFactory.HISTORY_TABLE
                                + " is still held after " + timeout.toSeconds() + " s by " + holder.get()
                                + "; nothing was changed. End that session or raise --lock-timeout");
                    }
                    if (now >= nextReport) {
                        waiting.accept("waiting for Flyway's lock of " + schema + "." + FlywayFactory.HISTORY_TABLE + " held by " + holder.get()
                                + " (up to " + timeout.toSeconds() + " s in all)");
                        nextReport = now + Duration.ofSeconds(10).toNanos();
                    }
                    Thread.sleep(200);
                }
            }
        } catch (SQLException e) {
            throw new MigrationException(null, "cannot check Flyway's migration locks: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrationException(null, "interrupted while waiting for Flyway's migration lock");
        }
    }

    /**
     * Those of {@code schemas} whose Flyway lock another session holds, in their order, in one statement: each lock is
     * tried as Flyway tries it ({@code pg_try_advisory_lock}) and, when granted, given back in the same statement. A Flyway
     * of another session that tries the lock in that instant is refused once and tries again a second later, as it does
     * for any holder. This session's own hold of a lock (none while a run starts) does not count: session advisory locks
     * are counted per session, so trying and giving back leaves it as it was.
     */
    static List<String> held(Connection c, List<String> schemas) throws SQLException {
        if (schemas.isEmpty()) {
            return List.of();
        }
        Long[] keys = schemas.stream().map(FlywayLock::key).toArray(Long[]::new);
        List<String> held = new java.util.ArrayList<>();
        // CASE: the lock is given back only when it was granted (an AND could call both functions in either order)
        try (PreparedStatement ps = c.prepareStatement("SELECT k.ord FROM unnest(?::bigint[]) WITH ORDINALITY AS k(key, ord) "
                + "WHERE NOT CASE WHEN pg_try_advisory_lock(k.key) THEN pg_advisory_unlock(k.key) ELSE false END ORDER BY k.ord")) {
            ps.setArray(1, c.createArrayOf("bigint", keys));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(schemas.get(rs.getInt(1) - 1));
                }
            }
        } catch (SQLException e) {
            giveBack(c, keys);
            throw e;
        }
        return held;
    }

    /**
     * After a failed {@link #held}: gives back any of {@code keys} this session still holds (a statement cancelled between
     * granting a lock and giving it back), so that the run's own Flyway is not refused it. Best effort: a broken
     * connection's session, and its locks, end with it.
     */
    private static void giveBack(Connection c, Long[] keys) {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_unlock(k) FROM unnest(?::bigint[]) AS k WHERE EXISTS (SELECT FROM pg_locks l "
                + "WHERE l.locktype = 'advisory' AND l.pid = pg_backend_pid() AND l.objsubid = 1 AND l.granted "
                + "AND l.classid::bigint = k >> 32 AND l.objid::bigint = k & 4294967295)")) {
            ps.setArray(1, c.createArrayOf("bigint", keys));
            ps.executeQuery().close();
        } catch (SQLException ignored) {
            // the connection is broken: the server ends its session and the session's locks
        }
    }

    /** The other session holding Flyway's lock of {@code schema}, described. */
    static Optional<String> holder(Connection c, String schema) throws SQLException {
        long key = key(schema);
        String sql = "SELECT a.pid, coalesce(nullif(a.application_name, ''), '?'), coalesce(host(a.client_addr), 'local'), a.state, "
                + "extract(epoch FROM now() - a.backend_start)::int FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
                + "WHERE l.locktype = 'advisory' AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1 AND l.granted AND l.pid <> pg_backend_pid()";
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key >>> 32);
            ps.setLong(2, key & 0xFFFFFFFFL);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return Optional.of("pid " + rs.getInt(1) + " (application " + rs.getString(2) + " from " + rs.getString(3) + ", "
                            + rs.getString(4) + ", connected " + rs.getInt(5) + " s ago)");
                }
                return Optional.empty();
            }
        }
    }
}
