package dev.schemamodules.chatbotcrm;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.ModuleTask;
import dev.schemamodules.core.api.Progress;
import dev.schemamodules.core.api.TaskContext;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Fills {@code public_id} for rows that existed before V1 added the column (the application's
 * {@code scripts/backfill-public-ids.js}): {@code run-task chatbot-crm backfill-public-ids [--dry-run]
 * [--option batch-size=500] [--option tables=patients,doctors] [--option max-batches=N]}.
 *
 * <ul>
 *   <li>Online: each batch is its own short transaction that locks only the rows it updates
 *       ({@code FOR UPDATE SKIP LOCKED}), with a short {@code lock_timeout}; concurrent writers keep working.</li>
 *   <li>Resumable and re-runnable: only rows whose {@code public_id IS NULL} are ever touched, so an
 *       interrupted run continues where it stopped and a second run changes nothing.</li>
 *   <li>Keyset pagination over the primary key ({@code id > last id of the previous batch}), so each
 *       batch costs the same on a large table; a final sweep catches rows that were locked when passed.</li>
 *   <li>Dry run: one count per table, changes nothing, terminates.</li>
 *   <li>Prefixes come from the module's reference data, {@code public_id_prefixes()}.</li>
 *   <li>Failure: the current batch is rolled back, the error printed, exit code 1.</li>
 * </ul>
 */
public final class BackfillPublicIdsTask implements ModuleTask {

    /** The tables the application's backfill processes, in its order. */
    public static final List<String> DEFAULT_TABLES = List.of("patients", "doctors", "appointments", "sessions", "insurance_claims");

    static final int DEFAULT_BATCH_SIZE = 500;
    private static final int MAX_SWEEPS = 20;
    private static final long SWEEP_PAUSE_MILLIS = 200;

    @Override
    public String module() {
        return "chatbot-crm";
    }

    @Override
    public String name() {
        return "backfill-public-ids";
    }

    @Override
    public String description() {
        return "Fill missing public_id values in short batches (options: batch-size=500, tables=a,b, max-batches=N; --dry-run counts only)";
    }

    @Override
    public int run(TaskContext context) throws Exception {
        PrintWriter out = context.out();
        int batchSize = context.intOption("batch-size", DEFAULT_BATCH_SIZE);
        if (batchSize < 1) {
            throw new ConfigurationException("task option batch-size=" + batchSize + " must be at least 1");
        }
        int maxBatches = context.intOption("max-batches", Integer.MAX_VALUE);
        if (maxBatches < 1) {
            throw new ConfigurationException("task option max-batches=" + maxBatches + " must be at least 1");
        }
        String schema = context.module().primarySchema();
        try (Connection c = context.dataSource().getConnection()) {
            Map<String, String> prefixes = prefixes(c, schema);
            List<String> tables = tables(context, prefixes);
            for (String table : tables) {
                if (!hasPublicIdColumn(c, schema, table)) {
                    throw new ConfigurationException("table " + schema + "." + table + " has no public_id column (is V1 applied?)");
                }
            }
            if (context.dryRun()) {
                long total = 0;
                for (String table : tables) {
                    long missing = countMissing(c, schema, table);
                    total += missing;
                    out.printf(Locale.ROOT, "dry run: %s: would set public_id (prefix %s) on %d row(s)%n", table, label(prefixes.get(table)), missing);
                }
                out.printf(Locale.ROOT, "dry run: %d row(s) in %d table(s) would be updated; nothing was changed%n", total, tables.size());
                out.flush();
                return 0;
            }
            int[] budget = {maxBatches};
            long grandTotal = 0;
            for (String table : tables) {
                if (budget[0] == 0) {
                    break;
                }
                try {
                    grandTotal += backfill(c, schema, table, prefixes.get(table), batchSize, budget, out, context.progress());
                } catch (SQLException e) {
                    out.printf(Locale.ROOT, "%s: batch failed and was rolled back: %s (SQLSTATE %s); rows already committed keep their ids, rerun to resume%n",
                            table, e.getMessage(), e.getSQLState());
                    out.flush();
                    return 1;
                }
            }
            if (budget[0] == 0) {
                out.printf(Locale.ROOT, "stopped after max-batches=%d: %d row(s) updated; rerun to resume%n", maxBatches, grandTotal);
            } else {
                out.printf(Locale.ROOT, "done: %d row(s) updated%n", grandTotal);
            }
            out.flush();
            return 0;
        }
    }

    private static long backfill(Connection c, String schema, String table, String prefix, int batchSize, int[] budget, PrintWriter out,
                                 Progress progress) throws SQLException, InterruptedException {
        String qualified = quote(schema) + "." + quote(table);
        String platform = platformSchemaOfGenerator(c, schema, table);
        // One batch: lock up to n rows without public_id after the cursor, skipping rows a writer holds,
        // and give each its own id. Returns how many rows were updated and the highest id (the cursor).
        String sql = "WITH batch AS (SELECT id FROM " + qualified + " WHERE public_id IS NULL AND (?::uuid IS NULL OR id > ?::uuid)"
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED),"
                + " updated AS (UPDATE " + qualified + " t SET public_id = " + platform + ".generate_public_id(?)"
                + " FROM batch WHERE t.id = batch.id RETURNING t.id)"
                + " SELECT count(*), (SELECT id FROM updated ORDER BY id DESC LIMIT 1) FROM updated";
        long total = 0;
        long missingAtStart = countMissing(c, schema, table);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement(sql); Statement st = c.createStatement();
             Progress.Meter meter = progress.start(table, missingAtStart, "rows")) {
            for (int sweep = 0; sweep < MAX_SWEEPS && budget[0] > 0; sweep++) {
                String cursor = null;
                long sweepTotal = 0;
                while (budget[0] > 0) {
                    long n;
                    try {
                        st.execute("SET LOCAL lock_timeout = '2s'");
                        ps.setString(1, cursor);
                        ps.setString(2, cursor);
                        ps.setInt(3, batchSize);
                        ps.setString(4, prefix);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            n = rs.getLong(1);
                            cursor = rs.getString(2);
                        }
                        c.commit();
                    } catch (SQLException e) {
                        c.rollback();
                        throw e;
                    }
                    if (n == 0) {
                        break;
                    }
                    budget[0]--;
                    total += n;
                    sweepTotal += n;
                    meter.advance(n);
                }
                if (budget[0] == 0) {
                    break;
                }
                long remaining = countMissing(c, schema, table);
                c.commit();
                if (remaining == 0) {
                    break;
                }
                if (sweepTotal == 0) {
                    // everything left is locked by concurrent writers right now: wait a little, sweep again
                    Thread.sleep(SWEEP_PAUSE_MILLIS);
                }
            }
            long remaining = countMissing(c, schema, table);
            c.commit();
            out.printf(Locale.ROOT, "%s: %d row(s) updated with prefix %s, %d still without public_id%n", table, total, label(prefix), remaining);
            out.flush();
            return total;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static String label(String prefix) {
        return prefix.isEmpty() ? "(none)" : prefix + "_";
    }

    /** The module's prefix map (reference data created by V1). */
    private static Map<String, String> prefixes(Connection c, String schema) throws SQLException {
        Map<String, String> map = new LinkedHashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT table_name, prefix FROM " + quote(schema) + ".public_id_prefixes()")) {
            while (rs.next()) {
                map.put(rs.getString(1), rs.getString(2));
            }
        }
        return map;
    }

    private static List<String> tables(TaskContext context, Map<String, String> prefixes) {
        List<String> tables = new ArrayList<>();
        String option = context.option("tables").orElse("").trim();
        if (option.isEmpty()) {
            tables.addAll(DEFAULT_TABLES);
        } else {
            for (String t : option.split(",")) {
                String name = t.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!prefixes.containsKey(name)) {
                    throw new ConfigurationException("task option tables: " + name + " is not a table with a public-id prefix; known: "
                            + String.join(", ", prefixes.keySet()));
                }
                if (!tables.contains(name)) {
                    tables.add(name);
                }
            }
        }
        return tables;
    }

    private static boolean hasPublicIdColumn(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(format('%I.%I', ?, ?)) AND attname = 'public_id' AND NOT attisdropped")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The schema of the generator in the column's default (the platform schema as deployed), so that the
     * backfill produces exactly what the default produces.
     */
    private static String platformSchemaOfGenerator(Connection c, String schema, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT n.nspname
                FROM pg_depend d
                JOIN pg_attrdef ad ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
                JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
                JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND d.refobjid = p.oid
                JOIN pg_namespace n ON n.oid = p.pronamespace
                WHERE ad.adrelid = to_regclass(format('%I.%I', ?, ?)) AND a.attname = 'public_id' AND p.proname = 'generate_public_id'
                """)) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new ConfigurationException("the public_id default of " + schema + "." + table + " does not call generate_public_id");
                }
                return quote(rs.getString(1));
            }
        }
    }

    private static long countMissing(Connection c, String schema, String table) throws SQLException {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + quote(schema) + "." + quote(table) + " WHERE public_id IS NULL")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
