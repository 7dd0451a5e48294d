package io.workflow.adapters.memory;

import io.workflow.domain.port.RequestCorrelation;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.run.Run;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Executes dispatched runs in this process (once {@linkplain #start started}), one virtual thread each, at most {@code concurrency}
 * at a time (the rest wait their turn). Runs in flight at shutdown stay pending or running in the
 * store; with a persistent store the stranded-run sweeper picks them up after a restart. The id of
 * the request that dispatched a run ({@link RequestCorrelation}) goes with it to the thread that executes it.
 */
public final class InProcessRunDispatcher implements RunDispatcher, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(InProcessRunDispatcher.class.getName());

    private final Semaphore slots;
    private final RequestCorrelation requests;
    private volatile Consumer<UUID> execute;
    private final ExecutorService executor = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("run-", 0).factory());

    public InProcessRunDispatcher(int concurrency) {
        this(concurrency, RequestCorrelation.NONE);
    }

    public InProcessRunDispatcher(int concurrency, RequestCorrelation requests) {
        this.slots = new Semaphore(concurrency);
        this.requests = requests;
    }

    /** Starts executing dispatched runs with {@code execute}, which performs one run by id (the worker's use case). */
    public void start(Consumer<UUID> execute) {
        this.execute = execute;
    }

    @Override
    public void dispatch(Run run) {
        if (execute == null) {
            throw new DispatchException("the in-process executor has not been started", null);
        }
        String requestId = requests.current();
        try {
            executor.execute(() -> requests.within(requestId, () -> executeInSlot(run.id())));
        } catch (RejectedExecutionException e) {
            throw new DispatchException("the in-process executor is shut down", e);
        }
    }

    private void executeInSlot(UUID runId) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            execute.accept(runId);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "run " + runId + " failed to execute", e);
        } finally {
            slots.release();
        }
    }

    /** Stops taking runs and waits up to {@code grace} for those in flight. */
    public void close(Duration grace) {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
