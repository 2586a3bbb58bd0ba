package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The schema names a module was deployed under, recorded with its history: a comment on its history
 * table ({@code COMMENT ON TABLE <primary>.flyway_schema_history IS 'schema-modules module=therapy
 * schemas=therapy:clinic'}), written inside its first migration's transaction and whenever it is
 * missing. The comment is the runner's; it creates no object in the module's schemas.
 *
 * <p>At the start of a run the engine reads every recorded module in the database, so that a later run
 * without {@code --schema} reuses the recorded names (instead of installing a second copy under the
 * default names), and a run with a different {@code --schema} for an installed module is refused
 * naming both. A history table without the comment (installed before names were recorded) counts as
 * its module with default names when it sits in that module's default primary schema.
 */
public final class SchemaRecord {

    static final String PREFIX = "schema-modules module=";

    private SchemaRecord() {
    }

    /** An installed module: its name, default schema name -> deployed name, and whether the names were recorded. */
    public record Installed(String module, Map<String, String> schemas, boolean recorded) {
        public String primarySchema() {
            return schemas.values().iterator().next();
        }
    }

    /** Every module installed in this database, by name. {@code knownDefaults}: module -> its default schema names. */
    public static Map<String, Installed> read(Connection c, Map<String, List<String>> knownDefaults) throws SQLException {
        Map<String, Installed> out = new LinkedHashMap<>();
        String sql = "SELECT n.nspname, obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE c.relname = ? AND c.relkind IN ('r', 'p') ORDER BY 1";
        List<String[]> legacy = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, FlywayFactory.HISTORY_TABLE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Installed> parsed = parse(rs.getString(2));
                    if (parsed.isPresent()) {
                        out.put(parsed.get().module(), parsed.get());
                    } else {
                        legacy.add(new String[] {rs.getString(1)});
                    }
                }
            }
        }
        for (String[] l : legacy) {
            String schema = l[0];
            knownDefaults.forEach((module, defaults) -> {
                if (!defaults.isEmpty() && defaults.get(0).equals(schema) && !out.containsKey(module)) {
                    Map<String, String> identity = new LinkedHashMap<>();
                    defaults.forEach(d -> identity.put(d, d));
                    out.put(module, new Installed(module, identity, false));
                }
            });
        }
        return out;
    }

    static Optional<Installed> parse(String comment) {
        if (comment == null || !comment.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String[] parts = comment.substring(PREFIX.length()).trim().split("\\s+schemas=", 2);
        if (parts.length != 2) {
            return Optional.empty();
        }
        Map<String, String> schemas = new LinkedHashMap<>();
        for (String pair : parts[1].trim().split(",")) {
            int colon = pair.indexOf(':');
            if (colon <= 0) {
                return Optional.empty();
            }
            schemas.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return Optional.of(new Installed(parts[0].trim(), schemas, true));
    }

    static String format(PlannedModule m) {
        List<String> defaults = m.descriptor().schemas();
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < defaults.size(); i++) {
            pairs.add(defaults.get(i) + ":" + m.schemas().get(i));
        }
        return PREFIX + m.name() + " schemas=" + String.join(",", pairs);
    }

    /** Writes the record for {@code m} on its history table, unless it is already there. */
    public static void record(Connection c, PlannedModule m) throws SQLException {
        HistoryTable history = new HistoryTable(m.primarySchema());
        String wanted = format(m);
        try (PreparedStatement ps = c.prepareStatement("SELECT obj_description(to_regclass(?), 'pg_class')")) {
            ps.setString(1, history.qualifiedName());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && wanted.equals(rs.getString(1))) {
                    return;
                }
            }
        }
        try (Statement st = c.createStatement()) {
            st.execute("COMMENT ON TABLE " + history.qualifiedName() + " IS '" + wanted.replace("'", "''") + "'");
        }
    }

    /**
     * {@code plan} with the recorded names adopted, plus deployed schema -> owning module for the plan's modules
     * and every other installed module (the schemas the module-boundary checks watch).
     */
    public record Prepared(Plan plan, Map<String, String> owners, List<String> notes, List<String> conflicts) {
    }

    /** Reads what is installed and adopts it into {@code plan}. */
    public static Prepared prepare(Plan plan, javax.sql.DataSource dataSource) {
        Map<String, List<String>> defaults = new LinkedHashMap<>();
        plan.modules().forEach(m -> defaults.put(m.name(), m.descriptor().schemas()));
        Map<String, Installed> installed;
        try (Connection c = dataSource.getConnection()) {
            installed = read(c, defaults);
        } catch (SQLException e) {
            throw new dev.schemamodules.core.api.MigrationException(null, "cannot read the installed modules' schema names: " + ScriptRunner.describe(e), e);
        }
        Adoption a = adopt(plan, installed);
        Map<String, String> owners = new LinkedHashMap<>();
        installed.values().forEach(i -> i.schemas().values().forEach(s -> owners.put(s, i.module())));
        a.plan().modules().forEach(m -> m.schemas().forEach(s -> owners.put(s, m.name())));
        return new Prepared(a.plan(), owners, a.notes(), a.conflicts());
    }

    /**
     * {@code plan} with the schema names recorded at each installed module's installation, its notes passed
     * to {@code note}; a different explicit name for an installed module is refused, naming both.
     */
    public static Plan adopted(Plan plan, javax.sql.DataSource dataSource, java.util.function.Consumer<String> note) {
        Prepared p = prepare(plan, dataSource);
        if (!p.conflicts().isEmpty()) {
            throw new dev.schemamodules.core.api.MigrationException(null, String.join("\n", p.conflicts()) + "\nnothing was changed");
        }
        p.notes().forEach(note);
        return p.plan();
    }

    /** The outcome of matching a plan against what is installed. */
    public record Adoption(Plan plan, List<String> notes, List<String> conflicts) {
    }

    /**
     * The plan with each installed module's recorded schema names in place of the defaults; a schema
     * given another name explicitly (not its default, not the recorded one) is a conflict naming both.
     */
    public static Adoption adopt(Plan plan, Map<String, Installed> installed) {
        Map<String, String> rename = new LinkedHashMap<>();   // planned deployed name -> recorded name
        List<String> notes = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            Installed i = installed.get(m.name());
            if (i == null) {
                continue;
            }
            List<String> defaults = m.descriptor().schemas();
            for (int k = 0; k < defaults.size(); k++) {
                String def = defaults.get(k);
                String planned = m.schemas().get(k);
                String recorded = i.schemas().get(def);
                if (recorded == null || recorded.equals(planned)) {
                    continue;
                }
                if (!planned.equals(def)) {
                    conflicts.add("module " + m.name() + " is installed with schema " + def + " deployed as " + recorded
                            + "; --schema " + def + "=" + planned + " would install a second copy in " + planned
                            + ". Leave --schema out to use " + recorded + ", or undo the module first");
                } else {
                    rename.put(planned, recorded);
                    notes.add("module " + m.name() + ": schema " + def + " is deployed as " + recorded + " (recorded at installation); using it");
                }
            }
        }
        if (rename.isEmpty()) {
            return new Adoption(plan, notes, conflicts);
        }
        List<PlannedModule> modules = new ArrayList<>();
        for (PlannedModule m : plan.modules()) {
            Map<String, String> placeholders = new LinkedHashMap<>();
            m.placeholders().forEach((k, v) -> placeholders.put(k, rename.getOrDefault(v, v)));
            modules.add(new PlannedModule(m.descriptor(), renamed(m.schemas(), rename), placeholders, renamed(m.allowedSchemas(), rename),
                    m.latestVersion(), m.requested(), m.seedLocations()));
        }
        Map<String, List<String>> byName = new LinkedHashMap<>();
        modules.forEach(m -> m.schemas().forEach(s -> byName.computeIfAbsent(s, x -> new ArrayList<>()).add(m.name())));
        byName.forEach((schema, owners) -> {
            if (owners.size() > 1) {
                conflicts.add("modules " + String.join(" and ", owners) + " would share schema " + schema + " (one of them is recorded there)");
            }
        });
        return new Adoption(new Plan(modules, plan.seedEnvironment()), notes, conflicts);
    }

    private static List<String> renamed(Collection<String> names, Map<String, String> rename) {
        return names.stream().map(n -> rename.getOrDefault(n, n)).collect(Collectors.toList());
    }
}
