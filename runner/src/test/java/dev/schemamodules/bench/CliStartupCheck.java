package dev.schemamodules.bench;

import dev.schemamodules.runner.RunnerEnvironment;
import dev.schemamodules.runner.command.RunnerCommand;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * Not a test: how long the runner's command line takes to build and parse {@code migrate --url …} in a JVM that has
 * just started, as every run of the jar is. Three variants, alternating, each run a JVM of its own started the way the
 * launcher starts the command's JVM (C1 only, serial collector, a class-data sharing archive that a first run of the
 * same class path wrote):
 * <ol>
 * <li>every command, picocli's published jar first on the class path (Java 5 bytecode: the archive cannot hold its
 *     classes), as the runner was before it compiled picocli's sources;</li>
 * <li>every command, the picocli classes the build compiles (in the archive);</li>
 * <li>the command the arguments name only, as the runner builds it now ({@link RunnerCommand#commandLine}).</li>
 * </ol>
 * Arguments: picocli's jar (the version the build compiles, e.g. from the local Maven repository), runs per variant
 * (default 9). Class path: the runner's test classes and its jar.
 */
public final class CliStartupCheck {

    private static final String[] MIGRATE = {"migrate", "--url", "postgresql://app@db.example:5432/app"};

    private CliStartupCheck() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--child")) {
            child(args[1]);
            return;
        }
        if (args.length < 1 || !Files.isRegularFile(Path.of(args[0]))) {
            throw new IllegalArgumentException("usage: CliStartupCheck <picocli jar> [runs per variant]");
        }
        Path picocli = Path.of(args[0]).toAbsolutePath();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        String runner = Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(p -> p.endsWith("schema-modules-runner.jar")).findFirst()
                .orElseThrow(() -> new IllegalStateException("runner/target/schema-modules-runner.jar is not on the class path"));
        Path work = Files.createTempDirectory("cli-startup");
        try {
            Path self = selfJar(work);
            List<String[]> variants = List.of(
                    new String[] {"every command, picocli's published jar (not in the archive)", String.join(java.io.File.pathSeparator, picocli.toString(), runner, self.toString()), "all"},
                    new String[] {"every command, picocli compiled by the build (in the archive)", String.join(java.io.File.pathSeparator, runner, self.toString()), "all"},
                    new String[] {"the named command only (the runner now)", String.join(java.io.File.pathSeparator, runner, self.toString()), "one"});
            for (int v = 0; v < variants.size(); v++) {   // each class path's archive, written by a first run
                String[] variant = variants.get(v);
                run(variant[1], variant[2], "-XX:ArchiveClassesAtExit=" + work.resolve(v + ".jsa"));
            }
            List<List<Double>> times = new ArrayList<>();
            variants.forEach(x -> times.add(new ArrayList<>()));
            for (int i = 0; i < runs; i++) {
                for (int v = 0; v < variants.size(); v++) {
                    String[] variant = variants.get(v);
                    times.get(v).add(run(variant[1], variant[2], "-XX:SharedArchiveFile=" + work.resolve(v + ".jsa")));
                }
            }
            Bench.title("The runner's command line in a JVM that has just started: build it and parse `migrate --url …`, "
                    + runs + " alternating runs each, a JVM per run (C1, serial GC, an archive of the same class path)");
            Bench.header("variant", "min / median / max", "median vs the first");
            for (int v = 0; v < variants.size(); v++) {
                Bench.row(variants.get(v)[0], Bench.spreadMs(times.get(v)),
                        String.format(java.util.Locale.ROOT, "%.2f", Bench.median(times.get(v)) / Bench.median(times.get(0))));
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** In the measured JVM: builds the command line as the variant says, parses {@code migrate --url …}; prints seconds. */
    private static void child(String variant) {
        StringWriter sink = new StringWriter();
        long start = System.nanoTime();
        RunnerCommand root = new RunnerCommand(new RunnerEnvironment(new PrintWriter(sink), new PrintWriter(sink), Map.of(), Path.of("."), false));
        CommandLine cli = RunnerCommand.commandLine(root, variant.equals("one") ? MIGRATE : new String[] {"help"});
        CommandLine.ParseResult parsed = cli.parseArgs(MIGRATE);
        long end = System.nanoTime();
        if (!parsed.hasSubcommand() || !parsed.subcommand().commandSpec().name().equals("migrate")) {
            throw new IllegalStateException("migrate was not parsed");
        }
        System.out.println((end - start) / 1e9);
    }

    private static double run(String classPath, String variant, String archiveOption) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto", "-Xlog:cds=off", "-Xlog:cds+dynamic=off", archiveOption, "-cp", classPath,
                CliStartupCheck.class.getName(), "--child", variant);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
        }
        String[] lines = out.split("\n");
        return Double.parseDouble(lines[lines.length - 1].strip());
    }

    /** This class in a jar of its own: a class-data sharing archive takes no class from a folder on the class path. */
    private static Path selfJar(Path work) throws Exception {
        Path jar = work.resolve("cli-startup-check.jar");
        String name = CliStartupCheck.class.getName().replace('.', '/') + ".class";
        try (InputStream in = CliStartupCheck.class.getClassLoader().getResourceAsStream(name);
             OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            out.putNextEntry(new JarEntry(name));
            out.write(bytes.toByteArray());
            out.closeEntry();
        }
        return jar;
    }
}
