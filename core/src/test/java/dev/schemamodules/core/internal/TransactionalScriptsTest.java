package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionalScriptsTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX CONCURRENTLY idx_t_a ON t (a);",
            "create unique index\n  concurrently idx_t_a ON t (a);",
            "DROP INDEX CONCURRENTLY IF EXISTS idx_t_a;",
            "REINDEX INDEX CONCURRENTLY idx_t_a;",
            "VACUUM ANALYZE t;",
            "CREATE DATABASE other;",
            "ALTER SYSTEM SET work_mem = '8MB';",
            "SET lock_timeout = '5s';\nCREATE INDEX CONCURRENTLY idx_t_b ON t (b);",
    })
    void statementsPostgresRefusesInATransactionBlockMakeTheScriptNonTransactional(String sql) {
        assertThat(TransactionalScripts.canRunInTransaction(sql)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE TABLE t (id bigint PRIMARY KEY);",
            "CREATE INDEX idx_t_a ON t (a);",
            "-- CREATE INDEX CONCURRENTLY is not used here\nCREATE INDEX idx_t_a ON t (a);",
            "/* VACUUM later, by the operator */ ALTER TABLE t ADD COLUMN concurrently_seen boolean;",
            "CREATE TABLE vacuum_log (id bigint);",
    })
    void ordinaryDdlAndCommentsDoNot(String sql) {
        assertThat(TransactionalScripts.canRunInTransaction(sql)).isTrue();
    }

    @Test
    void aBodyMentioningVacuumIsTreatedAsNonTransactionalWhichOnlyMeansNotBatched() {
        assertThat(TransactionalScripts.canRunInTransaction("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$ SELECT 'VACUUM' $$;")).isFalse();
    }
}
