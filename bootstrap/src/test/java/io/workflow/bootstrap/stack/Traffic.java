package io.workflow.bootstrap.stack;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Background users that repeat one flow until closed. {@link #close()} stops them whatever failed
 * first in the test that started them, and waits a bounded time: a test that fails half-way must
 * not leave its own load running, and nothing here can wait forever.
 */
final class Traffic implements AutoCloseable {
    /** One pass of a user's flow; returns how many requests it sent. Failures go to {@link #failures()}. */
    @FunctionalInterface
    interface Flow {
        int once() throws Exception;
    }

    /** The longest a user's current flow may take to notice it should stop (its requests time out at 30 s). */
    private static final Duration STOP_WITHIN = Duration.ofSeconds(60);

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger requests = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ExecutorService users = Executors.newVirtualThreadPerTaskExecutor();

    private Traffic() {
    }

    static Traffic start(int userCount, Flow flow) {
        Traffic traffic = new Traffic();
        for (int u = 0; u < userCount; u++) {
            traffic.users.submit(() -> {
                while (traffic.running.get()) {
                    try {
                        traffic.requests.addAndGet(flow.once());
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception | AssertionError e) {
                        traffic.failures.add(e.toString());
                    }
                }
            });
        }
        return traffic;
    }

    int requests() {
        return requests.get();
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops every user; users still busy after {@link #STOP_WITHIN} are interrupted. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        users.shutdown();
        if (!users.awaitTermination(STOP_WITHIN.toSeconds(), TimeUnit.SECONDS)) {
            users.shutdownNow();
            if (!users.awaitTermination(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("background users did not stop within " + STOP_WITHIN.plusSeconds(10));
            }
        }
    }
}
