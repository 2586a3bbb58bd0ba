package dev.schemamodules.runner.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The runner's logging, set up in code (found by logback through {@code META-INF/services}) instead of from an
 * XML file: parsing a configuration file was one of the larger single steps of a no-op run's start.
 *
 * <p>The runner prints its own progress; libraries only speak up for warnings, on standard error. Flyway and
 * HikariCP are silent: every failure reaches the user as the runner's own one-line message (FlywayMessages
 * translates Flyway's: what happened, file and line, what to run next); their own log lines would repeat it in
 * Flyway's words ("restore backups", "run repair") with stack traces.
 *
 * <p>A configuration file of the user's ({@code -Dlogback.configurationFile=...}) or a {@code logback-test.xml} on
 * the class path is used instead, as logback would without this class.
 */
public final class LogConfiguration extends ContextAwareBase implements Configurator {

    /** The pattern of the runner's log lines on standard error. */
    static final String PATTERN = "%-5level %logger{24} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (fileChosen()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        apply(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Whether logback is to read a configuration file instead: one the user names, or a test's. */
    static boolean fileChosen() {
        return System.getProperty("logback.configurationFile") != null
                || LogConfiguration.class.getClassLoader().getResource("logback-test.xml") != null;
    }

    /** Sets up {@code context} as the runner logs. */
    static void apply(LoggerContext context) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        context.getLogger("org.flywaydb").setLevel(Level.OFF);
        context.getLogger("com.zaxxer.hikari").setLevel(Level.OFF);
        context.getLogger("io.zonky").setLevel(Level.WARN);
    }
}
