package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.PreflightReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

/**
 * Everything that would stop a migrate part-way, checked for the whole plan before the first change:
 * per module, applied scripts changed since (checksums), histories with a failed migration that
 * recovery cannot redo, with migrations this release does not have (missing, or ahead: applied by a
 * newer release), schema names that conflict with those recorded at installation, and whether the
 * connected role may do what the pending scripts need in each schema (owns it or may create in it; may
 * create schemas in the database for a schema that does not exist yet). Reads only.
 */
public final class Preflight {

    private Preflight() {
    }

    /** Problems (each stops the run) and notes (what the run will do on its own). */
    public record Findings(List<String> problems, List<String> notes) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The findings for {@code prepared} (the plan with the recorded names adopted) as the API reports them. */
    public static PreflightReport report(SchemaRecord.Prepared prepared, DataSource dataSource) {
        Findings f = check(prepared.plan(), dataSource, prepared.conflicts());
        List<String> notes = new ArrayList<>(prepared.notes());
        notes.addAll(f.notes());
        return new PreflightReport(f.problems(), notes);
    }

    /**
     * Stops the run, before its first change, when the preflight finds any problem (all of them listed);
     * otherwise passes the notes to {@code note}.
     *
     * @throws MigrationException listing every problem
     */
    public static void require(SchemaRecord.Prepared prepared, DataSource dataSource, Consumer<String> note) {
        Findings f = check(prepared.plan(), dataSource, prepared.conflicts());
        if (!f.ok()) {
            throw new MigrationException(null, "preflight found " + f.problems().size() + " problem(s) in the plan; nothing was changed:\n  - "
                    + String.join("\n  - ", f.problems()));
        }
        f.notes().forEach(note);
    }

    /** @param conflicts schema-name conflicts found when the plan adopted the recorded names */
    public static Findings check(Plan plan, DataSource dataSource, List<String> conflicts) {
        List<String> problems = new ArrayList<>(conflicts);
        List<String> notes = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            Role role = role(c);
            for (PlannedModule m : plan.modules()) {
                int pending = history(m, dataSource, plan.seedEnvironment().isPresent(), problems, notes);
                if (pending > 0 && !role.superuser()) {
                    privileges(c, m, role, problems);
                }
            }
        } catch (SQLException e) {
            problems.add("cannot read the database for the preflight checks: " + ScriptRunner.describe(e));
        }
        return new Findings(problems, notes);
    }

    private record Role(String name, boolean superuser, boolean createOnDatabase, String database) {
    }

    private static Role role(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT current_user, rolsuper, has_database_privilege(current_database(), 'CREATE'), current_database() "
                + "FROM pg_roles WHERE rolname = current_user"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Role(rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4));
        }
    }

    /** Adds the module's history problems; returns how many scripts it would apply (migrations and seeds). */
    private static int history(PlannedModule m, DataSource dataSource, boolean withSeeds, List<String> problems, List<String> notes) {
        Flyway flyway = FlywayFactory.create(m, dataSource, withSeeds);
        MigrationInfo[] all;
        try {
            all = flyway.info().all();
        } catch (FlywayException e) {
            problems.add("module " + m.name() + ": cannot read its history: " + String.valueOf(e.getMessage()).lines().filter(l -> !l.isBlank()).findFirst().orElse("unknown error"));
            return 0;
        }
        int pending = 0;
        String latest = m.latestVersion().toString();
        for (MigrationInfo i : all) {
            MigrationState s = i.getState();
            if (s == MigrationState.PENDING || s == MigrationState.OUTDATED) {
                pending++;
                continue;
            }
            if (s.isFailed() && i.getVersion() != null && s.isResolved()) {
                notes.add("module " + m.name() + ": " + i.getScript() + " failed in an earlier run; migrate drops the INVALID index(es) it left "
                        + "and runs it again");
                pending++;
                continue;
            }
            if (s.isFailed()) {
                problems.add("module " + m.name() + ": " + i.getScript() + " failed in an earlier run and is not in this release ("
                        + m.descriptor().origin() + "); repair the database and its history by hand");
                continue;
            }
            if (s == MigrationState.FUTURE_SUCCESS || s == MigrationState.FUTURE_FAILED) {
                problems.add("module " + m.name() + ": V" + i.getVersion() + " (" + i.getDescription() + ") is applied, but this release ("
                        + m.descriptor().version() + ") ends at V" + latest + ": the database was migrated by a newer release of " + m.name());
                continue;
            }
            if (s == MigrationState.MISSING_SUCCESS && i.getVersion() != null && !"SCHEMA".equals(i.getType().name())) {
                problems.add("module " + m.name() + ": " + i.getScript() + " is applied but not in this release (" + m.descriptor().origin() + ")");
                continue;
            }
            if (s.isApplied() && s.isResolved() && i.getVersion() != null && !i.isChecksumMatching()) {
                problems.add("module " + m.name() + ": " + i.getScript() + " was changed after it was applied (checksum mismatch: " + i.getAppliedChecksum()
                        + " in history, " + i.getResolvedChecksum() + " now). Put the script back as it was applied and add a new migration; if the "
                        + "edit does not change what it builds, accept it with: repair --modules " + m.name() + " --accept-changed-checksums");
            }
        }
        return pending;
    }

    private static void privileges(Connection c, PlannedModule m, Role role, List<String> problems) throws SQLException {
        for (String schema : m.schemas()) {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_get_userbyid(nspowner), pg_has_role(nspowner, 'USAGE'), has_schema_privilege(oid, 'CREATE') "
                    + "FROM pg_namespace WHERE nspname = ?")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        if (!role.createOnDatabase()) {
                            problems.add("module " + m.name() + ": role " + role.name() + " may not create schema " + schema
                                    + " (needs CREATE on database " + role.database() + ")");
                        }
                    } else if (!rs.getBoolean(2) && !rs.getBoolean(3)) {
                        problems.add("module " + m.name() + ": role " + role.name() + " neither owns schema " + schema + " (owner: " + rs.getString(1)
                                + ") nor may create in it (needs CREATE on schema " + schema + ", or membership in " + rs.getString(1) + ")");
                    }
                }
            }
        }
        HistoryTable history = new HistoryTable(m.primarySchema());
        try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(to_regclass(?), 'INSERT, UPDATE, DELETE') WHERE to_regclass(?) IS NOT NULL")) {
            ps.setString(1, history.qualifiedName());
            ps.setString(2, history.qualifiedName());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !rs.getBoolean(1)) {
                    problems.add("module " + m.name() + ": role " + role.name() + " may not write " + history.qualifiedName() + " (its history)");
                }
            }
        }
    }
}
