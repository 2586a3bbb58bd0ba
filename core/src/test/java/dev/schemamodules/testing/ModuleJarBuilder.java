package dev.schemamodules.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Builds a real schema-module jar at test time: a compiled {@code SchemaModule} class, its
 * {@code META-INF/services} entry, {@code module.properties} and the scripts given. For scenarios that
 * need modules which must not ship (slow, broken, edited, thousands of migrations), loaded by the
 * runner with {@code --modules-dir}.
 */
public final class ModuleJarBuilder {

    private final String name;
    private final String version;
    private final String schema;
    private String requires = "";
    private Integer apiLevel;
    private String index;
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, String[]> tasks = new LinkedHashMap<>();

    private ModuleJarBuilder(String name, String version, String schema) {
        this.name = name;
        this.version = version;
        this.schema = schema;
    }

    public static ModuleJarBuilder module(String name, String version, String schema) {
        return new ModuleJarBuilder(name, version, schema);
    }

    public ModuleJarBuilder requires(String requires) {
        this.requires = requires;
        return this;
    }

    /** Writes {@code api-level=N} into module.properties (default: no such line, which the engine reads as level 1). */
    public ModuleJarBuilder apiLevel(int apiLevel) {
        this.apiLevel = apiLevel;
        return this;
    }

    /** Adds V{n}, U{n} and verify V{n} for one change. */
    public ModuleJarBuilder migration(int version, String description, String sql, String undo, String verify) {
        String base = version + "__" + description + ".sql";
        files.put("migration/V" + base, sql);
        if (undo != null) {
            files.put("undo/U" + base, undo);
        }
        if (verify != null) {
            files.put("verify/V" + base, verify);
        }
        return this;
    }

    /**
     * Writes {@code db/<name>/files.index} as the module build does (every file under {@code db/<name>/}, one a
     * line), or, with {@code lines} given, exactly those lines.
     */
    public ModuleJarBuilder withIndex(String... lines) {
        index = lines.length == 0 ? null : String.join("\n", lines) + "\n";
        if (lines.length == 0) {
            index = "";
        }
        return this;
    }

    /** Adds any file under {@code db/<name>/}, e.g. {@code seed/dev/R__users.sql}. */
    public ModuleJarBuilder file(String relativePath, String content) {
        files.put(relativePath, content);
        return this;
    }

    /**
     * Adds a {@code ModuleTask} named {@code taskName} that runs {@code sql} ({@code ${schema}} replaced by the
     * module's deployed primary schema) and prints "task {@code taskName} done in {@code <schema>}".
     */
    public ModuleJarBuilder task(String taskName, String description, String sql) {
        tasks.put(taskName, new String[] {description, sql});
        return this;
    }

    private static String javaString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    public Path writeTo(Path directory) throws IOException {
        String pkg = "generated." + name.replaceAll("[^a-z0-9]", "_");
        String cls = "GeneratedModule";
        Path src = Files.createTempDirectory("module-src");
        Path javaFile = src.resolve(cls + ".java");
        Files.writeString(javaFile, "package " + pkg + ";\n"
                + "public final class " + cls + " implements dev.schemamodules.core.api.SchemaModule {\n"
                + "  @Override public dev.schemamodules.core.api.ModuleDescriptor descriptor() {\n"
                + "    return dev.schemamodules.core.ModuleDescriptors.load(" + cls + ".class, \"" + name + "\");\n  }\n}\n");
        List<String> sources = new java.util.ArrayList<>(List.of(javaFile.toString()));
        List<String> taskClasses = new java.util.ArrayList<>();
        int n = 0;
        for (Map.Entry<String, String[]> t : tasks.entrySet()) {
            String taskCls = "GeneratedTask" + (++n);
            Path taskFile = src.resolve(taskCls + ".java");
            Files.writeString(taskFile, "package " + pkg + ";\n"
                    + "public final class " + taskCls + " implements dev.schemamodules.core.api.ModuleTask {\n"
                    + "  @Override public String module() { return " + javaString(name) + "; }\n"
                    + "  @Override public String name() { return " + javaString(t.getKey()) + "; }\n"
                    + "  @Override public String description() { return " + javaString(t.getValue()[0]) + "; }\n"
                    + "  @Override public int run(dev.schemamodules.core.api.TaskContext ctx) throws Exception {\n"
                    + "    String schema = ctx.module().primarySchema();\n"
                    + "    try (java.sql.Connection c = ctx.dataSource().getConnection(); java.sql.Statement s = c.createStatement()) {\n"
                    + "      s.execute(" + javaString(t.getValue()[1]) + ".replace(\"${schema}\", schema));\n"
                    + "    }\n"
                    + "    ctx.out().println(\"task " + t.getKey() + " done in \" + schema);\n"
                    + "    ctx.out().flush();\n"
                    + "    return 0;\n  }\n}\n");
            sources.add(taskFile.toString());
            taskClasses.add(pkg + "." + taskCls);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("no Java compiler: run the tests on a JDK, not a JRE");
        }
        Path classes = Files.createDirectories(src.resolve("classes"));
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path")));
        args.addAll(sources);
        int rc = javac.run(null, null, null, args.toArray(String[]::new));
        if (rc != 0) {
            throw new IllegalStateException("compiling the generated module class failed");
        }
        Path jar = directory.resolve(name + "-" + version + ".jar");
        String classPath = pkg.replace('.', '/') + "/" + cls + ".class";
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(os)) {
            put(out, classPath, Files.readAllBytes(classes.resolve(classPath)));
            put(out, "META-INF/services/dev.schemamodules.core.api.SchemaModule", (pkg + "." + cls + "\n").getBytes(StandardCharsets.UTF_8));
            for (String taskClass : taskClasses) {
                String path = taskClass.replace('.', '/') + ".class";
                put(out, path, Files.readAllBytes(classes.resolve(path)));
            }
            if (!taskClasses.isEmpty()) {
                put(out, "META-INF/services/dev.schemamodules.core.api.ModuleTask", (String.join("\n", taskClasses) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            put(out, "db/" + name + "/module.properties", ("name=" + name + "\nversion=" + version + "\nschemas=" + schema + "\nrequires=" + requires + "\n"
                    + (apiLevel == null ? "" : "api-level=" + apiLevel + "\n"))
                    .getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> f : files.entrySet()) {
                put(out, "db/" + name + "/" + f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
            }
            if (index != null) {
                java.util.TreeSet<String> all = new java.util.TreeSet<>(files.keySet());
                all.add("module.properties");
                put(out, "db/" + name + "/files.index", (index.isEmpty() ? String.join("\n", all) + "\n" : index).getBytes(StandardCharsets.UTF_8));
            }
        }
        return jar;
    }

    private static void put(JarOutputStream out, String entry, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(entry));
        out.write(bytes);
        out.closeEntry();
    }

    /** {@code n} one-statement migrations (each creating a tiny table), with undo and verify scripts. */
    public static ModuleJarBuilder generated(String name, String schema, int n) {
        ModuleJarBuilder b = module(name, "1.0.0", schema);
        for (int i = 1; i <= n; i++) {
            b.migration(i, "create_t" + i, "CREATE TABLE t" + i + " (id integer);", "DROP TABLE t" + i + ";",
                    "SELECT 1 FROM t" + i + " LIMIT 1;");
        }
        return b;
    }

    public List<String> fileNames() {
        return List.copyOf(files.keySet());
    }
}
