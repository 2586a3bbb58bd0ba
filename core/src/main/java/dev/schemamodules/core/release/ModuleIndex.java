package dev.schemamodules.core.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes each module's file index into the build's output directory: {@code db/<module>/files.index}, every
 * file under {@code db/<module>/} (scripts, descriptor, manifests) relative to it, one a line, sorted. The
 * engine lists a jar's scripts from it instead of walking every entry of the jar (a runner jar holds about
 * 8,000, with the embedded PostgreSQL binaries); a jar without the index (built before it existed) is still
 * listed entry by entry.
 */
public final class ModuleIndex {

    /** The index's file name inside a module's resource root ({@code db/<module>/}). */
    public static final String FILE_NAME = "files.index";

    private ModuleIndex() {
    }

    /** Writes the index of every module under {@code outputDirectory/db/}; returns the module names indexed. */
    public static List<String> write(Path outputDirectory) {
        Path db = outputDirectory.resolve("db");
        List<String> indexed = new ArrayList<>();
        if (!Files.isDirectory(db)) {
            return indexed;
        }
        try (Stream<Path> modules = Files.list(db)) {
            for (Path module : modules.filter(p -> Files.isRegularFile(p.resolve("module.properties"))).sorted().toList()) {
                List<String> files;
                try (Stream<Path> walk = Files.walk(module)) {
                    files = walk.filter(Files::isRegularFile)
                            .map(p -> module.relativize(p).toString().replace('\\', '/'))
                            .filter(n -> !n.equals(FILE_NAME))
                            .sorted()
                            .toList();
                }
                Files.writeString(module.resolve(FILE_NAME), String.join("\n", files) + "\n", StandardCharsets.UTF_8);
                indexed.add(module.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the module index under " + db, e);
        }
        return indexed;
    }
}
