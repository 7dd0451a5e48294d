package io.workflow.adapters.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The API's concurrency limit: permits, a bounded line served in arrival order, a bounded wait. */
class FifoLimitTest {
    private static final Duration LONG = Duration.ofSeconds(10);

    @Test
    void aFreePermit_isTakenAtOnce_andAFullLineRefusesAtOnce() {
        FifoLimit limit = new FifoLimit(1, 0, LONG);

        assertThat(limit.acquire()).isTrue();
        long started = System.nanoTime();
        assertThat(limit.acquire()).as("no permit, no room in line").isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        limit.release();
        assertThat(limit.acquire()).isTrue();
    }

    @Test
    void waiters_getPermitsInTheOrderTheyCame_andOneBeyondTheLineIsRefused() throws Exception {
        FifoLimit limit = new FifoLimit(1, 3, LONG);
        assertThat(limit.acquire()).isTrue();
        List<Integer> served = new CopyOnWriteArrayList<>();
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int number = i;
            waiters.add(Thread.ofVirtual().start(() -> {
                if (limit.acquire()) {
                    served.add(number);
                    limit.release();
                }
            }));
            awaitWaiting(limit, i + 1);
            awaitParked(waiters.getLast()); // each is in the semaphore's queue before the next comes
        }

        assertThat(limit.acquire()).as("a fourth waiter, beyond the line's length").isFalse();
        limit.release();
        for (Thread waiter : waiters) {
            assertThat(waiter.join(LONG)).isTrue();
        }
        assertThat(served).containsExactly(0, 1, 2);
        assertThat(limit.waiting()).isZero();
    }

    @Test
    void aWaiter_isRefusedWhenItsWaitRunsOut_andLeavesTheLine() {
        FifoLimit limit = new FifoLimit(1, 5, Duration.ofMillis(200));
        assertThat(limit.acquire()).isTrue();

        long started = System.nanoTime();
        assertThat(limit.acquire()).isFalse();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(waited).isBetween(150L, 5_000L);
        assertThat(limit.waiting()).isZero();
    }

    @Test
    void anInterruptedWaiter_isRefused_andKeepsItsInterrupt() throws Exception {
        FifoLimit limit = new FifoLimit(1, 5, LONG);
        assertThat(limit.acquire()).isTrue();
        boolean[] result = new boolean[2];
        Thread waiter = Thread.ofVirtual().start(() -> {
            result[0] = limit.acquire();
            result[1] = Thread.currentThread().isInterrupted();
        });
        awaitWaiting(limit, 1);

        waiter.interrupt();

        assertThat(waiter.join(LONG)).isTrue();
        assertThat(result[0]).isFalse();
        assertThat(result[1]).isTrue();
        assertThat(limit.waiting()).isZero();
    }

    private static void awaitParked(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (thread.getState() != Thread.State.TIMED_WAITING) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the waiter did not park within " + LONG.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }

    private static void awaitWaiting(FifoLimit limit, int count) throws InterruptedException {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (limit.waiting() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(count + " waiters not in line within " + LONG.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }
}
