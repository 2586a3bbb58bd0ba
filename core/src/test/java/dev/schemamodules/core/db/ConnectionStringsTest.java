package dev.schemamodules.core.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.schemamodules.core.api.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionStringsTest {

    @Test
    void libpq_uri_becomes_jdbc_url_with_credentials_kept_apart() {
        ConnectionSettings s = ConnectionSettings.parse("postgresql://app:s3cr%40t@db.example.com:6543/clinic?sslmode=require&application_name=x");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://db.example.com:6543/clinic?sslmode=require&ApplicationName=x");
        assertThat(s.user()).contains("app");
        assertThat(s.password()).contains("s3cr@t");
        assertThat(s.masked()).isEqualTo("postgresql://app:***@db.example.com:6543/clinic?sslmode=require&ApplicationName=x");
        assertThat(s.toString()).doesNotContain("s3cr");
    }

    @Test
    void postgres_scheme_and_default_port_and_database() {
        ConnectionSettings s = ConnectionSettings.parse("postgres://u@localhost");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://localhost:5432/postgres");
        assertThat(s.password()).isEmpty();
        assertThat(s.masked()).isEqualTo("postgresql://u@localhost:5432/postgres");
    }

    @Test
    void jdbc_url_user_and_password_parameters_are_moved_out_of_the_url() {
        ConnectionSettings s = ConnectionSettings.parse("jdbc:postgresql://h:5433/d?user=me&password=pw123&ssl=true");
        assertThat(s.jdbcUrl()).isEqualTo("jdbc:postgresql://h:5433/d?ssl=true");
        assertThat(s.user()).contains("me");
        assertThat(s.password()).contains("pw123");
        assertThat(s.masked()).doesNotContain("pw123").contains("me:***@");
    }

    @Test
    void mask_hides_passwords_in_any_text() {
        String text = "failed: postgresql://bob:hunter2@h/db and jdbc:postgresql://h/db?user=x&password=hunter2 and postgres://a:b@c";
        String masked = ConnectionStrings.mask(text);
        assertThat(masked).doesNotContain("hunter2").contains("bob:***@").contains("password=***").contains("a:***@c");
    }

    @Test
    void scrub_hides_the_password_even_where_it_appears_bare() {
        ConnectionSettings s = ConnectionSettings.parse("postgresql://u:Very$ecret@h/d");
        assertThat(s.scrub("password authentication failed, tried Very$ecret")).doesNotContain("Very$ecret");
    }

    @Test
    void malformed_urls_are_usage_errors_without_the_password() {
        assertThatThrownBy(() -> ConnectionSettings.parse("mysql://u:topsecret@h/d")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("not a PostgreSQL URL").hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> ConnectionSettings.parse("postgresql://u:top secret@h/d")).isInstanceOf(ConfigurationException.class)
                .hasMessageNotContaining("top secret");
        assertThatThrownBy(() -> ConnectionSettings.parse("postgresql://h:99999/d")).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("port 99999");
        assertThatThrownBy(() -> ConnectionSettings.parse(" ")).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void url_resolution_prefers_option_then_environment_then_dot_env(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(".env"), "# app settings\nexport DATABASE_URL=\"postgresql://envfile:pw@filehost/db\"\nOTHER=1\n");
        assertThat(ConnectionSettings.resolve("postgresql://opt@h/d", Map.of("DATABASE_URL", "postgresql://env@h/d"), dir).orElseThrow().origin()).isEqualTo("--url");
        assertThat(ConnectionSettings.resolve(null, Map.of("DATABASE_URL", "postgresql://env@h/d"), dir).orElseThrow().settings().user()).contains("env");
        ConnectionSettings.Source fromFile = ConnectionSettings.resolve(null, Map.of(), dir).orElseThrow();
        assertThat(fromFile.settings().user()).contains("envfile");
        assertThat(fromFile.origin()).contains(".env");
        assertThat(ConnectionSettings.resolve(null, Map.of(), dir.resolve("nowhere"))).isEmpty();
    }
}
