package io.workflow.application.service;

import io.workflow.application.WakeDueRuns;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Claims due runs in batches ({@link RunRepository#claimDue}: one statement for the batch, workers
 * polling together share rather than collide) and resumes each on a virtual thread of its own, at
 * most {@code concurrency} at a time: a worker claims no more than it has room for, so a run it
 * claims starts at once and its lease is not spent waiting.
 */
public final class WakeDueRunsService implements WakeDueRuns, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(WakeDueRunsService.class.getName());

    private final RunRepository runs;
    private final ExecuteRunService execute;
    private final Clock clock;
    private final int batchSize;
    private final Semaphore room;
    private final ExecutorService threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("due-run-", 0).factory());

    public WakeDueRunsService(RunRepository runs, ExecuteRunService execute, Clock clock, int batchSize, int concurrency) {
        if (batchSize < 1 || concurrency < 1) {
            throw new IllegalArgumentException("batchSize and concurrency must be positive");
        }
        this.runs = runs;
        this.execute = execute;
        this.clock = clock;
        this.batchSize = batchSize;
        this.room = new Semaphore(concurrency);
    }

    @Override
    public int wake() {
        int wanted = Math.min(batchSize, room.availablePermits());
        if (wanted == 0 || !room.tryAcquire(wanted)) {
            return 0;
        }
        List<Run> claimed;
        try {
            Instant now = clock.instant();
            claimed = runs.claimDue(now, now.plus(execute.lease()), wanted);
        } catch (RuntimeException e) {
            room.release(wanted);
            throw e;
        }
        room.release(wanted - claimed.size());
        for (Run run : claimed) {
            threads.execute(() -> {
                try {
                    execute.resume(run);
                } catch (RuntimeException e) {
                    // Its lease runs out and the next poll claims it again.
                    LOG.log(Level.WARNING, "due run " + run.id() + " failed to resume; it is claimed again when its lease runs out", e);
                } finally {
                    room.release();
                }
            });
        }
        return claimed.size();
    }

    /** Interrupts the runs resumed here (each hands its run back) and waits briefly for them. */
    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
