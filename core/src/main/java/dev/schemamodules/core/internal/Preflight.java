package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.MigrationException;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.PreflightReport;
import dev.schemamodules.core.api.ReleaseHistory;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.api.VersionSkew;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.MigrationVersion;

/**
 * Everything that would stop a migrate part-way, checked for the whole plan before the first change:
 * per module, applied scripts changed since (checksums), histories with a failed migration that
 * recovery cannot redo, with migrations this release does not have (missing, or a failed one of a newer
 * release), schema names that conflict with those recorded at installation, and whether the connected role
 * may do what the pending scripts need in each schema (owns it or may create in it; may create schemas in
 * the database for a schema that does not exist yet). A module whose history is ahead (a newer release
 * applied migrations above this release's newest) is not a problem but a {@link VersionSkew}: migrate
 * leaves it alone. What it requires, though, must not change beneath it: a module that an ahead module
 * requires (directly or not) and that has pending migrations is a problem, since that upgrade beneath a
 * release this run does not carry is a combination nobody tested. Reads only.
 */
public final class Preflight {

    private Preflight() {
    }

    /**
     * Problems (each stops the run), notes (what the run will do on its own), the modules ahead of this run (skipped), and
     * what this preflight read of each module's history, by name.
     */
    public record Findings(List<String> problems, List<String> notes, List<VersionSkew> ahead, Map<String, Reading> readings) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /**
     * What the preflight read of a module's history through Flyway (every script's state, the pending ones, the current
     * version), with the history table's {@link HistoryTable#stamp} read just before (empty: no table yet). While the stamp
     * is unchanged, a migrate of the module can start from this reading instead of resolving its scripts and reading its
     * history again; a module it finds {@link #upToDate} needs nothing more.
     */
    public record Reading(Optional<String> stamp, MigrationInfo current, MigrationInfo[] all, MigrationInfo[] pending) {

        /** Whether {@code m}'s history is still the one this reading saw. */
        boolean holds(Connection c, PlannedModule m) throws SQLException {
            return new HistoryTable(m.primarySchema()).stamp(c).equals(stamp);
        }

        /** Nothing a migrate would apply or refuse ({@link Migrator#upToDate}). */
        boolean upToDate() {
            return stamp.isPresent() && Migrator.upToDate(all);
        }

        /** The version installed, if any. */
        Optional<String> version() {
            return Optional.ofNullable(current).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion);
        }
    }

    /**
     * The findings for {@code prepared} (the plan with the recorded names adopted) as the API reports them; with
     * {@code strict}, each module that is ahead is a problem too.
     */
    public static PreflightReport report(SchemaRecord.Prepared prepared, DataSource dataSource, ReleaseHistory releases, boolean strict) {
        Findings f = check(prepared.plan(), dataSource, prepared.conflicts(), releases);
        List<String> notes = new ArrayList<>(prepared.notes());
        notes.addAll(f.notes());
        return new PreflightReport(problems(f, strict), notes, f.ahead());
    }

    /** {@link #report(SchemaRecord.Prepared, DataSource, ReleaseHistory, boolean)} without release names, not strict. */
    public static PreflightReport report(SchemaRecord.Prepared prepared, DataSource dataSource) {
        return report(prepared, dataSource, ReleaseHistory.NONE, false);
    }

    /**
     * Stops the run, before its first change, when the preflight finds any problem (all of them listed; with
     * {@code strict}, a module that is ahead is one); otherwise passes the notes to {@code note}.
     *
     * @return the findings: the modules that are ahead of this release, which the run must leave alone, and those up to date
     * @throws MigrationException listing every problem
     */
    public static Findings require(SchemaRecord.Prepared prepared, DataSource dataSource, ReleaseHistory releases, boolean strict,
                                   Consumer<String> note) {
        Findings f = check(prepared.plan(), dataSource, prepared.conflicts(), releases);
        List<String> problems = problems(f, strict);
        if (!problems.isEmpty()) {
            throw new MigrationException(null, "preflight found " + problems.size() + " problem(s) in the plan; nothing was changed:\n  - "
                    + String.join("\n  - ", problems));
        }
        f.notes().forEach(note);
        return f;
    }

    /** The findings' problems, with each module that is ahead among them when {@code strict}. */
    private static List<String> problems(Findings f, boolean strict) {
        List<String> problems = new ArrayList<>(f.problems());
        if (strict) {
            f.ahead().forEach(a -> problems.add(a.describe() + " (strict versions: a module ahead of this runner fails the run)"));
        }
        return problems;
    }

    /** @param conflicts schema-name conflicts found when the plan adopted the recorded names */
    public static Findings check(Plan plan, DataSource dataSource, List<String> conflicts) {
        return check(plan, dataSource, conflicts, ReleaseHistory.NONE);
    }

    /**
     * @param conflicts schema-name conflicts found when the plan adopted the recorded names
     * @param releases  names the release a module that is ahead needs
     */
    public static Findings check(Plan plan, DataSource dataSource, List<String> conflicts, ReleaseHistory releases) {
        List<String> problems = new ArrayList<>(conflicts);
        List<String> notes = new ArrayList<>();
        Map<String, VersionSkew> ahead = new LinkedHashMap<>();
        Map<String, Integer> pendingMigrations = new LinkedHashMap<>();
        Map<String, Reading> readings = new LinkedHashMap<>();
        try {
            Role role;
            try (Connection c = dataSource.getConnection()) {
                role = role(c);
            }
            // the connection goes back to the pool before Flyway reads a history, and Flyway reuses it: held meanwhile, it
            // made Flyway open a connection of its own, a third one besides the run lock's (about 20 ms of a new backend)
            for (PlannedModule m : plan.modules()) {
                Optional<String> stamp;
                try (Connection c = dataSource.getConnection()) {
                    stamp = new HistoryTable(m.primarySchema()).stamp(c);   // before Flyway reads the history
                }
                History h = history(m, dataSource, plan.seedEnvironment().isPresent(), problems, notes);
                h.info().ifPresent(info -> readings.put(m.name(), new Reading(stamp, info.current(), info.all(), info.pending())));
                pendingMigrations.put(m.name(), h.migrations());
                if (h.ahead().isPresent()) {
                    ahead.put(m.name(), new VersionSkew(m.name(), h.ahead().get().toString(), m.latestVersion().toString(), m.descriptor().version(),
                            releases.releaseThatReached(m.name(), h.ahead().get().toString())));
                } else if (h.scripts() > 0 && !role.superuser()) {
                    try (Connection c = dataSource.getConnection()) {
                        privileges(c, m, role, problems);
                    }
                }
            }
        } catch (SQLException e) {
            problems.add("cannot read the database for the preflight checks: " + ScriptRunner.describe(e));
        }
        for (VersionSkew skew : ahead.values()) {
            for (String required : requiredBy(plan, skew.module())) {
                int pending = pendingMigrations.getOrDefault(required, 0);
                if (pending > 0 && !ahead.containsKey(required)) {
                    problems.add("module " + required + " has " + pending + " pending migration(s), but " + skew.module() + ", which requires it, is ahead "
                            + "of this runner (" + skew.state() + "): upgrading " + required + " beneath a release of " + skew.module()
                            + " this runner does not carry is a combination nobody tested, so nothing is applied. Deploy with a runner or manifest that "
                            + "carries " + skew.releaseThatReached().map(r -> skew.module() + " " + r).orElse("the release of " + skew.module()
                            + " that has V" + skew.databaseVersion()) + " or newer");
                }
            }
        }
        return new Findings(problems, notes, List.copyOf(ahead.values()), Map.copyOf(readings));
    }

    /** Every module of {@code plan} that {@code module} requires, directly or through others. */
    static Set<String> requiredBy(Plan plan, String module) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(module));
        while (!todo.isEmpty()) {
            plan.module(todo.pop()).ifPresent(m -> {
                for (Requirement r : m.descriptor().requires()) {
                    if (seen.add(r.module())) {
                        todo.push(r.module());
                    }
                }
            });
        }
        return seen;
    }

    /**
     * @param scripts    scripts a migrate would run (migrations, recovered failures, seeds)
     * @param migrations versioned migrations among them
     * @param ahead      the highest version applied above this release's newest migration, if any
     */
    private record History(int scripts, int migrations, Optional<Version> ahead, Optional<MigrationInfoService> info) {
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

    /** Adds the module's history problems; returns what it would apply and whether it is ahead. */
    private static History history(PlannedModule m, DataSource dataSource, boolean withSeeds, List<String> problems, List<String> notes) {
        Flyway flyway = FlywayFactory.create(m, dataSource, withSeeds);
        MigrationInfoService info;
        MigrationInfo[] all;
        try {
            info = flyway.info();
            all = info.all();
        } catch (FlywayException e) {
            problems.add("module " + m.name() + ": cannot read its history: " + String.valueOf(e.getMessage()).lines().filter(l -> !l.isBlank()).findFirst().orElse("unknown error"));
            return new History(0, 0, Optional.empty(), Optional.empty());
        }
        int pending = 0;
        int migrations = 0;
        Version ahead = null;
        Map<Version, ScriptName> scripts = null;
        for (MigrationInfo i : all) {
            MigrationState s = i.getState();
            if (s == MigrationState.PENDING || s == MigrationState.OUTDATED) {
                pending++;
                if (i.getVersion() != null) {
                    migrations++;
                }
                continue;
            }
            if (s == MigrationState.FUTURE_FAILED) {
                problems.add("module " + m.name() + ": V" + i.getVersion() + " (" + i.getDescription() + ") of a newer release than this one ("
                        + m.descriptor().version() + ", up to V" + m.latestVersion() + ") failed in an earlier run; repair it with the release that has it");
                continue;
            }
            if (s.isFailed() && i.getVersion() != null && s.isResolved()) {
                notes.add("module " + m.name() + ": " + i.getScript() + " failed in an earlier run; migrate drops the INVALID index(es) it left "
                        + "and runs it again");
                pending++;
                migrations++;
                continue;
            }
            if (s.isFailed()) {
                problems.add("module " + m.name() + ": " + i.getScript() + " failed in an earlier run and is not in this release ("
                        + m.descriptor().origin() + "); repair the database and its history by hand");
                continue;
            }
            if (s == MigrationState.FUTURE_SUCCESS) {
                Version v = Version.parse(i.getVersion().getVersion());
                ahead = ahead == null || v.isAbove(ahead) ? v : ahead;
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
            if (s == MigrationState.SUCCESS && i.getVersion() != null && i.isChecksumMatching()) {
                // Flyway's validate refuses a description that differs from the history's; a run that applies nothing in this
                // module never gets to Flyway's validate, so it is said here, before anything changes
                scripts = scripts == null ? ModuleScripts.migrationsByVersion(m.descriptor()) : scripts;
                Validator.renamed(i, scripts).ifPresent(now -> problems.add("module " + m.name() + ": " + i.getScript() + " was renamed after it was applied (now "
                        + now.fileName() + "; its history says \"" + i.getDescription() + "\"). Give the file back the name it was applied under: "
                        + "an applied migration does not change"));
            }
        }
        return new History(pending, migrations, Optional.ofNullable(ahead), Optional.of(info));
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
        // each privilege asked on its own: with several, has_table_privilege is true when ANY is held
        try (PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(t, 'INSERT') AND has_table_privilege(t, 'UPDATE') AND has_table_privilege(t, 'DELETE') "
                + "FROM (SELECT to_regclass(?) AS t) r WHERE t IS NOT NULL")) {
            ps.setString(1, history.qualifiedName());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && !rs.getBoolean(1)) {
                    problems.add("module " + m.name() + ": role " + role.name() + " may not write " + history.qualifiedName() + " (its history)");
                }
            }
        }
    }
}
