package dev.schemamodules.chatbotcrm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The backfill's batch sizing and back-off decisions (pure logic; the task feeds it what it measured on PostgreSQL). */
class BatchThrottleTest {

    private static BatchThrottle throttle() {
        return new BatchThrottle(1000, 100, 50_000, 100, 100, 2000);
    }

    @Test
    void fast_full_batches_grow_at_most_twofold_up_to_the_maximum() {
        BatchThrottle t = throttle();
        assertThat(t.afterBatch(1000, 10, 0)).as("pause after a fast batch").isZero();
        assertThat(t.size()).as("10 ms against a 100 ms target: doubled, not tenfold").isEqualTo(2000);
        assertThat(t.afterBatch(2000, 60, 0)).as("pause").isZero();
        assertThat(t.size()).as("60 ms: grows by 100/60").isEqualTo(3333);
        for (int i = 0; i < 20; i++) {
            t.afterBatch(t.size(), 1, 0);
        }
        assertThat(t.size()).as("capped at the maximum").isEqualTo(50_000);
    }

    @Test
    void a_partial_or_on_target_batch_keeps_the_size() {
        BatchThrottle t = throttle();
        t.afterBatch(400, 10, 0);
        assertThat(t.size()).as("a partial batch (end of range) says nothing about speed").isEqualTo(1000);
        t.afterBatch(1000, 100, 0);
        assertThat(t.size()).as("on target").isEqualTo(1000);
    }

    @Test
    void slow_batches_shrink_in_proportion_down_to_the_minimum() {
        BatchThrottle t = throttle();
        assertThat(t.afterBatch(1000, 400, 0)).as("no pause for a merely slow batch").isZero();
        assertThat(t.size()).as("400 ms against 100 ms: a quarter").isEqualTo(250);
        t.afterBatch(250, 10_000, 0);
        assertThat(t.size()).as("floor").isEqualTo(100);
    }

    @Test
    void a_session_waiting_on_the_batch_halves_it_and_pauses_a_quarter_of_its_wait_at_most_250_ms() {
        BatchThrottle t = new BatchThrottle(1000, 100, 50_000, 100, 150, 2000);
        assertThat(t.afterBatch(1000, 50, 200)).as("pause after a 200 ms wait").isEqualTo(50);
        assertThat(t.size()).as("halved").isEqualTo(500);
        assertThat(t.afterBatch(500, 50, 5000)).as("pause capped").isEqualTo(BatchThrottle.MAX_PAUSE_MILLIS);
        assertThat(t.afterBatch(250, 50, 150)).as("a wait at the limit is fine").isZero();
    }

    @Test
    void replication_lag_over_the_limit_halves_the_batch() {
        BatchThrottle t = throttle();
        assertThat(t.tooMuchLag(0)).as("no replicas").isFalse();
        assertThat(t.tooMuchLag(2000)).as("at the limit").isFalse();
        assertThat(t.size()).as("unchanged").isEqualTo(1000);
        assertThat(t.tooMuchLag(2500)).as("over the limit").isTrue();
        assertThat(t.size()).as("halved").isEqualTo(500);
    }

    @Test
    void inconsistent_bounds_are_refused() {
        assertThatThrownBy(() -> new BatchThrottle(50, 100, 1000, 100, 100, 100)).as("start below minimum").isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BatchThrottle(100, 100, 1000, 0, 100, 100)).as("zero target").isInstanceOf(IllegalArgumentException.class);
    }
}
