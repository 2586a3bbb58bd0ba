package dev.schemamodules.runner.support;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.SchemaModule;
import dev.schemamodules.core.api.Version;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Loads module jars released on their own from a directory. Each jar gets a class loader of its own
 * that sees the runner's classes (core, Flyway, the driver) but only its own {@code db/} scripts, so a
 * newer {@code therapy-schema} jar replaces the built-in one cleanly. The newer version wins, with a
 * warning naming both.
 */
public final class ModulesDirectory {

    private ModulesDirectory() {
    }

    public static ModuleRegistry load(Path directory, ClassLoader parent, Console console) {
        if (!Files.isDirectory(directory)) {
            throw new ConfigurationException("--modules-dir " + directory + " is not a directory");
        }
        Map<String, ModuleDescriptor> byName = new LinkedHashMap<>();
        for (ModuleDescriptor builtIn : ModuleRegistry.discover(parent).all()) {
            byName.put(builtIn.name(), builtIn);
        }
        List<Path> jars;
        try (Stream<Path> s = Files.list(directory)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new ConfigurationException("--modules-dir " + directory + ": " + e.getMessage());
        }
        Map<String, ModuleDescriptor> fromDir = new LinkedHashMap<>();
        for (Path jar : jars) {
            for (ModuleDescriptor d : modulesIn(jar, parent)) {
                ModuleDescriptor twin = fromDir.put(d.name(), d);
                if (twin != null) {
                    throw new dev.schemamodules.core.api.PlanException("duplicate module name '" + d.name() + "' in --modules-dir " + directory + ": " + twin.origin() + " and " + d.origin());
                }
            }
        }
        for (ModuleDescriptor d : fromDir.values()) {
            ModuleDescriptor builtIn = byName.get(d.name());
            if (builtIn == null) {
                console.info("module " + d.name() + " " + d.version() + " loaded from " + d.origin());
                byName.put(d.name(), d);
            } else if (compare(d.version(), builtIn.version()) > 0) {
                console.warn("module " + d.name() + ": using " + d.version() + " from " + d.origin() + " instead of the built-in " + builtIn.version());
                byName.put(d.name(), d);
            } else {
                console.warn("module " + d.name() + ": ignoring " + d.version() + " from " + d.origin() + "; the built-in " + builtIn.version() + " is not older");
            }
        }
        return ModuleRegistry.of(new ArrayList<>(byName.values()));
    }

    /** The schema modules a jar declares (ServiceLoader), each loaded by a class loader of its own jar. */
    static List<ModuleDescriptor> modulesIn(Path jar, ClassLoader parent) {
        OwnScriptsClassLoader loader;
        try {
            loader = new OwnScriptsClassLoader(jar.toUri().toURL(), parent);
        } catch (MalformedURLException e) {
            throw new ConfigurationException("--modules-dir: " + jar + ": " + e.getMessage());
        }
        List<ModuleDescriptor> found = new ArrayList<>();
        ServiceLoader.load(SchemaModule.class, loader).stream()
                .filter(p -> p.type().getClassLoader() == loader)
                .forEach(p -> found.add(p.get().descriptor()));
        return found;
    }

    /** Release versions compared numerically, a -SNAPSHOT (or other qualifier) below its release. */
    static int compare(String a, String b) {
        int byNumber = Version.parse(numeric(a)).compareTo(Version.parse(numeric(b)));
        if (byNumber != 0) {
            return byNumber;
        }
        return Boolean.compare(!a.contains("-"), !b.contains("-"));
    }

    private static String numeric(String v) {
        String n = v.split("-", 2)[0].replaceAll("[^0-9.]", "");
        return n.isEmpty() ? "0" : n;
    }

    /**
     * Loads the jar's own classes itself (so its module class is its own, even when the runner carries an
     * older build of the same class) and everything else from the runner; serves {@code db/} resources
     * from its own jar only.
     */
    static final class OwnScriptsClassLoader extends URLClassLoader {

        OwnScriptsClassLoader(URL jar, ClassLoader parent) {
            super(new URL[] {jar}, parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null && findResource(name.replace('.', '/') + ".class") != null) {
                    c = findClass(name);
                }
                if (c == null) {
                    return super.loadClass(name, resolve);
                }
                if (resolve) {
                    resolveClass(c);
                }
                return c;
            }
        }

        @Override
        public URL getResource(String name) {
            return name.startsWith("db/") ? findResource(name) : super.getResource(name);
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.startsWith("db/") ? findResources(name) : super.getResources(name);
        }
    }
}
