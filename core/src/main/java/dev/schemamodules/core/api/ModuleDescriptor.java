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
 *
 * <p>Over 250 lines because it is a public API type documented member by member, with its validating builder;
 * the logic itself is small.
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

    /**
     * Starts a descriptor in code (test fixtures and tools); modules themselves load theirs from
     * {@code module.properties}.
     *
     * @param name the module's name (see {@link #NAME})
     * @return a builder with version {@code 0}, no schemas and no requirements
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** {@return the module's name, e.g. {@code therapy}} */
    public String name() {
        return name;
    }

    /** {@return the release version of the module artifact (e.g. {@code 1.2.0}); not the schema version} */
    public String version() {
        return version;
    }

    /** {@return one line saying what the module holds (empty when not given)} */
    public String description() {
        return description;
    }

    /** {@return the default names of the schemas this module owns; the first is the primary schema} */
    public List<String> schemas() {
        return schemas;
    }

    /** {@return the default name of the primary schema, which holds the module's history table} */
    public String primarySchema() {
        return schemas.get(0);
    }

    /** {@return the modules this one requires, each with an optional minimum schema version} */
    public List<Requirement> requires() {
        return requires;
    }

    /** {@return the class loader that serves this module's scripts ({@code db/<name>/...})} */
    public ClassLoader classLoader() {
        return classLoader;
    }

    /** {@return where the module was loaded from (jar path or class path entry), for messages} */
    public String origin() {
        return origin;
    }

    /** {@return the module-API level the module was built for ({@code api-level}; 1 when absent)} See {@link SchemaModule#API_LEVEL}. */
    public int apiLevel() {
        return apiLevel;
    }

    /** {@return the class path folder of the module's files, {@code db/<name>}} */
    public String resourceRoot() {
        return "db/" + name;
    }

    /** {@return the class path folder of the forward migrations, {@code db/<name>/migration}} */
    public String migrationLocation() {
        return resourceRoot() + "/migration";
    }

    /** {@return the class path folder of the undo scripts, {@code db/<name>/undo}} */
    public String undoLocation() {
        return resourceRoot() + "/undo";
    }

    /** {@return the class path folder of the verify scripts, {@code db/<name>/verify}} */
    public String verifyLocation() {
        return resourceRoot() + "/verify";
    }

    /**
     * Optional progress queries: {@code progress/V<n>__<description>.sql}, one {@code SELECT done, total} that
     * the engine runs from a connection of its own while migration {@code V<n>} runs (rows copied of rows to
     * copy, for a data migration that commits in batches). Not part of a release: they build nothing.
     *
     * @return {@code db/<name>/progress}
     */
    public String progressLocation() {
        return resourceRoot() + "/progress";
    }

    /**
     * The class path folder of one environment's seed scripts.
     *
     * @param environment {@code common}, or an environment such as {@code dev}
     * @return {@code db/<name>/seed/<environment>}
     */
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

        /**
         * Sets the release version.
         *
         * @param version e.g. {@code 1.2.0}
         * @return this builder
         */
        public Builder version(String version) {
            this.version = Objects.requireNonNull(version);
            return this;
        }

        /**
         * Sets the one-line description.
         *
         * @param description what the module holds
         * @return this builder
         */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description);
            return this;
        }

        /**
         * Sets the schemas the module owns.
         *
         * @param schemas default schema names; the first is the primary schema
         * @return this builder
         */
        public Builder schemas(String... schemas) {
            this.schemas = List.of(schemas);
            return this;
        }

        /**
         * Sets the schemas the module owns.
         *
         * @param schemas default schema names; the first is the primary schema
         * @return this builder
         */
        public Builder schemas(List<String> schemas) {
            this.schemas = List.copyOf(schemas);
            return this;
        }

        /**
         * Sets the modules this one requires.
         *
         * @param requires the requirements
         * @return this builder
         */
        public Builder requires(Requirement... requires) {
            this.requires = List.of(requires);
            return this;
        }

        /**
         * Sets the modules this one requires.
         *
         * @param requires the requirements
         * @return this builder
         */
        public Builder requires(List<Requirement> requires) {
            this.requires = List.copyOf(requires);
            return this;
        }

        /**
         * Sets the class loader that serves the module's scripts (default: the one that loaded this class).
         *
         * @param classLoader the loader
         * @return this builder
         */
        public Builder classLoader(ClassLoader classLoader) {
            this.classLoader = Objects.requireNonNull(classLoader);
            return this;
        }

        /**
         * Sets the module-API level the module needs.
         *
         * @param apiLevel 1 or more
         * @return this builder
         * @throws PlanException when the level is below 1
         */
        public Builder apiLevel(int apiLevel) {
            if (apiLevel < 1) {
                throw new PlanException("module " + name + ": api-level " + apiLevel + " is invalid (1 or more)");
            }
            this.apiLevel = apiLevel;
            return this;
        }

        /**
         * Sets where the module came from, for messages (default {@code code}).
         *
         * @param origin a jar path, a class path entry or a word
         * @return this builder
         */
        public Builder origin(String origin) {
            this.origin = Objects.requireNonNull(origin);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the descriptor
         * @throws PlanException naming module and value when a name, schema or requirement is invalid
         */
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
