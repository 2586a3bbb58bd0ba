package dev.schemamodules.core.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a schema module is: its name, release version, the PostgreSQL schemas it owns (default names,
 * overridable at deploy time; the first is its primary schema, which holds its history table), the
 * modules it requires, and where its scripts live on the class path.
 *
 * <p>Resource layout, identical in every module:
 * <pre>
 * db/&lt;name&gt;/module.properties             this descriptor, as data
 * db/&lt;name&gt;/migration/V&lt;n&gt;__&lt;verb&gt;_&lt;object&gt;.sql   forward migrations (Flyway)
 * db/&lt;name&gt;/undo/U&lt;n&gt;__&lt;verb&gt;_&lt;object&gt;.sql        reverts V&lt;n&gt; (run by this project, not Flyway)
 * db/&lt;name&gt;/verify/V&lt;n&gt;__&lt;verb&gt;_&lt;object&gt;.sql      raises when V&lt;n&gt; is not in effect
 * db/&lt;name&gt;/seed/&lt;environment&gt;/R__&lt;name&gt;.sql     idempotent seed data (common, dev, ...)
 * </pre>
 */
public final class ModuleDescriptor {

    /** Module names: lower case, digits, '-' and '_' (they end up in resource paths and messages). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,62}");
    /** Schema names: unquoted PostgreSQL identifiers, so scripts never need quoting. */
    public static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String name;
    private final String version;
    private final String description;
    private final List<String> schemas;
    private final List<Requirement> requires;
    private final ClassLoader classLoader;
    private final String origin;
    private final int apiLevel;

    private ModuleDescriptor(Builder b) {
        this.name = b.name;
        this.version = b.version;
        this.description = b.description;
        this.schemas = List.copyOf(b.schemas);
        this.requires = List.copyOf(b.requires);
        this.classLoader = b.classLoader;
        this.origin = b.origin;
        this.apiLevel = b.apiLevel;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    /** Release version of the module artifact (e.g. {@code 1.2.0}); not the schema version. */
    public String version() {
        return version;
    }

    public String description() {
        return description;
    }

    /** Default names of the schemas this module owns; the first is the primary schema. */
    public List<String> schemas() {
        return schemas;
    }

    public String primarySchema() {
        return schemas.get(0);
    }

    public List<Requirement> requires() {
        return requires;
    }

    public ClassLoader classLoader() {
        return classLoader;
    }

    /** Where the module was loaded from (jar path or class path entry), for messages. */
    public String origin() {
        return origin;
    }

    /** The module-API level the module was built for ({@code api-level}; 1 when absent). See {@link SchemaModule#API_LEVEL}. */
    public int apiLevel() {
        return apiLevel;
    }

    public String resourceRoot() {
        return "db/" + name;
    }

    public String migrationLocation() {
        return resourceRoot() + "/migration";
    }

    public String undoLocation() {
        return resourceRoot() + "/undo";
    }

    public String verifyLocation() {
        return resourceRoot() + "/verify";
    }

    /**
     * Optional progress queries: {@code progress/V<n>__<description>.sql}, one {@code SELECT done, total} that
     * the engine runs from a connection of its own while migration {@code V<n>} runs (rows copied of rows to
     * copy, for a data migration that commits in batches). Not part of a release: they build nothing.
     */
    public String progressLocation() {
        return resourceRoot() + "/progress";
    }

    public String seedLocation(String environment) {
        return resourceRoot() + "/seed/" + environment;
    }

    @Override
    public String toString() {
        return name + " " + version;
    }

    /** Builds descriptors in code (test fixtures); modules themselves use {@code ModuleDescriptors.load}. */
    public static final class Builder {
        private final String name;
        private String version = "0";
        private String description = "";
        private List<String> schemas = List.of();
        private List<Requirement> requires = List.of();
        private ClassLoader classLoader = ModuleDescriptor.class.getClassLoader();
        private String origin = "code";
        private int apiLevel = 1;

        private Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        public Builder version(String version) {
            this.version = Objects.requireNonNull(version);
            return this;
        }

        public Builder description(String description) {
            this.description = Objects.requireNonNull(description);
            return this;
        }

        public Builder schemas(String... schemas) {
            this.schemas = List.of(schemas);
            return this;
        }

        public Builder schemas(List<String> schemas) {
            this.schemas = List.copyOf(schemas);
            return this;
        }

        public Builder requires(Requirement... requires) {
            this.requires = List.of(requires);
            return this;
        }

        public Builder requires(List<Requirement> requires) {
            this.requires = List.copyOf(requires);
            return this;
        }

        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader);
            return this;
        }

        /** The module-API level the module needs (1 or more). */
        public Builder apiLevel(int apiLevel) {
            if (apiLevel < 1) {
                throw new PlanException("module " + name + ": api-level " + apiLevel + " is invalid (1 or more)");
            }
            this.apiLevel = apiLevel;
            return this;
        }

        public Builder origin(String origin) {
            this.origin = Objects.requireNonNull(origin);
            return this;
        }

        /** Validates and builds; an invalid value is a {@link PlanException} naming module and value. */
        public ModuleDescriptor build() {
            if (!NAME.matcher(name).matches()) {
                throw new PlanException("module name '" + name + "' is invalid: use lower-case letters, digits, '-' or '_' (pattern " + NAME + ")");
            }
            if (schemas.isEmpty()) {
                throw new PlanException("module " + name + " owns no schema: set schemas=... in " + "db/" + name + "/module.properties");
            }
            for (String schema : schemas) {
                if (!SCHEMA.matcher(schema).matches()) {
                    throw new PlanException("module " + name + ": schema name '" + schema + "' is invalid (pattern " + SCHEMA + ")");
                }
            }
            if (schemas.stream().distinct().count() != schemas.size()) {
                throw new PlanException("module " + name + " lists a schema twice: " + schemas);
            }
            for (Requirement r : requires) {
                if (r.module().equals(name)) {
                    throw new PlanException("module " + name + " requires itself");
                }
            }
            return new ModuleDescriptor(this);
        }
    }
}
