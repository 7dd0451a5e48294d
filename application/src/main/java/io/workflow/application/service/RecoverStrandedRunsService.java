package io.workflow.application.service;

import io.workflow.application.RecoverStrandedRuns;
import io.workflow.domain.port.RunDispatcher;
import io.workflow.domain.port.RunRepository;
import io.workflow.domain.run.Run;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Dispatches again the runs that nobody is moving forward: pending for longer than
 * {@code pendingGrace} (the process died between storing and dispatching, or the event was lost),
 * or running past their lease (the worker died). Executing twice is harmless: claims are
 * compare-and-set.
 */
public final class RecoverStrandedRunsService implements RecoverStrandedRuns {
    private static final Logger LOG = Logger.getLogger(RecoverStrandedRunsService.class.getName());

    private final RunRepository runs;
    private final RunDispatcher dispatcher;
    private final Clock clock;
    private final Duration pendingGrace;
    private final int batchSize;

    public RecoverStrandedRunsService(RunRepository runs, RunDispatcher dispatcher, Clock clock, Duration pendingGrace, int batchSize) {
        this.runs = runs;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.pendingGrace = pendingGrace;
        this.batchSize = batchSize;
    }

    @Override
    public int recover() {
        Instant now = clock.instant();
        List<Run> stranded = runs.findStranded(now.minus(pendingGrace), now, batchSize);
        int dispatched = 0;
        for (Run run : stranded) {
            try {
                dispatcher.dispatch(run);
                dispatched++;
            } catch (RunDispatcher.DispatchException e) {
                LOG.log(Level.WARNING, "could not dispatch stranded run " + run.id() + "; will try again next sweep", e);
                break;
            }
        }
        if (dispatched > 0) {
            int count = dispatched;
            LOG.info(() -> "dispatched again " + count + " stranded run(s)");
        }
        return dispatched;
    }
}
