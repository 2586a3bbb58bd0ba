package dev.schemamodules.core.api;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a {@link ModuleTask} gets: the database, its module as planned (deployed schema names,
 * placeholders), options given with {@code --option key=value}, dry-run, the output writer, and where to report
 * progress of long work (rows done of a total; the runner shows rate and time left).
 */
public record TaskContext(DataSource dataSource, PlannedModule module, Map<String, String> options, boolean dryRun, PrintWriter out, Progress progress) {

    public TaskContext {
        options = Map.copyOf(options);
    }

    /** Progress as plain lines to {@code out}. */
    public TaskContext(DataSource dataSource, PlannedModule module, Map<String, String> options, boolean dryRun, PrintWriter out) {
        this(dataSource, module, options, dryRun, out, Progress.lines(out));
    }

    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    public int intOption(String key, int defaultValue) {
        String v = options.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("task option " + key + "=" + v + " is not a whole number");
        }
    }
}
