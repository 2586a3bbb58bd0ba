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

    @ParameterizedTest
    @ValueSource(strings = {
            "CREATE INDEX CONCURRENTLY idx_t_a ON t (a);",
            "-- builds the index\nSET maintenance_work_mem = '256MB';\ncreate unique index concurrently idx_t_a ON t (a) WHERE a <> ';';\nRESET maintenance_work_mem;",
            "DROP INDEX CONCURRENTLY IF EXISTS idx_t_a;\nREINDEX (VERBOSE) TABLE CONCURRENTLY t;",
            "/* ALTER TABLE t ADD COLUMN b int; */ CREATE INDEX CONCURRENTLY idx_t_a ON t (a)",
    })
    void scriptsOfConcurrentIndexStatementsOnly(String sql) {
        assertThat(TransactionalScripts.onlyConcurrentIndexWork(sql)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET maintenance_work_mem = '256MB';",
            "CREATE INDEX CONCURRENTLY idx_t_a ON t (a);\nALTER TABLE t ADD COLUMN b int;",
            // a string holding "--": the ALTER after it is a statement, not a comment
            "CREATE INDEX CONCURRENTLY idx_t_a ON t (a) WHERE note <> '--'; ALTER TABLE other.t ADD COLUMN b int;",
            // "/*" inside a line comment opens no block comment: the DROP runs
            "CREATE INDEX CONCURRENTLY idx_t_a ON t (a); -- see /*\nDROP TABLE other.t; -- */",
            "CREATE INDEX CONCURRENTLY idx_t_a ON t (a);\nDO $$ BEGIN EXECUTE 'DROP TABLE other.t'; END $$;",
    })
    void anyOtherStatementMakesItNo(String sql) {
        assertThat(TransactionalScripts.onlyConcurrentIndexWork(sql)).isFalse();
    }
}
