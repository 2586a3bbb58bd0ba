package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.Requirement;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses {@code db/<module>/module.properties}:
 * <pre>
 * name=messaging
 * version=1.0.0                      (filled in by the build from the artifact version)
 * description=Language-learning chat
 * schemas=messaging                  (comma separated; the first is the primary schema)
 * requires=platform&gt;=2              (comma separated module&gt;=schemaVersion; empty for none)
 * api-level=1                        (module-API level it was built for, filled in by the build; absent = 1)
 * </pre>
 */
public final class DescriptorParser {

    private static final Pattern REQUIREMENT = Pattern.compile("\\s*([a-z][a-z0-9_-]*)\\s*>=\\s*([0-9]+(?:[._][0-9]+)*)\\s*");

    private DescriptorParser() {
    }

    public static ModuleDescriptor load(Class<?> anchor, String name) {
        ClassLoader loader = anchor.getClassLoader();
        String path = "db/" + name + "/module.properties";
        URL url = Resources.findOwn(anchor, path);
        if (url == null) {
            throw new PlanException("module " + name + ": " + path + " not found next to " + anchor.getName());
        }
        Properties p = new Properties();
        try (InputStream in = url.openStream(); Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new PlanException("module " + name + ": cannot read " + url + ": " + e.getMessage());
        }
        return parse(p, path, loader, Resources.originOf(anchor)).build();
    }

    static ModuleDescriptor.Builder parse(Properties p, String file, ClassLoader loader, String origin) {
        String name = required(p, "name", file);
        String version = p.getProperty("version", "0").trim();
        if (version.contains("${")) {
            throw new PlanException(file + ": version '" + version + "' was not filled in by the build (resource filtering)");
        }
        List<String> schemas = split(required(p, "schemas", file));
        List<Requirement> requires = new ArrayList<>();
        for (String req : split(p.getProperty("requires", ""))) {
            Matcher m = REQUIREMENT.matcher(req);
            if (!m.matches()) {
                throw new PlanException(file + ": requires entry '" + req + "' is not of the form module>=version (e.g. platform>=2)");
            }
            requires.add(Requirement.of(m.group(1), m.group(2)));
        }
        String level = p.getProperty("api-level", "1").trim();
        if (!level.matches("[1-9][0-9]{0,5}")) {
            throw new PlanException(file + ": api-level '" + level + "' is not a whole number of 1 or more"
                    + (level.contains("${") ? " (not filled in by the build: resource filtering)" : ""));
        }
        return ModuleDescriptor.builder(name)
                .apiLevel(Integer.parseInt(level))
                .version(version)
                .description(p.getProperty("description", "").trim())
                .schemas(schemas)
                .requires(requires)
                .classLoader(loader)
                .origin(origin);
    }

    private static String required(Properties p, String key, String file) {
        String v = p.getProperty(key);
        if (v == null || v.isBlank()) {
            throw new PlanException(file + ": '" + key + "' is missing");
        }
        return v.trim();
    }

    private static List<String> split(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
