package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/**
 * What a lock-report probe reports as its failure: the first one, but a deadlock with the migration (SQLSTATE
 * 40P01) replaces an earlier ordinary failure, once. The deadlock itself is measured on real PostgreSQL by the
 * lock report of medication V5 (docs/benchmarks.md); here only the choice of message.
 */
class LockProbeTest {

    private static final SQLException DUPLICATE = new SQLException("ERROR: duplicate key value violates unique constraint \"k\"\n  Detail: x", "23505");
    private static final SQLException DEADLOCK = new SQLException("ERROR: deadlock detected\n  Detail: Process 1 waits", "40P01");
    private static final SQLException OTHER_DEADLOCK = new SQLException("ERROR: deadlock detected (second)", "40P01");

    @Test
    void the_first_failure_is_reported_on_its_first_line() {
        assertThat(LockProbe.reported(null, false, DUPLICATE)).isEqualTo("ERROR: duplicate key value violates unique constraint \"k\"");
    }

    @Test
    void a_later_deadlock_replaces_an_ordinary_first_failure_once() {
        String first = LockProbe.reported(null, false, DUPLICATE);
        String afterDeadlock = LockProbe.reported(first, false, DEADLOCK);
        assertThat(afterDeadlock).as("deadlock after an ordinary failure").isEqualTo("ERROR: deadlock detected");
        assertThat(LockProbe.reported(afterDeadlock, true, OTHER_DEADLOCK)).as("a second deadlock").isEqualTo("ERROR: deadlock detected");
        assertThat(LockProbe.reported(afterDeadlock, true, DUPLICATE)).as("an ordinary failure after the deadlock").isEqualTo("ERROR: deadlock detected");
    }
}
