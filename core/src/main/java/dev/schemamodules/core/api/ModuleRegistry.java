package dev.schemamodules.core.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The modules available to a run, found with {@link ServiceLoader}; names are unique. */
public final class ModuleRegistry {

    private final Map<String, ModuleDescriptor> modules;

    private ModuleRegistry(Map<String, ModuleDescriptor> modules) {
        this.modules = Collections.unmodifiableMap(modules);
    }

    /**
     * Every {@link SchemaModule} visible to a class loader.
     *
     * @param loader where {@link ServiceLoader} looks
     * @return the registry
     * @throws PlanException when two modules have one name
     */
    public static ModuleRegistry discover(ClassLoader loader) {
        List<ModuleDescriptor> found = new ArrayList<>();
        for (SchemaModule module : ServiceLoader.load(SchemaModule.class, loader)) {
            found.add(module.descriptor());
        }
        return of(found);
    }

    /**
     * A registry of exactly these descriptors.
     *
     * @param descriptors the modules
     * @return the registry
     * @throws PlanException when two modules have one name
     */
    public static ModuleRegistry of(Collection<ModuleDescriptor> descriptors) {
        Map<String, ModuleDescriptor> byName = new TreeMap<>();
        for (ModuleDescriptor d : descriptors) {
            ModuleDescriptor previous = byName.putIfAbsent(d.name(), d);
            if (previous != null) {
                throw new PlanException("duplicate module name '" + d.name() + "': " + previous.origin() + " (" + previous.version()
                        + ") and " + d.origin() + " (" + d.version() + "); each module must be on the class path once");
            }
        }
        return new ModuleRegistry(byName);
    }

    /**
     * One module by name.
     *
     * @param name the module's name
     * @return its descriptor (empty: no such module)
     */
    public Optional<ModuleDescriptor> find(String name) {
        return Optional.ofNullable(modules.get(name));
    }

    /** {@return all modules, sorted by name} */
    public Collection<ModuleDescriptor> all() {
        return modules.values();
    }

    /** {@return the modules' names, sorted} */
    public List<String> names() {
        return List.copyOf(modules.keySet());
    }
}
