package dev.schemamodules.testing;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one schema's catalog for assertions: tables, columns, constraints, foreign keys with their
 * actions, indexes, enums, triggers, policies, comments. Names are unqualified within the schema; the
 * module's history table is never listed.
 */
public final class Catalog {

    private static final String HISTORY = "flyway_schema_history";
    private final TestDatabase db;
    private final String schema;

    Catalog(TestDatabase db, String schema) {
        this.db = db;
        this.schema = schema;
    }

    public String schema() {
        return schema;
    }

    /** A column: {@code type} as format_type prints it (e.g. {@code character varying(255)}, {@code timestamp(3) without time zone}). */
    public record Column(String name, String type, boolean nullable, String defaultExpression) {
    }

    /** A foreign key; actions are {@code CASCADE}, {@code SET NULL}, {@code SET DEFAULT}, {@code RESTRICT} or {@code NO ACTION}. */
    public record ForeignKey(String name, String table, List<String> columns, String referencedSchema, String referencedTable,
                             List<String> referencedColumns, String onDelete, String onUpdate) {
    }

    /** A constraint: type {@code p}, {@code u}, {@code c}, {@code f} or {@code x}; definition from pg_get_constraintdef. */
    public record Constraint(String name, String table, String type, String definition) {
    }

    /** A row-level security policy. */
    public record Policy(String name, String table, String command, List<String> roles, String using, String withCheck, boolean permissive) {
    }

    /** Base and partitioned tables (partitions included), sorted. */
    public List<String> tables() throws SQLException {
        return db.column("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('r', 'p') AND c.relname <> ? ORDER BY 1", schema, HISTORY);
    }

    /** Tables as information_schema lists them with table_type 'BASE TABLE'. */
    public List<String> baseTables() throws SQLException {
        return db.column("SELECT table_name::text FROM information_schema.tables WHERE table_schema = ? AND table_type = 'BASE TABLE' "
                + "AND table_name <> ? ORDER BY 1", schema, HISTORY);
    }

    public List<String> views() throws SQLException {
        return db.column("SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relkind IN ('v', 'm') ORDER BY 1", schema);
    }

    public List<Column> columns(String table) throws SQLException {
        return db.query("SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, NOT a.attnotnull AS nullable, "
                + "pg_get_expr(d.adbin, d.adrelid) AS def FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE n.nspname = ? AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum", schema, table)
                .stream().map(r -> new Column((String) r.get("name"), (String) r.get("type"), (Boolean) r.get("nullable"), (String) r.get("def")))
                .toList();
    }

    public Optional<Column> column(String table, String column) throws SQLException {
        return columns(table).stream().filter(c -> c.name().equals(column)).findFirst();
    }

    /** Foreign keys declared on {@code table} (null: on every table of the schema), sorted by name. */
    public List<ForeignKey> foreignKeys(String table) throws SQLException {
        String sql = """
                SELECT k.conname, c.relname AS tbl,
                       ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.n ORDER BY u.o)::text[] AS cols,
                       rn.nspname AS rschema, r.relname AS rtable,
                       ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(n, o) JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.n ORDER BY u.o)::text[] AS rcols,
                       k.confdeltype, k.confupdtype
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                JOIN pg_class r ON r.oid = k.confrelid JOIN pg_namespace rn ON rn.oid = r.relnamespace
                WHERE k.contype = 'f' AND n.nspname = ? AND (?::text IS NULL OR c.relname = ?) AND k.conparentid = 0
                ORDER BY k.conname
                """;
        return db.query(sql, schema, table, table).stream().map(r -> new ForeignKey((String) r.get("conname"), (String) r.get("tbl"),
                textArray(r.get("cols")), (String) r.get("rschema"), (String) r.get("rtable"), textArray(r.get("rcols")),
                action(r.get("confdeltype")), action(r.get("confupdtype")))).toList();
    }

    public Optional<ForeignKey> foreignKey(String name) throws SQLException {
        return foreignKeys(null).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Constraints on {@code table} (null: every table), sorted by name. */
    public List<Constraint> constraints(String table) throws SQLException {
        return db.query("SELECT k.conname, c.relname, k.contype::text AS t, pg_get_constraintdef(k.oid) AS def FROM pg_constraint k "
                + "JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND (?::text IS NULL OR c.relname = ?) AND c.relname <> ? ORDER BY 1", schema, table, table, HISTORY)
                .stream().map(r -> new Constraint((String) r.get("conname"), (String) r.get("relname"), (String) r.get("t"), (String) r.get("def")))
                .toList();
    }

    /** Index name -> pg_get_indexdef for {@code table} (null: every table of the schema). */
    public Map<String, String> indexes(String table) throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map<String, Object> r : db.query("SELECT ic.relname, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i "
                + "JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid JOIN pg_namespace n ON n.oid = ic.relnamespace "
                + "WHERE n.nspname = ? AND (?::text IS NULL OR tc.relname = ?) AND tc.relname <> ? ORDER BY 1", schema, table, table, HISTORY)) {
            out.put((String) r.get("relname"), (String) r.get("def"));
        }
        return out;
    }

    /** Labels of enum {@code type}, in declaration order. */
    public List<String> enumLabels(String type) throws SQLException {
        return db.column("SELECT e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid JOIN pg_namespace n ON n.oid = t.typnamespace "
                + "WHERE n.nspname = ? AND t.typname = ? ORDER BY e.enumsortorder", schema, type);
    }

    public List<String> enums() throws SQLException {
        return db.column("SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = ? AND t.typtype = 'e' ORDER BY 1", schema);
    }

    /** User triggers on {@code table}, sorted. */
    public List<String> triggers(String table) throws SQLException {
        return db.column("SELECT t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ? AND NOT t.tgisinternal ORDER BY 1", schema, table);
    }

    /** Functions of the schema as {@code name(argtypes)}, extension members excluded, sorted. */
    public List<String> functions() throws SQLException {
        return db.column("SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' FROM pg_proc p "
                + "JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ? AND NOT EXISTS (SELECT 1 FROM pg_depend d "
                + "WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') ORDER BY 1", schema);
    }

    /** Functions of the schema whose configuration does not set search_path (should be none). */
    public List<String> functionsWithoutPinnedSearchPath() throws SQLException {
        return db.column("SELECT p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                + "WHERE n.nspname = ? AND NOT coalesce(array_to_string(p.proconfig, ',') LIKE '%search_path=%', false) "
                + "AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e') ORDER BY 1", schema);
    }

    public boolean rowLevelSecurity(String table) throws SQLException {
        return Boolean.TRUE.equals(db.scalar("SELECT c.relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ?", schema, table));
    }

    public List<Policy> policies(String table) throws SQLException {
        return db.query("SELECT policyname, tablename, cmd, roles::text[] AS roles, qual, with_check, permissive = 'PERMISSIVE' AS perm "
                + "FROM pg_policies WHERE schemaname = ? AND (?::text IS NULL OR tablename = ?) ORDER BY tablename, policyname", schema, table, table)
                .stream().map(r -> new Policy((String) r.get("policyname"), (String) r.get("tablename"), (String) r.get("cmd"), textArray(r.get("roles")),
                        (String) r.get("qual"), (String) r.get("with_check"), (Boolean) r.get("perm"))).toList();
    }

    public Optional<String> tableComment(String table) throws SQLException {
        return Optional.ofNullable((String) db.scalar("SELECT obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "WHERE n.nspname = ? AND c.relname = ?", schema, table));
    }

    public Optional<String> columnComment(String table, String column) throws SQLException {
        return Optional.ofNullable((String) db.scalar("SELECT col_description(c.oid, a.attnum) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                + "JOIN pg_attribute a ON a.attrelid = c.oid WHERE n.nspname = ? AND c.relname = ? AND a.attname = ?", schema, table, column));
    }

    /** Objects of any kind left in the schema besides the history table (empty after "undo all"). */
    public List<String> remainingObjects() throws SQLException {
        return db.column("""
                SELECT 'relation ' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE n.nspname = ? AND c.relname NOT IN ('flyway_schema_history', 'flyway_schema_history_pk', 'flyway_schema_history_s_idx')
                UNION ALL
                SELECT 'function ' || p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = ?
                UNION ALL
                SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                 WHERE n.nspname = ? AND t.typtype IN ('e', 'd', 'c', 'r', 'm') AND t.typrelid = 0
                ORDER BY 1
                """, schema, schema, schema);
    }

    private static List<String> textArray(Object array) {
        try {
            return array == null ? List.of() : List.of((String[]) ((java.sql.Array) array).getArray());
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String action(Object code) {
        String c = String.valueOf(code);
        return switch (c) {
            case "c" -> "CASCADE";
            case "n" -> "SET NULL";
            case "d" -> "SET DEFAULT";
            case "r" -> "RESTRICT";
            default -> "NO ACTION";
        };
    }
}
