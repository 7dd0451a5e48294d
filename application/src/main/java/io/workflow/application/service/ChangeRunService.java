package io.workflow.application.service;

import io.workflow.application.CancelRun;
import io.workflow.application.RetryRun;
import io.workflow.domain.NotFoundException;
import io.workflow.domain.port.RunCompletionPublisher;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunDispatcher.DispatchException;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;
import io.workflow.domain.run.RunStatus;

import java.time.Clock;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A person's changes to a run: cancel and retry. Each is a compare-and-set on the stored run, tried
 * again when a worker changed the run in between (a step result, a lease renewal), so it never
 * overwrites a worker's write and never loses to one for long.
 */
public final class ChangeRunService implements CancelRun, RetryRun {
    private static final Logger LOG = Logger.getLogger(ChangeRunService.class.getName());
    /** A worker writes a run a few times a second at most; this many tries always get through. */
    private static final int MAX_TRIES = 20;

    private final RunRepository runs;
    private final RunDispatcher dispatcher;
    private final RunCompletionPublisher completions;
    private final CacheAside<Run> cache;
    private final Clock clock;

    public ChangeRunService(RunRepository runs, RunDispatcher dispatcher, RunCompletionPublisher completions,
                            CacheAside<Run> cache, Clock clock) {
        this.runs = runs;
        this.dispatcher = dispatcher;
        this.completions = completions;
        this.cache = cache;
        this.clock = clock;
    }

    @Override
    public Run cancel(String tenant, UUID runId) {
        Changed cancelled = change(tenant, runId, run -> run.status() == RunStatus.CANCELLED ? run : run.cancel(clock.instant()));
        if (cancelled.stored()) {
            completions.completed(cancelled.run()); // an already cancelled run is not announced again
        }
        return cancelled.run();
    }

    @Override
    public Run retry(String tenant, UUID runId) {
        Run retried = change(tenant, runId, Run::retry).run();
        try {
            dispatcher.dispatch(retried);
        } catch (DispatchException e) {
            // Stored pending: the stranded-run sweeper dispatches it (its creation is long past the grace).
            LOG.log(Level.WARNING, "retried run " + runId + " left to the sweeper: it could not be dispatched now", e);
        }
        return retried;
    }

    /** The run after a change, and whether the change stored it (false: there was nothing to do). */
    private record Changed(Run run, boolean stored) {
    }

    /**
     * Stores {@code change(run)} in place of the tenant's stored run; when the change returns the run
     * itself there is nothing to do, and the run as read is the answer. Domain exceptions from
     * {@code change} (an illegal transition) pass through.
     */
    private Changed change(String tenant, UUID runId, UnaryOperator<Run> change) {
        for (int tries = 1; ; tries++) {
            Run stored = find(tenant, runId);
            Run next = change.apply(stored);
            if (next == stored) {
                return new Changed(stored, false);
            }
            if (runs.compareAndSet(stored, next)) {
                cache.changed(runId);
                return new Changed(next, true);
            }
            if (tries == MAX_TRIES) {
                throw new IllegalStateException("run " + runId + " kept changing; gave up after " + tries + " tries");
            }
        }
    }

    /** The run if {@code tenant} owns it; another tenant's is not found, like an unknown one. */
    private Run find(String tenant, UUID runId) {
        return runs.findById(runId).filter(run -> run.tenant().equals(tenant))
                .orElseThrow(() -> new NotFoundException("run", runId));
    }
}
