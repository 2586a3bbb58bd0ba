package dev.schemamodules.core.lint;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.PlanException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one lint entry point, shared by the build and the runner's {@code lint} command: which modules are
 * linted ({@link #select}, {@link #builtIn}), the findings ({@link Linter#report}), the text output and
 * the exit code ({@link #print}). The runner parses its options with picocli and calls these; the build
 * calls {@link #main} with the module's output directory and nothing else, so there is no second option
 * parser.
 *
 * <p>Build use (exec-maven-plugin, {@code process-classes} phase, class path = the module's compile
 * class path): {@code java dev.schemamodules.core.lint.Lint target/classes}. It lints only the modules
 * whose scripts are in that directory, so each module is linted once, in its own build: the platform
 * module in core's build, never again in the domain modules' builds that have core on their class path.
 */
public final class Lint {

    private Lint() {
    }

    /** Lints the modules built into the given output directories; exit code as {@link #print}. */
    public static void main(String[] outputDirectories) {
        System.exit(build(Arrays.stream(outputDirectories).map(Path::of).toList(), Thread.currentThread().getContextClassLoader(),
                System.out::println, System.err::println));
    }

    /** Everything {@link #main} does except exiting. */
    static int build(List<Path> outputDirectories, ClassLoader loader, Consumer<String> out, Consumer<String> err) {
        if (outputDirectories.isEmpty()) {
            err.accept("lint: name the build output directory (e.g. target/classes) whose modules are linted");
            return 2;
        }
        ModuleRegistry registry = ModuleRegistry.discover(loader);
        List<ModuleDescriptor> modules = builtIn(registry, outputDirectories);
        if (modules.isEmpty()) {
            err.accept("lint: no module's scripts (db/<module>/module.properties) in " + outputDirectories);
            return 2;
        }
        return print(modules.stream().map(m -> Linter.report(m, registry)).toList(), false, out);
    }

    /** The modules whose resources ({@code db/<module>/}) are in one of {@code outputDirectories}. */
    public static List<ModuleDescriptor> builtIn(ModuleRegistry registry, List<Path> outputDirectories) {
        return registry.all().stream()
                .filter(m -> outputDirectories.stream().anyMatch(d -> Files.isDirectory(d.resolve(m.resourceRoot()))))
                .toList();
    }

    /**
     * The modules named (only those: linting needs no dependencies), or every module when none is named.
     *
     * @throws PlanException naming the unknown module and the ones available
     */
    public static List<ModuleDescriptor> select(ModuleRegistry registry, List<String> names) {
        if (names.isEmpty()) {
            return new ArrayList<>(registry.all());
        }
        List<ModuleDescriptor> selected = new ArrayList<>();
        for (String name : names) {
            selected.add(registry.find(name).orElseThrow(() -> new PlanException("no module named '" + name + "' (available: "
                    + String.join(", ", registry.names()) + ")")));
        }
        return selected;
    }

    /**
     * Prints each unwaived finding as {@code <file>:<line>: <ruleId> <message>} (waived ones too, with
     * their reason, when {@code showWaived}), then {@code lint: N scripts, K findings (M waived)}.
     *
     * @return 0 without unwaived findings, 1 with
     */
    public static int print(List<Linter.Report> reports, boolean showWaived, Consumer<String> out) {
        int scripts = 0;
        int unwaived = 0;
        int waived = 0;
        for (Linter.Report report : reports) {
            scripts += report.scripts();
            for (LintFinding f : report.findings()) {
                if (f.waived()) {
                    waived++;
                } else {
                    unwaived++;
                }
                if (!f.waived() || showWaived) {
                    out.accept(f.format());
                }
            }
        }
        out.accept("lint: " + scripts + " scripts, " + unwaived + " findings (" + waived + " waived)");
        return unwaived == 0 ? 0 : 1;
    }
}
