package dev.schemamodules.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link PollingThread}: one daemon thread however often it is started, none after it is stopped, and a stop that ends it. */
class PollingThreadTest {

    @Test
    void starts_one_daemon_thread_however_often_asked_and_stop_interrupts_it_and_waits_for_its_end() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch ended = new CountDownLatch(1);
        Thread[] seen = new Thread[1];
        PollingThread t = new PollingThread("test-poller", () -> {
            runs.incrementAndGet();
            seen[0] = Thread.currentThread();
            running.countDown();
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                ended.countDown();
            }
        });
        t.start();
        t.start();
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        t.start();
        assertThat(seen[0].isDaemon()).isTrue();
        assertThat(seen[0].getName()).isEqualTo("test-poller");
        t.stop();
        assertThat(ended.getCount()).isZero();
        assertThat(seen[0].isAlive()).isFalse();
        t.start();
        assertThat(runs.get()).isEqualTo(1);
    }

    @Test
    void a_thread_stopped_before_it_was_started_never_starts() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        PollingThread t = new PollingThread("test-poller", runs::incrementAndGet);
        t.stop();
        t.start();
        Thread.sleep(100);
        assertThat(runs.get()).isZero();
    }
}
