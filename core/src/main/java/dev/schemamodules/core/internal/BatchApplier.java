package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlannedModule;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.CoreMigrationType;

/**
 * Applies one batch of a module's pending versioned SQL migrations in one transaction without Flyway's
 * per-migration round trips, writing the history rows Flyway would write (same rank order, version, description,
 * type, script, Flyway's own checksum, installer, execution time), all in one statement before the commit.
 *
 * <p>Flyway's group mode applies a batch too, but around every migration it reads the history table back, checks
 * that the schema and table exist, resets the role and search path and asks for the server version: about ten round
 * trips for a one-statement migration, and its whole list of scripts is resolved and sorted again for every batch,
 * which made a module of 10,000 migrations quadratic. Here a migration costs one round trip: its script, sent as it
 * is after the search path Flyway would set and the callback's {@code lock_timeout} and {@code statement_timeout}
 * (as {@code SET LOCAL} statements, {@link MigrationCallback#transactionSetStatements}; the batch's first migration
 * sets them, and points the lock watcher at the backend, through {@link MigrationCallback#starting} itself). A script
 * that changes any of them changes it for itself only.
 *
 * <p>It only ever takes what is safe to take: the scripts' placeholders must all resolve (the module's own and
 * Flyway's {@code defaultSchema}, {@code table}, {@code filename}); otherwise, or when another session holds Flyway's
 * lock of the history table, it changes nothing and answers {@link Outcome#NOT_APPLICABLE}, and the engine lets
 * Flyway apply the batch. A batch whose SQL or module-boundary check fails is rolled back whole ({@link Outcome#ROLLED_BACK})
 * and the engine re-runs it through Flyway one migration per transaction, which names the failing script and line, as
 * before. Flyway's validation at the end of the module's migrate compares every row written here with the scripts.
 */
final class BatchApplier {

    /**
     * A name of a {@code search_path} list that {@link #setList} takes: quoted (a doubled quote inside), or unquoted and
     * all lower-case letters, digits, {@code _} and {@code $} (the server folds an unquoted name to lower case).
     */
    private static final String NAME = "\"(?:[^\"]|\"\")++\"|[a-z0-9_$]++";
    private static final Pattern LIST_NAME = Pattern.compile(NAME);
    /** Such names separated by commas, white space (the server's scanner's: Java's {@code \s}) around each. */
    private static final Pattern PLAIN_LIST = Pattern.compile("\\s*(?:" + NAME + ")\\s*(?:,\\s*(?:" + NAME + ")\\s*)*");

    /** What became of a batch. */
    enum Outcome {
        /** Applied and committed, history rows included. */
        COMMITTED,
        /** Something failed; everything was rolled back. */
        ROLLED_BACK,
        /** Not tried: nothing was changed. */
        NOT_APPLICABLE
    }

    private BatchApplier() {
    }

    /**
     * Applies {@code batch} (pending versioned migrations of {@code m}, in order, whose scripts can run in a
     * transaction; the module's history table exists) with {@code callback} around every migration.
     */
    static Outcome apply(PlannedModule m, DataSource dataSource, List<MigrationInfo> batch, MigrationCallback callback) {
        Optional<List<String>> sql = resolved(m, callback.scripts(), batch);
        if (sql.isEmpty()) {
            return Outcome.NOT_APPLICABLE;
        }
        HistoryTable history = new HistoryTable(m.primarySchema());
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            MigrationInfo current = null;
            boolean committed = false;
            try {
                int rank;
                String searchPath;
                String sessionPath;
                try (PreparedStatement ps = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?), (SELECT coalesce(max(installed_rank), 0) FROM "
                        + history.qualifiedName() + "), current_setting('search_path')")) {
                    ps.setLong(1, FlywayLock.key(m.primarySchema()));
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (!rs.getBoolean(1)) {
                            c.rollback();
                            return Outcome.NOT_APPLICABLE;   // another session migrates this module: Flyway waits for it, within its retries
                        }
                        rank = rs.getInt(2);
                        sessionPath = rs.getString(3);
                        searchPath = flywaySearchPath(m.primarySchema(), sessionPath);
                    }
                }
                // no line break after it: the script's first statement then shows in pg_stat_activity as it is written
                String searchPathCall = "set_config('search_path', '" + searchPath.replace("'", "''") + "', true)";
                String prelude = "SELECT " + searchPathCall + ";";
                // after the first migration, each one's lock_timeout, statement_timeout and search path go with its script,
                // as SET LOCAL statements (the server neither plans them nor answers with a row): one round trip per
                // migration. A search path that is not a plain list of names gets set_config, in a SELECT, as the first does.
                String withSettings = setList(searchPath)
                        .map(names -> callback.transactionSetStatements() + " SET LOCAL search_path = " + names + ";")
                        .orElse("SELECT " + callback.transactionSettings() + ", " + searchPathCall + ";");
                int[] millis = new int[batch.size()];
                try (Statement st = c.createStatement()) {
                    st.setEscapeProcessing(false);
                    for (int i = 0; i < batch.size(); i++) {
                        current = batch.get(i);
                        callback.starting(c, current, i > 0);
                        long t = System.nanoTime();
                        st.execute((i > 0 ? withSettings : prelude) + sql.get().get(i));
                        millis[i] = (int) ((System.nanoTime() - t) / 1_000_000);
                        callback.applied(c, current);
                    }
                }
                current = null;
                record(c, history, batch, rank, millis);
                c.commit();
                committed = true;
                // a script's own SET search_path outlives the transaction: the pooled session gets its own back
                try (PreparedStatement ps = c.prepareStatement("SELECT set_config('search_path', ?, false)")) {
                    ps.setString(1, sessionPath);
                    ps.executeQuery().close();
                }
                return Outcome.COMMITTED;
            } catch (SQLException | FlywayException e) {
                if (committed) {
                    return Outcome.COMMITTED;   // only resetting the session failed: the pool gets a session that reports its error
                }
                if (current != null) {
                    callback.failed(c, current);
                }
                c.rollback();
                return Outcome.ROLLED_BACK;
            } finally {
                try {
                    c.setAutoCommit(autoCommit);
                } catch (SQLException e) {
                    // a broken connection: the pool discards it
                }
            }
        } catch (SQLException e) {
            return Outcome.ROLLED_BACK;   // no connection, or it broke before the commit: nothing was committed
        }
    }

    /** Each migration's SQL with its placeholders resolved as Flyway resolves them, or empty if one is not known here. */
    private static Optional<List<String>> resolved(PlannedModule m, ModuleScripts scripts, List<MigrationInfo> batch) {
        List<ScriptName> named = new ArrayList<>(batch.size());
        for (MigrationInfo info : batch) {
            ScriptName script = info.getScript() == null ? null : scripts.migrationNamed(ScriptName.fileNameOf(info.getScript())).orElse(null);
            if (script == null || info.getType() != CoreMigrationType.SQL || info.getVersion() == null || info.getChecksum() == null) {
                return Optional.empty();
            }
            named.add(script);
        }
        Map<String, String> texts = scripts.readMigrations(named);   // the module's jar opened once for the batch
        List<String> out = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            String raw = texts.get(named.get(i).fileName());
            if (raw.startsWith("\uFEFF")) {
                raw = raw.substring(1);   // Flyway skips a byte-order mark
            }
            String script = batch.get(i).getScript();
            try {
                out.add(ScriptRunner.resolve(script, raw, FlywayFactory.placeholders(m, script)));
            } catch (ScriptRunner.ScriptFailure e) {
                return Optional.empty();   // Flyway knows more placeholders (user, database, timestamp ...): it applies this batch
            }
        }
        return Optional.of(out);
    }

    /**
     * The search path Flyway 13 gives a migration ({@code PostgreSQLConnection.changeCurrentSchemaTo}): the session's
     * own when it is the default schema or starts with it, else the quoted default schema, then the session's own.
     */
    static String flywaySearchPath(String schema, String current) {
        String quoted = "\"" + schema.replace("\"", "\"\"") + "\"";
        if (current == null || current.isBlank()) {
            return quoted;
        }
        if (current.equals(schema) || current.startsWith(schema + ",")) {
            return current;
        }
        return quoted + "," + current;
    }

    /**
     * {@code searchPath}, a value of {@code search_path} (names, quoted or not, separated by commas, as the server's
     * {@code SplitIdentifierString} reads them), as the list a {@code SET} statement takes, every name quoted: the same
     * schemas in the same order. Empty when it is not such a list, has an unquoted name that is not plain lower-case
     * letters, digits, {@code _} and {@code $}, or a name the server would cut to 63 bytes: the caller then sets the
     * value as it is, with {@code set_config}.
     */
    static Optional<String> setList(String searchPath) {
        if (!PLAIN_LIST.matcher(searchPath).matches()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        Matcher m = LIST_NAME.matcher(searchPath);
        while (m.find()) {
            String name = m.group().startsWith("\"") ? m.group().substring(1, m.group().length() - 1).replace("\"\"", "\"") : m.group();
            if (name.getBytes(StandardCharsets.UTF_8).length > 63) {
                return Optional.empty();
            }
            names.add("\"" + name.replace("\"", "\"\"") + "\"");
        }
        return Optional.of(String.join(", ", names));
    }

    /** The history rows Flyway writes for the batch, one statement. */
    private static void record(Connection c, HistoryTable history, List<MigrationInfo> batch, int lastRank, int[] millis) throws SQLException {
        int n = batch.size();
        Integer[] ranks = new Integer[n];
        String[] versions = new String[n];
        String[] descriptions = new String[n];
        String[] scripts = new String[n];
        Integer[] checksums = new Integer[n];
        Integer[] times = new Integer[n];
        for (int i = 0; i < n; i++) {
            MigrationInfo info = batch.get(i);
            ranks[i] = lastRank + 1 + i;
            versions[i] = info.getVersion().getVersion();
            descriptions[i] = info.getDescription();
            scripts[i] = info.getScript();
            checksums[i] = info.getChecksum();
            times[i] = millis[i];
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + history.qualifiedName()
                + " (installed_rank, version, description, type, script, checksum, installed_by, execution_time, success)"
                + " SELECT r.installed_rank, r.version, r.description, 'SQL', r.script, r.checksum, current_user, r.execution_time, true"
                + " FROM unnest(?::integer[], ?::text[], ?::text[], ?::text[], ?::integer[], ?::integer[])"
                + " AS r(installed_rank, version, description, script, checksum, execution_time) ORDER BY r.installed_rank")) {
            Array[] arrays = {c.createArrayOf("integer", ranks), c.createArrayOf("text", versions), c.createArrayOf("text", descriptions),
                c.createArrayOf("text", scripts), c.createArrayOf("integer", checksums), c.createArrayOf("integer", times)};
            for (int i = 0; i < arrays.length; i++) {
                ps.setArray(i + 1, arrays[i]);
            }
            int inserted = ps.executeUpdate();
            if (inserted != n) {
                throw new SQLException("wrote " + inserted + " history rows for " + n + " migrations");
            }
        }
    }
}
