package dev.schemamodules.core;

import dev.schemamodules.core.api.ConfigurationException;
import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.Plan;
import dev.schemamodules.core.api.PlanException;
import dev.schemamodules.core.api.PlanRequest;
import dev.schemamodules.core.api.PlannedModule;
import dev.schemamodules.core.api.Requirement;
import dev.schemamodules.core.api.SchemaModule;
import dev.schemamodules.core.api.Version;
import dev.schemamodules.core.internal.DependencyGraph;
import dev.schemamodules.core.internal.ModuleScripts;
import dev.schemamodules.core.internal.Resources;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Turns a {@link PlanRequest} into a {@link Plan}: pulls in dependencies, orders modules, resolves
 * schema names and placeholders. Every error here is raised before a connection exists.
 */
public final class Planner {

    private Planner() {
    }

    /**
     * Plans {@code request} against the modules of {@code registry}.
     *
     * @throws PlanException when a module is unknown, a requirement missing, cyclic or too new, or two
     *                       modules would share a schema
     */
    public static Plan plan(ModuleRegistry registry, PlanRequest request) {
        List<String> roots = request.modules().isEmpty() ? registry.names() : request.modules();
        for (String name : roots) {
            if (registry.find(name).isEmpty()) {
                throw new PlanException("unknown module '" + name + "'; available: " + String.join(", ", registry.names()));
            }
        }
        Map<String, List<String>> requires = new HashMap<>();
        for (ModuleDescriptor d : registry.all()) {
            requires.put(d.name(), d.requires().stream().map(Requirement::module).toList());
        }
        Set<String> selected = DependencyGraph.closure(roots, requires);
        for (String name : selected) {
            ModuleDescriptor d = registry.find(name).orElse(null);
            if (d != null && d.apiLevel() > SchemaModule.API_LEVEL) {
                throw new PlanException("module " + d.name() + " " + d.version() + " (" + d.origin() + ") needs module-API level " + d.apiLevel()
                        + ", but this engine supports up to level " + SchemaModule.API_LEVEL + ": deploy it with a newer runner (nothing was changed)");
            }
        }

        Map<String, Version> latest = new HashMap<>();
        for (String name : selected) {
            ModuleDescriptor d = registry.find(name).orElseThrow();
            for (Requirement r : d.requires()) {
                if (registry.find(r.module()).isEmpty()) {
                    throw new PlanException("module " + d.name() + " requires " + r + ", but no module named '" + r.module()
                            + "' is available (available: " + String.join(", ", registry.names()) + ")");
                }
            }
        }
        DependencyGraph graph = new DependencyGraph();
        for (String name : selected) {
            graph.add(name, requires.get(name));
        }
        List<String> order = graph.topologicalOrder();

        for (String name : order) {
            latest.put(name, ModuleScripts.of(registry.find(name).orElseThrow()).latestVersion());
        }
        for (String name : order) {
            ModuleDescriptor d = registry.find(name).orElseThrow();
            for (Requirement r : d.requires()) {
                Version available = latest.get(r.module());
                if (available.compareTo(r.minimumVersion()) < 0) {
                    ModuleDescriptor dep = registry.find(r.module()).orElseThrow();
                    throw new PlanException("module " + d.name() + " requires " + r + ", but " + dep.name() + " " + dep.version()
                            + " (" + dep.origin() + ") only reaches schema version " + available);
                }
            }
        }

        Map<String, String> deployed = resolveSchemas(order, registry, request.schemaOverrides());
        Set<String> requested = new LinkedHashSet<>(roots);
        List<PlannedModule> planned = new ArrayList<>();
        Set<String> environments = new java.util.TreeSet<>();
        for (String name : order) {
            ModuleDescriptor d = registry.find(name).orElseThrow();
            List<String> schemas = d.schemas().stream().map(deployed::get).toList();
            Map<String, String> placeholders = new LinkedHashMap<>();
            placeholders.put("schema", schemas.get(0));
            List<String> allowed = new ArrayList<>(schemas);
            for (String s : d.schemas()) {
                placeholders.put("schema." + s, deployed.get(s));
            }
            for (Requirement r : d.requires()) {
                for (String s : registry.find(r.module()).orElseThrow().schemas()) {
                    placeholders.put("schema." + s, deployed.get(s));
                    allowed.add(deployed.get(s));
                }
            }
            List<String> seeds = new ArrayList<>();
            request.seedEnvironment().ifPresent(env -> {
                List<String> envs = Resources.listDirectories(d, d.resourceRoot() + "/seed");
                environments.addAll(envs);
                if (envs.contains("common")) {
                    seeds.add(d.seedLocation("common"));
                }
                if (!env.equals("common") && envs.contains(env)) {
                    seeds.add(d.seedLocation(env));
                }
            });
            planned.add(new PlannedModule(d, schemas, placeholders, List.copyOf(new LinkedHashSet<>(allowed)),
                    latest.get(name), requested.contains(name), seeds));
        }
        request.seedEnvironment().ifPresent(env -> {
            if (!environments.contains(env)) {
                throw new ConfigurationException("--seed " + env + ": no module of the plan (" + String.join(", ", order) + ") has seed data for '"
                        + env + "'; " + (environments.isEmpty() ? "they have no seed data at all" : "valid choices: " + String.join(", ", environments)));
            }
        });
        return new Plan(planned, request.seedEnvironment());
    }

    /** The schema version {@code module} reaches once all its migrations are applied ({@code 0} when it ships none). */
    public static Version latestVersion(ModuleDescriptor module) {
        return ModuleScripts.of(module).latestVersion();
    }

    private static Map<String, String> resolveSchemas(List<String> order, ModuleRegistry registry, Map<String, String> overrides) {
        Map<String, String> owner = new TreeMap<>();
        Map<String, String> deployed = new HashMap<>();
        for (String name : order) {
            for (String s : registry.find(name).orElseThrow().schemas()) {
                deployed.put(s, overrides.getOrDefault(s, s));
                owner.put(s, name);
            }
        }
        for (var e : overrides.entrySet()) {
            if (!owner.containsKey(e.getKey())) {
                throw new PlanException("schema override " + e.getKey() + "=" + e.getValue() + " names no schema of the planned modules (their schemas: "
                        + String.join(", ", owner.keySet()) + ")");
            }
            if (!ModuleDescriptor.SCHEMA.matcher(e.getValue()).matches()) {
                throw new PlanException("schema override " + e.getKey() + "=" + e.getValue() + ": '" + e.getValue() + "' is not a valid schema name");
            }
        }
        Map<String, List<String>> byDeployed = deployed.entrySet().stream().collect(Collectors.groupingBy(Map.Entry::getValue,
                TreeMap::new, Collectors.mapping(e -> owner.get(e.getKey()), Collectors.toList())));
        byDeployed.forEach((schema, modules) -> {
            Set<String> distinct = new LinkedHashSet<>(modules);
            if (distinct.size() > 1) {
                throw new PlanException("modules " + String.join(" and ", distinct) + " would share schema " + schema
                        + "; each module keeps its history table in its own schema, so give one of them another schema (--schema default=name)");
            }
        });
        return deployed;
    }
}
