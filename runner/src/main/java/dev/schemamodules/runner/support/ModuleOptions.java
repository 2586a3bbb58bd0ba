package dev.schemamodules.runner.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** Which modules, into which schemas, with which seed data. */
public final class ModuleOptions {

    @Option(names = {"-m", "--modules"}, split = ",", paramLabel = "MODULE", description = "Modules to act on (comma separated); their dependencies come along. Default: all.")
    List<String> modules = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "DEFAULT=NAME", description = "Deploy a module schema under another name, e.g. --schema therapy=public (repeatable).")
    Map<String, String> schemaOverrides = new LinkedHashMap<>();

    @Option(names = "--seed", paramLabel = "ENV", description = "Also apply seed data: 'common' plus this environment's (dev, test, ...).")
    String seed;

    @Option(names = "--modules-dir", paramLabel = "DIR", description = "Also load module jars from this directory; a newer version of a module there wins over the built-in one.")
    Path modulesDir;

    public List<String> modules() {
        return modules;
    }

    public Map<String, String> schemaOverrides() {
        return schemaOverrides;
    }

    public String seed() {
        return seed;
    }

    public Path modulesDir() {
        return modulesDir;
    }
}
