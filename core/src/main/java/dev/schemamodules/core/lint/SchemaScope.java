package dev.schemamodules.core.lint;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.api.SchemaModulesException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The schemas a module's scripts may name (rule SM014), from the module descriptors: the module's own
 * ({@code schemas=}), those of the modules it {@code requires=}, and the system schemas
 * ({@link #SYSTEM}); plus the owner of every other known module's schema, to name it in a finding.
 * Names are the descriptors' default schema names, as the scripts' {@code ${schema.<name>}} placeholders
 * use them.
 *
 * @param module     the linted module
 * @param own        its schemas
 * @param required   schema -> module, for the modules it requires
 * @param others     schema -> module, for every other known module
 * @param unresolved required modules the registry does not know (their schemas cannot be told apart
 *                   from an unknown schema, so unknown schemas are then not reported)
 */
record SchemaScope(String module, List<String> own, Map<String, String> required, Map<String, String> others, List<String> unresolved) {

    /** Schemas every module may name: PostgreSQL's own, and {@code public} (no module owns it). */
    static final Set<String> SYSTEM = Set.of("pg_catalog", "information_schema", "pg_temp", "pg_toast", "public");

    /** The scope of {@code module} among the modules of {@code registry}. */
    static SchemaScope of(ModuleDescriptor module, ModuleRegistry registry) {
        Map<String, String> required = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (Requirement r : module.requires()) {
            Optional<ModuleDescriptor> dep = registry.find(r.module());
            if (dep.isPresent()) {
                dep.get().schemas().forEach(s -> required.putIfAbsent(s, r.module()));
            } else {
                unresolved.add(r.module());
            }
        }
        Map<String, String> others = new LinkedHashMap<>();
        for (ModuleDescriptor m : registry.all()) {
            if (!m.name().equals(module.name())) {
                m.schemas().stream().filter(s -> !module.schemas().contains(s) && !required.containsKey(s)).forEach(s -> others.putIfAbsent(s, m.name()));
            }
        }
        return new SchemaScope(module.name(), module.schemas(), required, others, unresolved);
    }

    /**
     * The scope of {@code module} among the modules its own class loader sees (in a build: the module and
     * its dependencies); only the module itself when discovery fails.
     */
    static SchemaScope of(ModuleDescriptor module) {
        ModuleRegistry registry;
        try {
            registry = ModuleRegistry.discover(module.classLoader());
            if (registry.find(module.name()).isEmpty()) {
                List<ModuleDescriptor> all = new ArrayList<>(registry.all());
                all.add(module);
                registry = ModuleRegistry.of(all);
            }
        } catch (SchemaModulesException e) {
            registry = ModuleRegistry.of(List.of(module));
        }
        return of(module, registry);
    }

    /** Whether the module may name {@code schema} (lower case, or as quoted). */
    boolean allowed(String schema) {
        return SYSTEM.contains(schema) || own.contains(schema) || required.containsKey(schema);
    }

    /** The other module that owns {@code schema}, if a known module does. */
    Optional<String> owner(String schema) {
        return Optional.ofNullable(others.get(schema));
    }

    /** Whether every required module is known, so that a schema no known module owns is surely foreign. */
    boolean complete() {
        return unresolved.isEmpty();
    }

    /** The fix to name in a finding. */
    String declare(String owner) {
        return "add " + owner + ">=<the version that provides what is used> to requires= in db/" + module + "/module.properties"
                + (required.isEmpty() && unresolved.isEmpty() ? "" : " (requires today: " + requiredModules() + ")");
    }

    /** The required modules, comma-separated, or {@code none}. */
    String requiredModules() {
        List<String> names = new ArrayList<>(new java.util.LinkedHashSet<>(required.values()));
        names.addAll(unresolved);
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
