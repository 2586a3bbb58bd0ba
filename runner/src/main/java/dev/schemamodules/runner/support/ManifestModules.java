package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.SchemaModule;
import dev.schemamodules.runner.RunnerEnvironment;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * The modules of a {@code --manifest} run: exactly the pinned releases, resolved and checksum-verified
 * by {@link ManifestResolver}, each jar loaded with a class loader of its own (as {@code --modules-dir}
 * jars are), plus the modules that are part of the runner's own core ({@code platform}): core is the
 * engine, so a manifest that pins {@code schema-modules-core} must pin the release this runner carries.
 */
final class ManifestModules {

    /** Classes that only a core jar contains. */
    private static final String CORE_MARKER = SchemaModule.class.getName().replace('.', '/') + ".class";
    private static final String CORE_PACKAGE = "dev.schemamodules.core.";

    private ManifestModules() {
    }

    static ModuleCatalog.Loaded load(ModuleOptions options, RunnerEnvironment env, ClassLoader loader, Console console) {
        DeployManifest manifest = DeployManifest.read(env.workingDirectory().resolve(options.manifest()));
        Path cache = options.cache() != null ? env.workingDirectory().resolve(options.cache()) : ManifestResolver.defaultCache(env.variables());
        List<ManifestResolver.ResolvedArtifact> resolved = ManifestResolver.resolve(manifest, cache, env.variables(), console);

        Map<String, ModuleDescriptor> byName = new LinkedHashMap<>();
        Map<String, ModuleSource> sources = new LinkedHashMap<>();
        List<ModuleDescriptor> engineModules = engineModules(loader);
        for (ModuleDescriptor d : engineModules) {
            byName.put(d.name(), d);
            sources.put(d.name(), new ModuleSource(ModuleSource.BUILT_IN, "runner " + RunnerVersion.get(), null));
        }
        for (ManifestResolver.ResolvedArtifact a : resolved) {
            ModuleSource source = new ModuleSource(ModuleSource.MANIFEST, a.pin().artifact(), a.pin().sha256());
            if (isCore(a.jar())) {
                // the engine itself: its modules are the runner's, so the pin must name the core this runner is built on
                for (ModuleDescriptor d : engineModules) {
                    if (!d.version().equals(a.pin().version())) {
                        throw new PlanException("--manifest " + manifest.file() + " pins " + a.pin().artifact() + ", but this runner is built on core "
                                + d.version() + " (module " + d.name() + " is part of core): use the runner release built on core " + a.pin().version()
                                + ", or pin core " + d.version());
                    }
                    sources.put(d.name(), source);
                }
                continue;
            }
            List<ModuleDescriptor> found = ModulesDirectory.modulesIn(a.jar(), loader);
            if (found.isEmpty()) {
                throw new PlanException("--manifest " + manifest.file() + ": " + a.pin().artifact() + " contains no schema module (no META-INF/services/"
                        + SchemaModule.class.getName() + " entry)");
            }
            for (ModuleDescriptor d : found) {
                if (engineModules.stream().anyMatch(e -> e.name().equals(d.name()))) {
                    throw new PlanException("--manifest " + manifest.file() + ": " + a.pin().artifact() + " contains module " + d.name()
                            + ", which is part of the runner's core; pin dev.schemamodules:schema-modules-core instead");
                }
                if (!d.version().equals(a.pin().version())) {
                    throw new PlanException("--manifest " + manifest.file() + ": " + a.pin().artifact() + " contains module " + d.name() + " " + d.version()
                            + " (its module.properties), not " + a.pin().version());
                }
                ModuleDescriptor twin = byName.put(d.name(), d);
                if (twin != null) {
                    throw new PlanException("--manifest " + manifest.file() + ": module " + d.name() + " is in two pinned artifacts: "
                            + sources.get(d.name()).location() + " and " + a.pin().artifact());
                }
                sources.put(d.name(), source);
                console.info("module " + d.name() + " " + d.version() + " from " + a.pin().artifact());
            }
        }
        return new ModuleCatalog.Loaded(ModuleRegistry.of(new ArrayList<>(byName.values())), sources);
    }

    /** The modules the runner's core itself ships (platform): always available, at the runner's core release. */
    private static List<ModuleDescriptor> engineModules(ClassLoader loader) {
        List<ModuleDescriptor> engine = new ArrayList<>();
        ServiceLoader.load(SchemaModule.class, loader).stream()
                .filter(p -> p.type().getName().startsWith(CORE_PACKAGE))
                .forEach(p -> engine.add(p.get().descriptor()));
        return engine;
    }

    private static boolean isCore(Path jar) {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getEntry(CORE_MARKER) != null;
        } catch (IOException e) {
            throw new PlanException(jar + " is not a readable jar: " + e.getMessage());
        }
    }
}
