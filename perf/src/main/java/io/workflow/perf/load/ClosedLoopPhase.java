package io.workflow.perf.load;

import java.util.concurrent.CountDownLatch;
import java.util.function.LongConsumer;

import io.workflow.perf.http.HttpConnection;

/** N users released at once, each on its own virtual thread and keep-alive connection, each running the flow once. */
final class ClosedLoopPhase {

    private final Target target;
    private final LoadSettings settings;

    ClosedLoopPhase(Target target, LoadSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    /**
     * Runs {@code users} flows concurrently; {@code onStart} receives time zero just before they are released.
     *
     * @return the wall time in nanoseconds, from release until the last user finished
     */
    long run(int users, PhaseMetrics metrics, LongConsumer onStart) throws InterruptedException {
        FlowRunner flow = new FlowRunner(target, settings.requestTimeout().toNanos(), metrics);
        long connectTimeout = settings.connectTimeout().toNanos();
        CountDownLatch release = new CountDownLatch(1);
        Thread[] threads = new Thread[users];
        for (int i = 0; i < users; i++) {
            long user = i + 1;
            threads[i] = Thread.ofVirtual().name("user-" + user).unstarted(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    return;
                }
                metrics.userStarted();
                boolean completed = false;
                try (HttpConnection connection = target.connect(connectTimeout)) {
                    completed = flow.run(connection, user, System.nanoTime());
                } finally {
                    metrics.userFinished(completed);
                }
            });
            threads[i].start();
        }
        long start = System.nanoTime();
        onStart.accept(start);
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        return System.nanoTime() - start;
    }
}
