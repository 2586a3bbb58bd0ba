package dev.schemamodules.runner.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The runner's logging as logback finds it in the jar: libraries warn on standard error, Flyway and HikariCP say nothing. */
class LogConfigurationTest {

    @Test
    void logback_finds_the_configuration_and_it_silences_flyway_and_hikari() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> p.type().getName()))
                .as("registered in META-INF/services").contains(LogConfiguration.class.getName());
        LoggerContext context = new LoggerContext();
        LogConfiguration.apply(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOfSatisfying(ConsoleAppender.class,
                a -> assertThat(a.getTarget()).isEqualTo("System.err"));
        assertThat(context.getLogger("org.flywaydb.core.Flyway").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("com.zaxxer.hikari.HikariDataSource").getEffectiveLevel()).isEqualTo(Level.OFF);
        assertThat(context.getLogger("io.zonky.test").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.postgresql.Driver").isEnabledFor(Level.WARN)).isTrue();
        assertThat(context.getLogger("org.postgresql.Driver").isEnabledFor(Level.INFO)).isFalse();
    }

    @Test
    void a_configuration_file_the_user_names_is_used_instead() {
        String before = System.getProperty("logback.configurationFile");
        System.setProperty("logback.configurationFile", "mine.xml");
        try {
            LoggerContext context = new LoggerContext();
            LogConfiguration configuration = new LogConfiguration();
            configuration.setContext(context);
            assertThat(LogConfiguration.fileChosen()).isTrue();
            assertThat(configuration.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).isNull();
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
