package dev.schemamodules.runner.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The libpq connection string pg_dump gets, built from pgjdbc's own reading of the URL (no database needed). */
class BackupConninfoTest {

    @Test
    void ipv6_hosts_lose_their_brackets_and_ssl_parameters_are_kept() {
        String c = Backup.conninfo("jdbc:postgresql://[::1]:6543/app?sslmode=verify-full&sslrootcert=/etc/ca.pem&ApplicationName=x", "deploy", "app");
        assertThat(c).isEqualTo("host='::1' port='6543' dbname='app' user='deploy' sslmode='verify-full' sslrootcert='/etc/ca.pem' application_name='x'");
    }

    @Test
    void several_hosts_keep_their_ports_and_pgjdbc_only_parameters_are_dropped() {
        String c = Backup.conninfo("jdbc:postgresql://db1:5432,db2:5433/app?targetServerType=primary&socketTimeout=30&prepareThreshold=0", null, "app");
        assertThat(c).isEqualTo("host='db1,db2' port='5432,5433' dbname='app' target_session_attrs='primary'");
    }

    @Test
    void quotes_and_backslashes_in_values_are_escaped_for_libpq() {
        String c = Backup.conninfo("jdbc:postgresql://h/app?options=-c%20search_path%3D'a'", "o'neil\\x", "app");
        assertThat(c).contains("user='o\\'neil\\\\x'").contains("options='-c search_path=\\'a\\''");
    }
}
