package dev.schemamodules.core.api;

import java.io.PrintWriter;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What a {@link ModuleTask} gets: the database, its module as planned (deployed schema names,
 * placeholders), options given with {@code --option key=value}, dry-run, the output writer, and where to report
 * progress of long work (rows done of a total; the runner shows rate and time left).
 *
 * @param dataSource the database
 * @param module     the task's module as planned
 * @param options    the {@code --option key=value} pairs
 * @param dryRun     whether to report what would be done without changing anything
 * @param out        where the task writes its output
 * @param progress   where the task reports progress of long work
 */
public record TaskContext(DataSource dataSource, PlannedModule module, Map<String, String> options, boolean dryRun, PrintWriter out, Progress progress) {

    /**
     * Copies the options.
     *
     * @param dataSource see {@link #dataSource()}
     * @param module     see {@link #module()}
     * @param options    see {@link #options()}
     * @param dryRun     see {@link #dryRun()}
     * @param out        see {@link #out()}
     * @param progress   see {@link #progress()}
     */
    public TaskContext {
        options = Map.copyOf(options);
    }

    /**
     * A context whose progress is plain lines to {@code out}.
     *
     * @param dataSource the database
     * @param module     the task's module as planned
     * @param options    the {@code --option key=value} pairs
     * @param dryRun     whether to report what would be done without changing anything
     * @param out        where the task writes its output and progress
     */
    public TaskContext(DataSource dataSource, PlannedModule module, Map<String, String> options, boolean dryRun, PrintWriter out) {
        this(dataSource, module, options, dryRun, out, Progress.lines(out));
    }

    /**
     * One option.
     *
     * @param key the option's name
     * @return its value (empty: not given)
     */
    public Optional<String> option(String key) {
        return Optional.ofNullable(options.get(key));
    }

    /**
     * One option as a whole number.
     *
     * @param key          the option's name
     * @param defaultValue the value when not given
     * @return the value
     * @throws ConfigurationException when the value is not a whole number
     */
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
