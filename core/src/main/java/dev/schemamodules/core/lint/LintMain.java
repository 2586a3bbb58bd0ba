package dev.schemamodules.core.lint;

import dev.schemamodules.core.api.ModuleDescriptor;
import dev.schemamodules.core.api.ModuleRegistry;
import dev.schemamodules.core.api.SchemaModulesException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lints modules from the build (e.g. exec-maven-plugin's {@code java} goal in a module's
 * {@code process-classes} phase), without a database:
 * <pre>
 * java dev.schemamodules.core.lint.LintMain --module therapy [--module ...] [--show-waived]
 * java dev.schemamodules.core.lint.LintMain --all
 * java dev.schemamodules.core.lint.LintMain therapy messaging
 * </pre>
 * Modules are those {@link ModuleRegistry#discover discovered} on the class path; no module named (or
 * {@code --all}) lints every one found. Prints each unwaived finding as
 * {@code <file>:<line>: <ruleId> <message>} (waived ones too, marked, with {@code --show-waived}), then
 * {@code lint: N scripts, K findings (M waived)}. Exit code 0 without unwaived findings, 1 with, 2 for a
 * usage error or unknown module.
 */
public final class LintMain {

    private LintMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, Thread.currentThread().getContextClassLoader()));
    }

    /** Everything {@link #main} does except exiting; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err, ClassLoader loader) {
        List<String> names = new ArrayList<>();
        boolean all = false;
        boolean showWaived = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--all")) {
                all = true;
            } else if (a.equals("--show-waived")) {
                showWaived = true;
            } else if (a.equals("--module") || a.equals("-m")) {
                if (i + 1 >= args.length) {
                    err.println("lint: " + a + " needs a module name");
                    return 2;
                }
                names.add(args[++i]);
            } else if (a.startsWith("--module=")) {
                names.add(a.substring("--module=".length()));
            } else if (a.equals("--help") || a.equals("-h")) {
                out.println("usage: LintMain [--module NAME]... [--all] [--show-waived] [NAME...]");
                return 0;
            } else if (a.startsWith("-")) {
                err.println("lint: unknown option " + a + " (usage: [--module NAME]... [--all] [--show-waived] [NAME...])");
                return 2;
            } else {
                names.add(a);
            }
        }
        List<ModuleDescriptor> modules;
        try {
            ModuleRegistry registry = ModuleRegistry.discover(loader);
            if (all || names.isEmpty()) {
                modules = new ArrayList<>(registry.all());
            } else {
                modules = new ArrayList<>();
                for (String name : names) {
                    Optional<ModuleDescriptor> m = registry.find(name);
                    if (m.isEmpty()) {
                        err.println("lint: no module named '" + name + "' on the class path (found: " + String.join(", ", registry.names()) + ")");
                        return 2;
                    }
                    modules.add(m.get());
                }
            }
        } catch (SchemaModulesException e) {
            err.println("lint: " + e.getMessage());
            return 2;
        }
        List<Linter.Report> reports = modules.stream().map(Linter::report).toList();
        return print(reports, showWaived, out);
    }

    /** Prints the findings and the summary line; returns 1 if any finding is unwaived, else 0. */
    public static int print(List<Linter.Report> reports, boolean showWaived, PrintStream out) {
        int scripts = 0;
        int unwaived = 0;
        int waived = 0;
        for (Linter.Report report : reports) {
            scripts += report.scripts();
            for (LintFinding f : report.findings()) {
                if (f.waived()) {
                    waived++;
                    if (showWaived) {
                        out.println(f.format());
                    }
                } else {
                    unwaived++;
                    out.println(f.format());
                }
            }
        }
        out.println("lint: " + scripts + " scripts, " + unwaived + " findings (" + waived + " waived)");
        out.flush();
        return unwaived == 0 ? 0 : 1;
    }
}
