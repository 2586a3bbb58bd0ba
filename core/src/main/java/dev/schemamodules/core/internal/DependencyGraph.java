package dev.schemamodules.core.internal;

import dev.schemamodules.core.api.PlanException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Orders module names so that every module comes after the modules it requires. Among modules that
 * are ready at the same time the alphabetically first comes first, so the order never depends on
 * class-path or discovery order. A cycle is reported with its path ({@code a -> b -> a}).
 */
public final class DependencyGraph {

    private final Map<String, List<String>> requires = new TreeMap<>();

    /** Adds {@code module} with the names it requires (all of which must be added as nodes too). */
    public DependencyGraph add(String module, List<String> required) {
        requires.put(module, List.copyOf(required));
        return this;
    }

    public List<String> topologicalOrder() {
        Map<String, Integer> unmet = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        for (var e : requires.entrySet()) {
            unmet.put(e.getKey(), e.getValue().size());
            for (String dep : e.getValue()) {
                dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        TreeSet<String> ready = new TreeSet<>();
        unmet.forEach((m, n) -> {
            if (n == 0) {
                ready.add(m);
            }
        });
        List<String> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String next = ready.pollFirst();
            order.add(next);
            for (String dependent : dependents.getOrDefault(next, List.of())) {
                if (unmet.merge(dependent, -1, Integer::sum) == 0) {
                    ready.add(dependent);
                }
            }
        }
        if (order.size() != requires.size()) {
            throw new PlanException("dependency cycle: " + String.join(" -> ", findCycle(new HashSet<>(order)))
                    + "; a module cannot require, directly or through others, itself");
        }
        return order;
    }

    private List<String> findCycle(Set<String> ordered) {
        Map<String, Integer> state = new HashMap<>();
        for (String start : requires.keySet()) {
            if (ordered.contains(start) || state.containsKey(start)) {
                continue;
            }
            Deque<String> path = new ArrayDeque<>();
            List<String> cycle = dfs(start, state, path);
            if (cycle != null) {
                return cycle;
            }
        }
        throw new IllegalStateException("no cycle found among " + requires.keySet());
    }

    private List<String> dfs(String node, Map<String, Integer> state, Deque<String> path) {
        state.put(node, 1);
        path.addLast(node);
        for (String dep : new TreeSet<>(requires.getOrDefault(node, List.of()))) {
            Integer s = state.get(dep);
            if (s != null && s == 1) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String p : path) {
                    in |= p.equals(dep);
                    if (in) {
                        cycle.add(p);
                    }
                }
                cycle.add(dep);
                return cycle;
            }
            if (s == null) {
                List<String> found = dfs(dep, state, path);
                if (found != null) {
                    return found;
                }
            }
        }
        path.removeLast();
        state.put(node, 2);
        return null;
    }

    /** Names reachable from {@code roots} through requirements, roots included, in insertion order. */
    public static Set<String> closure(List<String> roots, Map<String, List<String>> requires) {
        Set<String> result = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            String m = todo.pop();
            if (result.add(m)) {
                todo.addAll(requires.getOrDefault(m, List.of()));
            }
        }
        return result;
    }
}
