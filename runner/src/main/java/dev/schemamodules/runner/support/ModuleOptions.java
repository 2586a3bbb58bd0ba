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

    @Option(names = "--manifest", paramLabel = "FILE", description = {"Deploy exactly the module releases this manifest pins (JSON: Maven coordinates, repositories, sha256 per jar),",
        "resolved with Maven Resolver and checked before anything runs. Built-in modules it does not name are not used",
        "(platform comes with the runner's core). Not with --modules-dir."})
    Path manifest;

    @Option(names = "--cache", paramLabel = "DIR", description = "Where --manifest keeps resolved jars (a Maven local repository; default ~/.cache/schema-modules/repository).")
    Path cache;

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

    public Path manifest() {
        return manifest;
    }

    public Path cache() {
        return cache;
    }
}
