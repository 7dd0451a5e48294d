package io.workflow.perf.load;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;

import io.workflow.perf.http.HttpConnection;

/**
 * Iterations of the flow started at a constant rate whatever the target's speed, so a slow target cannot slow
 * the arrivals down (no coordinated omission). Each iteration's first latency counts from its scheduled time.
 * At most {@code maxInFlight} iterations run at once; one scheduled when all are busy is dropped and counted.
 * Connections are pooled and kept alive, since a new one per iteration would exhaust the loopback's ports.
 */
final class OpenLoopPhase {

    private final Target target;
    private final LoadSettings settings;

    OpenLoopPhase(Target target, LoadSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    long run(double ratePerSecond, Duration duration, int maxInFlight, PhaseMetrics metrics, LongConsumer onStart) {
        FlowRunner flow = new FlowRunner(target, settings.requestTimeout().toNanos(), metrics);
        long connectTimeout = settings.connectTimeout().toNanos();
        Semaphore slots = new Semaphore(maxInFlight);
        ArrayBlockingQueue<HttpConnection> idle = new ArrayBlockingQueue<>(maxInFlight);
        long iterations = (long) Math.floor(ratePerSecond * duration.toNanos() / 1e9);
        long start = System.nanoTime();
        onStart.accept(start);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < iterations; i++) {
                long scheduled = start + (long) (i * 1e9 / ratePerSecond);
                for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                metrics.iterationScheduled();
                if (!slots.tryAcquire()) {
                    metrics.iterationDropped();
                    continue;
                }
                long iteration = i + 1;
                executor.execute(() -> {
                    metrics.iterationStartedLate(System.nanoTime() - scheduled);
                    metrics.userStarted();
                    HttpConnection connection = idle.poll();
                    if (connection == null) {
                        connection = target.connect(connectTimeout);
                    }
                    boolean completed = false;
                    try {
                        completed = flow.run(connection, iteration, scheduled);
                    } finally {
                        metrics.userFinished(completed);
                        if (!connection.isOpen() || !idle.offer(connection)) {
                            connection.close();
                        }
                        slots.release();
                    }
                });
            }
        }
        long wall = System.nanoTime() - start;
        idle.forEach(HttpConnection::close);
        return wall;
    }
}
