package dev.schemamodules.core.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The scripts one release of a schema module shipped, with their SHA-256: what the module's build keeps
 * immutable and what upgrade tests migrate from. One file per release, committed with the module and
 * shipped in its jar at {@code db/<module>/released/<version>.sha256}, in {@code sha256sum} format with paths
 * relative to {@code db/<module>/} ({@code <hex>  migration/V1__create_x.sql}), so it can be checked by hand
 * ({@code cd src/main/resources/db/<module> && sha256sum -c released/1.0.0.sha256}). Lines starting with
 * {@code #} are comments.
 */
public record ReleaseManifest(String module, String version, Map<String, String> files) {

    /** The directories whose files a release fixes: versioned migrations, their undo and verify scripts. */
    public static final List<String> RELEASED_DIRECTORIES = List.of("migration", "undo", "verify");
    /** Where release manifests live inside {@code db/<module>/}. */
    public static final String DIRECTORY = "released";
    public static final String SUFFIX = ".sha256";

    public ReleaseManifest {
        Objects.requireNonNull(module);
        Objects.requireNonNull(version);
        files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** Resource path of a release's manifest, e.g. {@code db/therapy/released/1.0.0.sha256}. */
    public static String resourcePath(String module, String version) {
        return "db/" + module + "/" + DIRECTORY + "/" + version + SUFFIX;
    }

    /** Reads a manifest's text; {@code source} names it in errors. */
    public static ReleaseManifest parse(String module, String version, String text, String source) {
        Map<String, String> files = new TreeMap<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-f]{64}") || parts[1].isBlank()) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected '<sha-256 in hex>  <path>', got: " + line);
            }
            if (files.put(parts[1].strip(), parts[0]) != null) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": " + parts[1].strip() + " is listed twice");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(source + ": lists no file");
        }
        return new ReleaseManifest(module, version, files);
    }

    /** The manifest the module directory {@code moduleRoot} ({@code .../db/<module>}) would get for {@code version} now. */
    public static ReleaseManifest of(String module, String version, Path moduleRoot) {
        Map<String, String> files = new TreeMap<>();
        for (String dir : RELEASED_DIRECTORIES) {
            Path d = moduleRoot.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            try (Stream<Path> s = Files.list(d)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    files.put(dir + "/" + f.getFileName(), sha256(Files.readAllBytes(f)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + d, e);
            }
        }
        return new ReleaseManifest(module, version, files);
    }

    /** The manifest as committed. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("# Schema module ").append(module).append(", release ").append(version)
                .append(": SHA-256 of every migration, undo and verify script it shipped.\n");
        sb.append("# Released scripts are immutable: the module's build fails when one of these files changes or disappears.\n");
        sb.append("# Check by hand: cd src/main/resources/db/").append(module).append(" && sha256sum -c ")
                .append(DIRECTORY).append('/').append(version).append(SUFFIX).append('\n');
        files.forEach((path, sum) -> sb.append(sum).append("  ").append(path).append('\n'));
        return sb.toString();
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }
}
