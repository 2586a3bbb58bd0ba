package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.ModuleDescriptor;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Serves a module's scripts to Flyway from the module's own jar through {@link Resources}, for modules
 * whose jar Flyway's class-path scanner cannot open itself (nested in a Spring Boot executable jar,
 * {@code jar:nested:} URLs) and for jars with an index (listed from it, not by walking the jar). Scripts are named relative to their location, as Flyway's own scanner names
 * them, so history rows and checksums are the same either way.
 */
final class ModuleResourceProvider implements ResourceProvider {

    private final ModuleDescriptor module;
    private final List<String> locations;
    /**
     * Each location's file names, listed once per provider (one Flyway instance): Flyway asks for every script's
     * {@code .sql.conf} by name, and listing the location for each ask made resolving a module of N scripts take N listings.
     */
    private final Map<String, Set<String>> listed = new HashMap<>();

    /**
     * Each location's SQL scripts of at most {@link #READ_AHEAD_MAX_BYTES}, read on the first ask for one of them in one
     * opening of the module's jar ({@link Resources#readAll}): Flyway reads every script for its checksum, one at a time.
     */
    private final Map<String, Map<String, String>> readAhead = new HashMap<>();

    /** The largest script read ahead; a larger one is read when Flyway asks for it, so a location's large seeds are never all in memory at once. */
    static final long READ_AHEAD_MAX_BYTES = 256 * 1024;

    /**
     * With {@code only} set: the one versioned migration script Flyway may see (every other file is kept); set to
     * {@link #NONE}, Flyway sees no script at all.
     */
    private final String only;
    private static final String NONE = "";

    ModuleResourceProvider(ModuleDescriptor module, List<String> locations) {
        this(module, locations, null);
    }

    private ModuleResourceProvider(ModuleDescriptor module, List<String> locations, String only) {
        this.module = module;
        this.locations = List.copyOf(locations);
        this.only = only;
    }

    /**
     * This provider with {@code script} as the only versioned migration: a Flyway instance that is to apply that one
     * migration then resolves and sorts one script, not all of the module's.
     */
    ModuleResourceProvider onlyMigration(String script) {
        return new ModuleResourceProvider(module, locations, script);
    }

    /** This provider without any script: a Flyway instance that is to create the module's schemas and history table only. */
    ModuleResourceProvider noScripts() {
        return new ModuleResourceProvider(module, locations, NONE);
    }

    /**
     * Whether Flyway should get its scripts from this provider for {@code module}: its files are not a plain jar
     * or directory on disk, or they are in a jar with an index (then Flyway's own scanner would walk every entry
     * of the jar, once per location and command).
     */
    static boolean needed(ModuleDescriptor module) {
        String origin = module.origin();
        return !origin.startsWith("file:") && !"code".equals(origin) || Resources.indexed(module);
    }

    @Override
    public LoadableResource getResource(String name) {
        for (String location : locations) {
            if (names(location).contains(name)) {
                return resource(location, name);
            }
        }
        return null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        for (String location : locations) {
            for (String name : names(location)) {
                if (name.startsWith(prefix) && endsWithAny(name, suffixes)) {
                    found.add(resource(location, name));
                }
            }
        }
        return found;
    }

    /** The file names directly under {@code location}, sorted, listed on first use. */
    private synchronized Set<String> names(String location) {
        return listed.computeIfAbsent(location, l -> {
            Set<String> names = new LinkedHashSet<>(Resources.list(module, l));
            if (NONE.equals(only)) {
                names.removeIf(n -> n.endsWith(".sql"));
            } else if (only != null) {
                names.removeIf(n -> !n.equals(only) && ScriptName.parse(n).filter(s -> s.prefix() == 'V').isPresent());
            }
            return names;
        });
    }

    /** The text of {@code name} at {@code location}: read ahead with the location's other scripts, or alone. */
    private synchronized String text(String location, String name) {
        if (name.endsWith(".sql")) {
            String text = readAhead.computeIfAbsent(location, l -> Resources.readAll(module, l,
                    names(l).stream().filter(n -> n.endsWith(".sql")).toList(), READ_AHEAD_MAX_BYTES)).get(name);
            if (text != null) {
                return text;
            }
        }
        return Resources.read(module, location, name);
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        for (String s : suffixes) {
            if (name.endsWith(s)) {
                return true;
            }
        }
        return false;
    }

    private LoadableResource resource(String location, String name) {
        return new LoadableResource() {
            @Override
            public Reader read() {
                return new StringReader(text(location, name));
            }

            @Override
            public String getAbsolutePath() {
                return location + "/" + name;
            }

            @Override
            public String getAbsolutePathOnDisk() {
                return module.origin() + location + "/" + name;
            }

            @Override
            public String getFilename() {
                return name;
            }

            @Override
            public String getRelativePath() {
                return name;
            }
        };
    }
}
