package dev.schemamodules.runner.support;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** This runner's release version (the runner's pom version, filled in by the build). */
public final class RunnerVersion {

    private static final String VERSION = read();

    private RunnerVersion() {
    }

    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = RunnerVersion.class.getResourceAsStream("/dev/schemamodules/runner/runner.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.contains("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }
}
