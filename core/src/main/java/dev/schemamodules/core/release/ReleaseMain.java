package dev.schemamodules.core.release;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The release step of every module's build (exec-maven-plugin, {@code process-classes}, no database):
 * <pre>
 * java dev.schemamodules.core.release.ReleaseMain --resources src/main/resources --version 1.1.0-SNAPSHOT [--cut 1.1.0] [--index target/classes]
 * </pre>
 * With {@code --index DIR}, first writes each module's file index into the output directory DIR ({@link ModuleIndex}).
 * With {@code --cut V} equal to {@code --version}, first writes release V's manifests
 * ({@link ReleaseCheck#cut}); a module whose version is not V is left alone (so {@code -am} builds do not cut
 * their dependencies). Then checks that released scripts are unchanged ({@link ReleaseCheck#check}). Exit
 * code 0 when everything holds, 1 with a problem (each printed as {@code <file>: <what> ...}), 2 for a usage
 * error.
 */
public final class ReleaseMain {

    private ReleaseMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String resources = null;
        String version = null;
        String cut = "";
        String index = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : (i + 1 < args.length ? args[i + 1] : null);
            String key = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (!a.contains("=")) {
                i++;
            }
            switch (key) {
                case "--resources" -> resources = value;
                case "--version" -> version = value;
                case "--cut" -> cut = value == null ? "" : value.strip();
                case "--index" -> index = value;
                default -> {
                    err.println("release: unknown argument " + a + " (usage: --resources DIR --version V [--cut V] [--index DIR])");
                    return 2;
                }
            }
        }
        if (resources == null || version == null || version.isBlank()) {
            err.println("release: --resources DIR and --version V are required");
            return 2;
        }
        if (index != null && !index.isBlank()) {
            try {
                ModuleIndex.write(Path.of(index));
            } catch (RuntimeException e) {
                err.println("release: " + e.getMessage());
                return 1;
            }
        }
        Path dir = Path.of(resources);
        if (!Files.isDirectory(dir)) {
            out.println("release: " + resources + " does not exist, nothing to check");
            return 0;
        }
        try {
            if (!cut.isEmpty()) {
                if (cut.equals(version)) {
                    ReleaseCheck.cut(dir, cut).forEach(l -> out.println("release: " + l));
                } else {
                    out.println("release: not cutting " + cut + " here: this module's version is " + version);
                }
            }
            List<ReleaseCheck.ModuleResult> results = ReleaseCheck.check(dir, version);
            int problems = 0;
            for (ReleaseCheck.ModuleResult r : results) {
                for (String p : r.problems()) {
                    err.println(p);
                    problems++;
                }
                out.println("release: " + r.module() + " " + version + ": "
                        + (r.releases().isEmpty() ? "no release cut yet" : "releases " + String.join(", ", r.releases()) + ", "
                        + r.releasedFiles() + " released scripts checked") + ", " + r.problems().size() + " problems");
            }
            return problems == 0 ? 0 : 1;
        } catch (RuntimeException e) {
            err.println("release: " + e.getMessage());
            return 1;
        }
    }
}
