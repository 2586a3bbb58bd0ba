package dev.schemamodules.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Entry point of bench/run.sh (not a test): {@code [--full] [--runner-jar PATH] [item ...]} where an item
 * is {@code full-apply}, {@code noop}, {@code provisioning}, {@code scale}, {@code data}, {@code boundary}; none = all.
 * Prints Markdown tables on standard output.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        boolean full = false;
        String jar = System.getProperty("bench.runnerJar", "runner/target/schema-modules-runner.jar");
        List<String> items = new ArrayList<>();
        List<String> a = Arrays.asList(args.length == 1 ? args[0].trim().split("\\s+") : args);
        for (int i = 0; i < a.size(); i++) {
            switch (a.get(i)) {
                case "--full" -> full = true;
                case "--runner-jar" -> jar = a.get(++i);
                case "" -> { }
                default -> items.add(a.get(i));
            }
        }
        if (items.isEmpty() || items.contains("all")) {
            items = List.of("full-apply", "noop", "provisioning", "scale", "data");
        }
        System.out.println("## schema-modules benchmarks (" + (full ? "full" : "default") + " size)");
        System.out.println();
        System.out.println("Machine: " + Bench.machine());
        long t = System.nanoTime();
        for (String item : items) {
            switch (item) {
                case "full-apply" -> FullApplyBenchmark.run(full ? 5 : 3, jar);
                case "noop" -> NoopBenchmark.run(jar, full ? 7 : 5);
                case "provisioning" -> ProvisioningBenchmark.run(full ? 9 : 5);
                case "scale" -> ScaleBenchmark.run(full ? List.of(1000, 3000, 10000) : List.of(1000), full ? 5 : 1);
                case "data" -> DataMigrationBenchmark.run(full ? 1_000_000 : 100_000, full ? new int[] {500, 5000} : new int[] {500});
                case "boundary" -> BoundaryCheckBenchmark.run(full ? 9 : 5);
                default -> throw new IllegalArgumentException("unknown item " + item + " (full-apply, noop, provisioning, scale, data, boundary)");
            }
        }
        System.out.printf("%nall benchmarks: %.0f s%n", (System.nanoTime() - t) / 1e9);
        String goals = System.getProperty("bench.goals");
        if (goals != null) {
            java.nio.file.Files.write(java.nio.file.Path.of(goals), Bench.goals());
        }
        System.exit(0);
    }
}
